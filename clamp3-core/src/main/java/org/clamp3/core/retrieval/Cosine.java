package org.clamp3.core.retrieval;

/**
 * Cosine similarity computed in double precision. Norms are clamped at 1e-8 like
 * {@code torch.cosine_similarity}, so a zero vector has similarity 0 with everything.
 */
public final class Cosine {
    static final double EPS = 1e-8;

    private Cosine() {}

    public static double norm(float[] v) {
        double s = 0;
        for (float x : v) {
            s += (double) x * x;
        }
        return Math.max(Math.sqrt(s), EPS);
    }

    public static double dot(float[] a, float[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += (double) a[i] * b[i];
        }
        return s;
    }

    public static double similarity(float[] a, float[] b) {
        return dot(a, b) / (norm(a) * norm(b));
    }

    /** v / |v| rounded to float32, the form the similarity matrix is multiplied in. */
    public static float[] unit(float[] v) {
        double n = norm(v);
        float[] u = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            u[i] = (float) (v[i] / n);
        }
        return u;
    }

    /** Element-wise mean of vectors of one length, accumulated in double. */
    public static float[] mean(Iterable<float[]> vectors, int dimension) {
        double[] sum = new double[dimension];
        int n = 0;
        for (float[] v : vectors) {
            for (int i = 0; i < dimension; i++) {
                sum[i] += v[i];
            }
            n++;
        }
        float[] m = new float[dimension];
        for (int i = 0; i < dimension; i++) {
            m[i] = (float) (sum[i] / n);
        }
        return m;
    }
}
