package org.clamp3.core.retrieval;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

/**
 * Products of unit query vectors with unit reference vectors, one block of query rows at a
 * time, in float32. Large products go to libtorch's matmul (through DJL); small ones, where
 * starting the engine would cost more than the product, are done in plain Java.
 */
public final class SimilarityMatrix {
    /** Below this many multiply-adds the plain-Java loop is faster than starting libtorch. */
    static final long NATIVE_THRESHOLD = 200_000_000L;
    private static final int BLOCK_ROWS = 1024;

    /** Receives rows {@code [start, start + rows)} as a row-major {@code rows × n} array. */
    @FunctionalInterface
    public interface BlockConsumer {
        void accept(int start, int rows, float[] similarities);
    }

    private SimilarityMatrix() {}

    /**
     * @param queries    m unit vectors of dimension d
     * @param references n unit vectors of dimension d
     */
    public static void forEachBlock(float[][] queries, float[][] references, BlockConsumer consumer) {
        int m = queries.length;
        int n = references.length;
        if (m == 0 || n == 0) {
            return;
        }
        int d = references[0].length;
        if ((long) m * n * d < NATIVE_THRESHOLD) {
            inJava(queries, references, consumer);
        } else {
            inLibtorch(queries, references, d, consumer);
        }
    }

    static void inJava(float[][] queries, float[][] references, BlockConsumer consumer) {
        int n = references.length;
        for (int start = 0; start < queries.length; start += BLOCK_ROWS) {
            int rows = Math.min(BLOCK_ROWS, queries.length - start);
            float[] out = new float[rows * n];
            for (int i = 0; i < rows; i++) {
                float[] q = queries[start + i];
                for (int j = 0; j < n; j++) {
                    float[] r = references[j];
                    float s = 0;
                    for (int k = 0; k < q.length; k++) {
                        s += q[k] * r[k];
                    }
                    out[i * n + j] = s;
                }
            }
            consumer.accept(start, rows, out);
        }
    }

    static void inLibtorch(float[][] queries, float[][] references, int d, BlockConsumer consumer) {
        int n = references.length;
        try (NDManager manager = NDManager.newBaseManager("PyTorch")) {
            NDArray refsT = manager.create(flatten(references, 0, n, d), new Shape(n, d)).transpose();
            for (int start = 0; start < queries.length; start += BLOCK_ROWS) {
                int rows = Math.min(BLOCK_ROWS, queries.length - start);
                try (NDManager block = manager.newSubManager()) {
                    NDArray q = block.create(flatten(queries, start, rows, d), new Shape(rows, d));
                    float[] out = q.matMul(refsT).toFloatArray();
                    consumer.accept(start, rows, out);
                }
            }
        }
    }

    private static float[] flatten(float[][] rows, int start, int count, int d) {
        float[] flat = new float[count * d];
        for (int i = 0; i < count; i++) {
            System.arraycopy(rows[start + i], 0, flat, i * d, d);
        }
        return flat;
    }
}
