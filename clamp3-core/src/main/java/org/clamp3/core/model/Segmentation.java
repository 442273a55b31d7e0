package org.clamp3.core.model;

import java.util.ArrayList;
import java.util.List;

/**
 * The original's way of cutting a sequence of n items into windows of at most L: chunks start at
 * 0, L, 2L, ...; the last chunk is then replaced by the last L items, so it overlaps the one
 * before unless L divides n. Outputs are put back together with the same rule:
 * local features keep all rows of the full chunks and the last {@code n % L} rows of the last;
 * global features average the chunk vectors weighted by L, ..., L, n % L.
 */
public final class Segmentation {
    private Segmentation() {}

    public static List<Window> windows(EncodedInput input, int maxLength) {
        int n = input.length();
        List<Window> out = new ArrayList<>();
        for (int start = 0; start < n; start += maxLength) {
            out.add(new Window(input, start, Math.min(maxLength, n - start)));
        }
        if (!out.isEmpty()) {
            int lastLength = Math.min(maxLength, n);
            out.set(out.size() - 1, new Window(input, n - lastLength, lastLength));
        }
        return out;
    }

    /** Weight of each window's vector in the global average (the items it contributes). */
    public static int[] globalWeights(int n, int maxLength) {
        int full = n / maxLength;
        int rest = n % maxLength;
        int[] w = new int[full + (rest == 0 ? 0 : 1)];
        for (int i = 0; i < full; i++) {
            w[i] = maxLength;
        }
        if (rest != 0) {
            w[full] = rest;
        }
        return w;
    }

    /** Weighted average of the window vectors, accumulated in double. */
    public static float[] globalFeature(List<float[]> windowVectors, int n, int maxLength) {
        int[] weights = globalWeights(n, maxLength);
        if (weights.length != windowVectors.size()) {
            throw new IllegalArgumentException(windowVectors.size() + " window vectors for " + weights.length + " windows");
        }
        int h = windowVectors.get(0).length;
        double[] sum = new double[h];
        long total = 0;
        for (int w = 0; w < weights.length; w++) {
            float[] v = windowVectors.get(w);
            for (int i = 0; i < h; i++) {
                sum[i] += (double) v[i] * weights[w];
            }
            total += weights[w];
        }
        float[] out = new float[h];
        for (int i = 0; i < h; i++) {
            out[i] = (float) (sum[i] / total);
        }
        return out;
    }

    /**
     * Concatenates window outputs (each {@code length × h}, row-major) into the n rows of the
     * whole input: full windows whole, the last one only its last {@code n % L} rows (all of
     * them when L divides n).
     */
    public static float[] localFeature(List<float[]> windowRows, int n, int maxLength, int h) {
        float[] out = new float[n * h];
        int at = 0;
        for (int w = 0; w < windowRows.size(); w++) {
            float[] rows = windowRows.get(w);
            int count = rows.length / h;
            int skip = 0;
            if (w == windowRows.size() - 1 && windowRows.size() > 1 && n % maxLength != 0) {
                skip = count - n % maxLength;
            }
            System.arraycopy(rows, skip * h, out, at, (count - skip) * h);
            at += (count - skip) * h;
        }
        if (at != out.length) {
            throw new IllegalStateException("assembled " + at / h + " rows for " + n + " items");
        }
        return out;
    }
}
