package org.clamp3.serve;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.clamp3.index.SearchableIndex;

/**
 * A 2-D picture of a collection: every item's unit vector projected on the first two principal
 * components (power iteration on the covariance, seeded, so the picture is the same each start).
 * At most {@link #MAX_POINTS} items are drawn (an even sample of larger collections).
 */
public final class CollectionMap {
    public static final int MAX_POINTS = 20_000;
    private static final int ITERATIONS = 60;

    /** One drawn item. */
    public record Point(String key, double x, double y) {}

    private CollectionMap() {}

    public static List<Point> of(SearchableIndex index) throws IOException {
        long count = Math.max(1, index.count());
        int step = (int) Math.max(1, (count + MAX_POINTS - 1) / MAX_POINTS);
        List<String> keys = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        int[] seen = {0};
        index.forEachItem((key, v) -> {
            if (seen[0]++ % step == 0) {
                keys.add(key);
                vectors.add(v);
            }
        });
        if (vectors.isEmpty()) {
            return List.of();
        }
        int d = vectors.get(0).length;
        double[] mean = new double[d];
        for (float[] v : vectors) {
            for (int i = 0; i < d; i++) {
                mean[i] += v[i] / (double) vectors.size();
            }
        }
        double[] first = component(vectors, mean, null, new Random(1));
        double[] second = component(vectors, mean, first, new Random(2));
        List<Point> points = new ArrayList<>(vectors.size());
        for (int k = 0; k < vectors.size(); k++) {
            points.add(new Point(keys.get(k), project(vectors.get(k), mean, first), project(vectors.get(k), mean, second)));
        }
        return points;
    }

    /** The leading eigenvector of the centred data's covariance, orthogonal to {@code other} when given. */
    private static double[] component(List<float[]> vectors, double[] mean, double[] other, Random random) {
        int d = mean.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = random.nextGaussian();
        }
        for (int it = 0; it < ITERATIONS; it++) {
            if (other != null) {
                double dot = dot(v, other);
                for (int i = 0; i < d; i++) {
                    v[i] -= dot * other[i];
                }
            }
            normalize(v);
            double[] next = new double[d];
            for (float[] x : vectors) {
                double s = project(x, mean, v);
                for (int i = 0; i < d; i++) {
                    next[i] += s * (x[i] - mean[i]);
                }
            }
            v = next;
        }
        if (other != null) {
            double dot = dot(v, other);
            for (int i = 0; i < d; i++) {
                v[i] -= dot * other[i];
            }
        }
        normalize(v);
        return v;
    }

    private static double project(float[] x, double[] mean, double[] axis) {
        double s = 0;
        for (int i = 0; i < axis.length; i++) {
            s += (x[i] - mean[i]) * axis[i];
        }
        return s;
    }

    private static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    private static void normalize(double[] v) {
        double n = Math.sqrt(dot(v, v));
        if (n > 0) {
            for (int i = 0; i < v.length; i++) {
                v[i] /= n;
            }
        }
    }
}
