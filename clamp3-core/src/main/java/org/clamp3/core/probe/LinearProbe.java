package org.clamp3.core.probe;

import java.util.List;

/**
 * The original classification/ linear probe: one fully connected layer from a global feature to
 * class scores, followed by softmax. Weights are float32 as in the original; scores are
 * accumulated in double.
 */
public final class LinearProbe {
    private final float[][] weight; // [classes][inputSize]
    private final float[] bias;
    private final List<String> labels; // index -> label

    public LinearProbe(float[][] weight, float[] bias, List<String> labels) {
        if (weight.length != bias.length || weight.length != labels.size() || weight.length == 0) {
            throw new IllegalArgumentException("weight rows (" + weight.length + "), bias (" + bias.length
                    + ") and labels (" + labels.size() + ") must agree and be non-empty");
        }
        for (float[] row : weight) {
            if (row.length != weight[0].length) {
                throw new IllegalArgumentException("ragged weight matrix");
            }
        }
        this.weight = weight;
        this.bias = bias;
        this.labels = List.copyOf(labels);
    }

    public int inputSize() {
        return weight[0].length;
    }

    public int classes() {
        return weight.length;
    }

    public List<String> labels() {
        return labels;
    }

    /** fc.weight, shape (classes, inputSize); not copied. */
    public float[][] weight() {
        return weight;
    }

    /** fc.bias, shape (classes); not copied. */
    public float[] bias() {
        return bias;
    }

    public double[] logits(float[] x) {
        if (x.length != inputSize()) {
            throw new IllegalArgumentException("feature has dimension " + x.length + ", the probe expects " + inputSize());
        }
        double[] z = new double[classes()];
        for (int c = 0; c < z.length; c++) {
            double s = bias[c];
            float[] w = weight[c];
            for (int i = 0; i < x.length; i++) {
                s += (double) w[i] * x[i];
            }
            z[c] = s;
        }
        return z;
    }

    /** Softmax of the logits: the probe's output. */
    public double[] probabilities(float[] x) {
        return Softmax.of(logits(x));
    }

    /** Index of the most probable class (the first on a tie, like list.index(max)). */
    public int predict(float[] x) {
        return Softmax.argmax(logits(x));
    }

    public String predictLabel(float[] x) {
        return labels.get(predict(x));
    }
}
