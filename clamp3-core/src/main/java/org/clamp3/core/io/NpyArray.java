package org.clamp3.core.io;

import java.util.Arrays;

/**
 * An n-dimensional array read from or written to a numpy {@code .npy} file. Values are held in
 * C (row-major) order whatever the file's order was, in a primitive array of the file's type:
 * {@code float[]}, {@code double[]}, {@code int[]} or {@code long[]}.
 */
public final class NpyArray {

    /** The element types this codec reads. */
    public enum DType {
        FLOAT32(4, 'f'), FLOAT64(8, 'f'), INT32(4, 'i'), INT64(8, 'i');

        final int size;
        final char kind;

        DType(int size, char kind) {
            this.size = size;
            this.kind = kind;
        }

        public int size() {
            return size;
        }

        static DType of(char kind, int size) {
            for (DType t : values()) {
                if (t.kind == kind && t.size == size) {
                    return t;
                }
            }
            return null;
        }
    }

    private final DType dtype;
    private final int[] shape;
    private final Object data;

    private NpyArray(DType dtype, int[] shape, Object data) {
        this.dtype = dtype;
        this.shape = shape.clone();
        this.data = data;
    }

    public static NpyArray ofFloats(float[] values, int... shape) {
        checkSize(values.length, shape);
        return new NpyArray(DType.FLOAT32, shape, values);
    }

    public static NpyArray ofDoubles(double[] values, int... shape) {
        checkSize(values.length, shape);
        return new NpyArray(DType.FLOAT64, shape, values);
    }

    public static NpyArray ofInts(int[] values, int... shape) {
        checkSize(values.length, shape);
        return new NpyArray(DType.INT32, shape, values);
    }

    public static NpyArray ofLongs(long[] values, int... shape) {
        checkSize(values.length, shape);
        return new NpyArray(DType.INT64, shape, values);
    }

    /** A (1, D) float32 array: the shape CLaMP 3 uses for a global feature. */
    public static NpyArray globalFeature(float[] vector) {
        return ofFloats(vector, 1, vector.length);
    }

    private static void checkSize(int length, int[] shape) {
        long n = elementCount(shape);
        if (n != length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + n
                    + " values, got " + length);
        }
    }

    static long elementCount(int[] shape) {
        long n = 1;
        for (int d : shape) {
            n *= d;
        }
        return n;
    }

    public DType dtype() {
        return dtype;
    }

    public int[] shape() {
        return shape.clone();
    }

    public int rank() {
        return shape.length;
    }

    public int size() {
        return (int) elementCount(shape);
    }

    /** The values as float32, converting from other types when needed. */
    public float[] floats() {
        switch (dtype) {
            case FLOAT32:
                return (float[]) data;
            case FLOAT64: {
                double[] d = (double[]) data;
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = (float) d[i];
                }
                return f;
            }
            case INT32: {
                int[] d = (int[]) data;
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = d[i];
                }
                return f;
            }
            default: {
                long[] d = (long[]) data;
                float[] f = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    f[i] = d[i];
                }
                return f;
            }
        }
    }

    /** The values as int64; only for integer arrays. */
    public long[] longs() {
        if (dtype == DType.INT64) {
            return (long[]) data;
        }
        if (dtype == DType.INT32) {
            return Arrays.stream((int[]) data).asLongStream().toArray();
        }
        throw new IllegalStateException("not an integer array: " + dtype);
    }

    /** The primitive array behind this one, in C order. */
    public Object data() {
        return data;
    }

    /** Shape as numpy prints it, e.g. {@code (1, 768)} or {@code (768,)}. */
    public static String shapeString(int[] shape) {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        StringBuilder sb = new StringBuilder("(");
        for (int i = 0; i < shape.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(shape[i]);
        }
        return sb.append(')').toString();
    }

    @Override
    public String toString() {
        return "NpyArray" + shapeString(shape) + " " + dtype;
    }
}
