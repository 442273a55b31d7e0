package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

import org.clamp3.core.probe.Softmax;

/**
 * Zero-shot classification, CLaMP 3's "music-to-text retrieval" against a fixed list of labels:
 * each vector is compared with every label's text vector by cosine similarity (double precision,
 * {@link Cosine}), its label is the most similar one, and its scores are
 * {@code softmax(cos / temperature)} over the labels.
 *
 * <p>The original code has no zero-shot script (its README does zero-shot classification with
 * {@code clamp3_search.py}, which ranks by cosine) and trains with a fixed {@code LOGIT_SCALE = 1};
 * so the default temperature is 1: a plain softmax of the cosine similarities. Cosines lie in
 * [-1, 1], so at temperature 1 the probabilities stay close to uniform; a smaller temperature
 * sharpens them without changing which label wins.
 *
 * <p>Ties go to the first label in the given order. Pure computation: no model, no I/O; the vectors
 * to label can come from anything that yields (key, vector) pairs one at a time.
 */
public final class ZeroShot {
    private final List<String> labels;
    private final float[][] vectors;
    private final double[] norms;
    private final double temperature;

    /**
     * One vector's result, everything in label order (the arrays are not copied: do not modify).
     *
     * @param labels        the label names
     * @param best          index of the best label (highest similarity; the first on a tie)
     * @param similarities  cosine similarity to each label's vector
     * @param probabilities {@code softmax(similarities / temperature)}; sums to 1
     */
    public record Prediction(List<String> labels, int best, double[] similarities, double[] probabilities) {
        /** The best label's name. */
        public String label() {
            return labels.get(best);
        }

        /** Label name to probability, in label order. */
        public Map<String, Double> scores() {
            Map<String, Double> m = new LinkedHashMap<>();
            for (int i = 0; i < probabilities.length; i++) {
                m.put(labels.get(i), probabilities[i]);
            }
            return m;
        }

        /** Label indices from the most to the least similar (= probable), label order among equals. */
        public int[] ranking() {
            List<Integer> order = new ArrayList<>(probabilities.length);
            for (int i = 0; i < probabilities.length; i++) {
                order.add(i);
            }
            order.sort((a, b) -> {
                int c = Double.compare(similarities[b], similarities[a]);
                return c != 0 ? c : Integer.compare(a, b);
            });
            return order.stream().mapToInt(Integer::intValue).toArray();
        }
    }

    /** A keyed item and its prediction. */
    public record Labelled(String key, Prediction prediction) {}

    /** A keyed vector to label. */
    public record Item(String key, float[] vector) {}

    /** Temperature 1: a plain softmax of the cosine similarities. */
    public ZeroShot(List<String> labels, List<float[]> vectors) {
        this(labels, vectors, 1.0);
    }

    /**
     * @param labels      at least two distinct names
     * @param vectors     one vector per label, all of one non-zero dimension
     * @param temperature finite and above 0
     * @throws IllegalArgumentException if any of these does not hold
     */
    public ZeroShot(List<String> labels, List<float[]> vectors, double temperature) {
        if (labels.size() != vectors.size()) {
            throw new IllegalArgumentException(labels.size() + " labels but " + vectors.size() + " vectors");
        }
        if (labels.size() < 2) {
            throw new IllegalArgumentException("zero-shot classification needs at least 2 labels, got " + labels.size());
        }
        if (!(temperature > 0) || Double.isInfinite(temperature)) {
            throw new IllegalArgumentException("temperature must be a finite number above 0, got " + temperature);
        }
        Map<String, Integer> seen = new HashMap<>();
        for (int i = 0; i < labels.size(); i++) {
            Integer first = seen.putIfAbsent(labels.get(i), i);
            if (first != null) {
                throw new IllegalArgumentException("duplicate label '" + labels.get(i) + "' (labels " + (first + 1)
                        + " and " + (i + 1) + ")");
            }
        }
        int dim = vectors.get(0).length;
        if (dim == 0) {
            throw new IllegalArgumentException("label vectors are empty");
        }
        this.labels = Collections.unmodifiableList(new ArrayList<>(labels));
        this.vectors = new float[vectors.size()][];
        this.norms = new double[vectors.size()];
        for (int i = 0; i < this.vectors.length; i++) {
            float[] v = vectors.get(i);
            if (v.length != dim) {
                throw new IllegalArgumentException("label '" + labels.get(i) + "' has a vector of dimension " + v.length
                        + ", label '" + labels.get(0) + "' one of " + dim);
            }
            this.vectors[i] = v.clone();
            this.norms[i] = Cosine.norm(v);
        }
        this.temperature = temperature;
    }

    public List<String> labels() {
        return labels;
    }

    /** The dimension of the label vectors, which every classified vector must have. */
    public int dimension() {
        return vectors[0].length;
    }

    public double temperature() {
        return temperature;
    }

    /**
     * Labels one vector.
     *
     * @throws IllegalArgumentException if its dimension is not {@link #dimension()}
     */
    public Prediction classify(float[] vector) {
        if (vector.length != dimension()) {
            throw new IllegalArgumentException("vector has dimension " + vector.length
                    + ", but the label vectors have " + dimension());
        }
        int n = vectors.length;
        double qn = Cosine.norm(vector);
        double[] sims = new double[n];
        int best = 0;
        for (int i = 0; i < n; i++) {
            sims[i] = Cosine.dot(vector, vectors[i]) / (qn * norms[i]);
            if (sims[i] > sims[best]) {
                best = i;
            }
        }
        return new Prediction(labels, best, sims, softmax(sims, temperature));
    }

    /** Labels items as the stream yields them (lazily, nothing is collected). */
    public Stream<Labelled> classify(Stream<Item> items) {
        return items.map(it -> new Labelled(it.key(), classify(it.vector())));
    }

    /**
     * A (key, vector) consumer that labels each vector and hands the result to {@code sink}: for
     * sources that push their items ({@code source.forEach(zeroShot.classifying(sink))}).
     */
    public BiConsumer<String, float[]> classifying(BiConsumer<String, Prediction> sink) {
        return (key, vector) -> sink.accept(key, classify(vector));
    }

    /** {@code softmax(x / temperature)} (stable: {@link Softmax} shifts by the maximum). */
    static double[] softmax(double[] x, double temperature) {
        double[] z = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            z[i] = x[i] / temperature;
        }
        return Softmax.of(z);
    }
}
