package org.clamp3.train.probe;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.clamp3.core.probe.LinearProbe;
import org.clamp3.core.probe.Softmax;

/**
 * Trains the original classification/train_cls.py linear probe: Linear + softmax, batch size 1,
 * AdamW, and the original's loss, cross-entropy applied to the softmax output (so results
 * compare with the paper's). Each epoch trains on the examples in a fresh shuffled order, then
 * measures accuracy and macro-F1 on the evaluation examples; the caller is told which epochs
 * beat the best eval accuracy so far.
 */
public final class LinearProbeTrainer {

    /** Called after every epoch with the probe as it is then. */
    @FunctionalInterface
    public interface EpochListener {
        void onEpoch(EpochResult result, LinearProbe probe) throws Exception;
    }

    private final List<String> labels;
    private final int inputSize;
    private final ProbeTrainingOptions options;
    private final float[] params; // fc.weight row-major, then fc.bias
    private final Random random;

    public LinearProbeTrainer(List<String> labels, int inputSize, ProbeTrainingOptions options) {
        this.labels = List.copyOf(labels);
        this.inputSize = inputSize;
        this.options = options;
        this.random = new Random(options.seed());
        int classes = labels.size();
        this.params = new float[classes * inputSize + classes];
        // torch.nn.Linear's default: U(-1/sqrt(in), 1/sqrt(in)) for weight and bias
        double bound = 1 / Math.sqrt(inputSize);
        for (int i = 0; i < params.length; i++) {
            params[i] = (float) ((random.nextDouble() * 2 - 1) * bound);
        }
    }

    /** Runs all epochs; returns each epoch's result. */
    public List<EpochResult> train(List<ProbeExample> train, List<ProbeExample> eval, EpochListener listener)
            throws Exception {
        if (train.isEmpty()) {
            throw new IllegalArgumentException("no training examples");
        }
        AdamW optimizer = new AdamW(params.length);
        int classes = labels.size();
        float[] grad = new float[params.length];
        long warmupSteps = (long) options.warmupEpochs() * epochSize(train);
        long step = 0;
        double bestEval = -1;
        List<EpochResult> results = new ArrayList<>();
        for (int epoch = 1; epoch <= options.epochs(); epoch++) {
            List<ProbeExample> order = epochOrder(train);
            double lossSum = 0;
            int correct = 0;
            for (ProbeExample ex : order) {
                double lr = step < warmupSteps ? options.learningRate() * step / warmupSteps : options.learningRate();
                double[] p = Softmax.of(logits(ex.feature()));
                if (Softmax.argmax(p) == ex.label()) {
                    correct++;
                }
                lossSum += gradient(p, ex, grad, classes);
                optimizer.step(params, grad, lr);
                step++;
            }
            double trainAcc = (double) correct / order.size();
            LinearProbe probe = snapshot();
            double[] evalScores = evaluate(probe, eval);
            boolean best = evalScores[0] > bestEval;
            if (best) {
                bestEval = evalScores[0];
            }
            EpochResult result = new EpochResult(epoch, lossSum / order.size(), trainAcc, evalScores[0], evalScores[1], best);
            results.add(result);
            listener.onEpoch(result, probe);
        }
        return results;
    }

    private int epochSize(List<ProbeExample> train) {
        return options.balanced() ? smallestClass(train) * labels.size() : train.size();
    }

    /** The examples of one epoch in training order. */
    private List<ProbeExample> epochOrder(List<ProbeExample> train) {
        List<ProbeExample> order;
        if (options.balanced()) {
            int keep = smallestClass(train);
            order = new ArrayList<>();
            for (int c = 0; c < labels.size(); c++) {
                List<ProbeExample> ofClass = new ArrayList<>();
                for (ProbeExample ex : train) {
                    if (ex.label() == c) {
                        ofClass.add(ex);
                    }
                }
                java.util.Collections.shuffle(ofClass, random);
                order.addAll(ofClass.subList(0, Math.min(keep, ofClass.size())));
            }
        } else {
            order = new ArrayList<>(train);
        }
        java.util.Collections.shuffle(order, random);
        return order;
    }

    private int smallestClass(List<ProbeExample> train) {
        int[] counts = new int[labels.size()];
        for (ProbeExample ex : train) {
            counts[ex.label()]++;
        }
        int min = Integer.MAX_VALUE;
        for (int c : counts) {
            if (c > 0) {
                min = Math.min(min, c);
            }
        }
        return min;
    }

    /**
     * Loss -log softmax(p)[y] with p = softmax(z), and its gradient with respect to the weights
     * and bias, written into grad. Returns the loss.
     */
    private double gradient(double[] p, ProbeExample ex, float[] grad, int classes) {
        double[] q = Softmax.of(p);
        double loss = -Math.log(q[ex.label()]);
        // dL/dp_j = q_j - [j == y]; through the softmax: dL/dz_k = p_k (g_k - sum_j p_j g_j)
        double dot = 0;
        double[] g = new double[classes];
        for (int j = 0; j < classes; j++) {
            g[j] = q[j] - (j == ex.label() ? 1 : 0);
            dot += p[j] * g[j];
        }
        float[] x = ex.feature();
        int biasStart = classes * inputSize;
        for (int k = 0; k < classes; k++) {
            double dz = p[k] * (g[k] - dot);
            int row = k * inputSize;
            for (int i = 0; i < inputSize; i++) {
                grad[row + i] = (float) (dz * x[i]);
            }
            grad[biasStart + k] = (float) dz;
        }
        return loss;
    }

    /** Scores of the current parameters, without copying them into a probe. */
    private double[] logits(float[] x) {
        int classes = labels.size();
        int biasStart = classes * inputSize;
        double[] z = new double[classes];
        for (int c = 0; c < classes; c++) {
            double s = params[biasStart + c];
            int row = c * inputSize;
            for (int i = 0; i < inputSize; i++) {
                s += (double) params[row + i] * x[i];
            }
            z[c] = s;
        }
        return z;
    }

    /** {accuracy, macro-F1} of the probe on the examples (0, 0 when there are none). */
    static double[] evaluate(LinearProbe probe, List<ProbeExample> examples) {
        if (examples.isEmpty()) {
            return new double[] {0, 0};
        }
        int[] truth = new int[examples.size()];
        int[] predicted = new int[examples.size()];
        int correct = 0;
        for (int i = 0; i < examples.size(); i++) {
            truth[i] = examples.get(i).label();
            predicted[i] = probe.predict(examples.get(i).feature());
            correct += truth[i] == predicted[i] ? 1 : 0;
        }
        return new double[] {(double) correct / examples.size(), MacroF1.of(truth, predicted)};
    }

    /** The current parameters as a probe (copied, so later training does not change it). */
    private LinearProbe snapshot() {
        int classes = labels.size();
        float[][] w = new float[classes][inputSize];
        float[] b = new float[classes];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(params, c * inputSize, w[c], 0, inputSize);
        }
        System.arraycopy(params, classes * inputSize, b, 0, classes);
        return new LinearProbe(w, b, labels);
    }
}
