package org.clamp3.core.weights;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.clamp3.core.io.InvalidInputException;

/**
 * A tensor in a weight file whose values have not been read yet: its dtype and geometry (shape,
 * element strides and storage offset, as in PyTorch) plus the storage the values come from. The
 * bytes are read only by {@link #toFloatArray} / {@link #toLongArray}; the geometry was checked
 * against the storage size when the tensor was made, so those reads stay inside the storage.
 */
public final class LazyTensor {
    private static final int MAX_ARRAY_LENGTH = Integer.MAX_VALUE - 8;

    private final String name;
    private final DType dtype;
    private final long[] shape;
    private final long[] strides;
    private final long storageOffset;
    private final long numel;
    private final TensorSource source;
    private final ByteOrder byteOrder;

    private LazyTensor(String name, DType dtype, long[] shape, long[] strides, long storageOffset,
                       long numel, TensorSource source, ByteOrder byteOrder) {
        this.name = name;
        this.dtype = dtype;
        this.shape = shape;
        this.strides = strides;
        this.storageOffset = storageOffset;
        this.numel = numel;
        this.source = source;
        this.byteOrder = byteOrder;
    }

    /**
     * A strided view into {@code source}; throws {@link InvalidInputException} unless every element
     * the view can address lies inside the storage.
     */
    static LazyTensor view(DType dtype, long[] shape, long[] strides, long storageOffset,
                           TensorSource source, ByteOrder byteOrder) {
        String where = source.describe();
        if (shape.length != strides.length) {
            throw new InvalidInputException(source.file(), where + ": shape " + Arrays.toString(shape)
                    + " and strides " + Arrays.toString(strides) + " differ in rank");
        }
        long storageElements = source.byteSize() / dtype.byteSize();
        long numel = 1;
        long lastIndex = storageOffset;
        try {
            for (int d = 0; d < shape.length; d++) {
                if (shape[d] < 0 || strides[d] < 0) {
                    throw new InvalidInputException(source.file(), where + ": negative size or stride in shape "
                            + Arrays.toString(shape) + ", strides " + Arrays.toString(strides));
                }
                numel = Math.multiplyExact(numel, shape[d]);
                if (shape[d] > 0) {
                    lastIndex = Math.addExact(lastIndex, Math.multiplyExact(shape[d] - 1, strides[d]));
                }
            }
        } catch (ArithmeticException e) {
            throw new InvalidInputException(source.file(), where + ": tensor geometry overflows", e);
        }
        boolean inside = storageOffset >= 0
                && (numel == 0 ? storageOffset <= storageElements : lastIndex < storageElements);
        if (!inside) {
            throw new InvalidInputException(source.file(), where + ": tensor (offset " + storageOffset
                    + ", shape " + Arrays.toString(shape) + ", strides " + Arrays.toString(strides)
                    + ") reaches past its storage of " + storageElements + " " + dtype + " elements");
        }
        return new LazyTensor(null, dtype, shape.clone(), strides.clone(), storageOffset, numel, source, byteOrder);
    }

    /** A contiguous row-major tensor filling {@code source} from its first byte. */
    static LazyTensor contiguous(String name, DType dtype, long[] shape, TensorSource source, ByteOrder byteOrder) {
        return view(dtype, shape, contiguousStrides(shape), 0, source, byteOrder).withName(name);
    }

    /** The same tensor under another name (the key it was found under in a state dict). */
    public LazyTensor withName(String newName) {
        return new LazyTensor(newName, dtype, shape, strides, storageOffset, numel, source, byteOrder);
    }

    /** The key this tensor was found under, or null for a tensor not (yet) placed in a dictionary. */
    public String name() {
        return name;
    }

    public DType dtype() {
        return dtype;
    }

    public long[] shape() {
        return shape.clone();
    }

    /** Element strides per dimension, as PyTorch's {@code tensor.stride()}. */
    public long[] strides() {
        return strides.clone();
    }

    /** Index of the first element in the storage, counted in elements. */
    public long storageOffset() {
        return storageOffset;
    }

    public int rank() {
        return shape.length;
    }

    public long numel() {
        return numel;
    }

    /** Whether the elements lie in row-major order without gaps (ignoring size-1 dimensions). */
    public boolean isContiguous() {
        long expected = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            if (shape[d] != 1 && strides[d] != expected) {
                return false;
            }
            expected *= shape[d];
        }
        return true;
    }

    /**
     * All elements in row-major order as floats (f16/bf16 widened exactly, f64 rounded, integers
     * and bools converted). Reads the bytes now.
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public float[] toFloatArray() {
        checkHeap(4L * numel);
        float[] out = new float[checkedLength()];
        if (out.length == 0) {
            return out;
        }
        ByteBuffer bytes = readSpan();
        if (dtype == DType.F32 && isContiguous()) {
            bytes.asFloatBuffer().get(out);
            return out;
        }
        forEachElementPosition((i, at) -> out[i] = dtype.readFloat(bytes, at));
        return out;
    }

    /**
     * A contiguous little-endian float32 tensor's bytes in a direct buffer, for handing to native
     * code without a copy through the Java heap (memory-mapped where the file allows); null for
     * any other tensor (then use {@link #toFloatArray}).
     *
     * @throws UncheckedIOException if the file cannot be read
     */
    public ByteBuffer toDirectFloat32() {
        if (dtype != DType.F32 || byteOrder != ByteOrder.LITTLE_ENDIAN || !isContiguous()
                || numel == 0 || numel > MAX_ARRAY_LENGTH / 4) {
            return null;
        }
        try {
            return source.direct(storageOffset * 4, (int) (numel * 4)).order(ByteOrder.LITTLE_ENDIAN);
        } catch (IOException e) {
            throw new UncheckedIOException(source.file() + ": cannot read " + source.describe(), e);
        }
    }

    /**
     * All elements in row-major order as longs; only for integer and bool tensors (bools give 0/1).
     *
     * @throws IllegalStateException for a floating-point tensor
     * @throws UncheckedIOException if the file cannot be read
     */
    public long[] toLongArray() {
        if (dtype.isFloatingPoint()) {
            throw new IllegalStateException(label() + " is " + dtype + "; use toFloatArray()");
        }
        checkHeap(8L * numel);
        long[] out = new long[checkedLength()];
        if (out.length == 0) {
            return out;
        }
        ByteBuffer bytes = readSpan();
        forEachElementPosition((i, at) -> out[i] = dtype.readLong(bytes, at));
        return out;
    }

    @Override
    public String toString() {
        return label() + " " + dtype + Arrays.toString(shape);
    }

    private String label() {
        return name != null ? "tensor '" + name + "'" : "tensor in " + source.describe();
    }

    /**
     * Refuses, in one line, a read whose result and raw bytes would not fit this JVM's heap (a
     * hostile file can declare any shape; a real model with too small an -Xmx gets the same line).
     */
    private void checkHeap(long resultBytes) {
        long need = resultBytes + numel * dtype.byteSize();
        long heap = Runtime.getRuntime().maxMemory();
        if (need > heap / 10 * 9) {
            throw new InvalidInputException(source.file(), label() + " " + dtype + Arrays.toString(shape) + " needs "
                    + (need >> 20) + " MB of heap to read; this JVM has " + (heap >> 20) + " MB (raise -Xmx)");
        }
    }

    private int checkedLength() {
        if (numel > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException(label() + " has " + numel + " elements, too many for one Java array");
        }
        return (int) numel;
    }

    /** The bytes from the first to the last element this view addresses, in the file's byte order. */
    private ByteBuffer readSpan() {
        long lastIndex = storageOffset;
        for (int d = 0; d < shape.length; d++) {
            lastIndex += (shape[d] - 1) * strides[d];
        }
        long spanBytes = (lastIndex - storageOffset + 1) * dtype.byteSize();
        if (spanBytes > MAX_ARRAY_LENGTH) {
            throw new IllegalStateException(label() + " spans " + spanBytes + " bytes, too many to read at once");
        }
        try {
            ByteBuffer bytes = source.read(storageOffset * dtype.byteSize(), (int) spanBytes);
            return bytes.slice().order(byteOrder);
        } catch (IOException e) {
            throw new UncheckedIOException(source.file() + ": cannot read " + source.describe(), e);
        }
    }

    /** Receives each element's row-major index and its byte position in the span buffer. */
    private interface ElementVisitor {
        void visit(int index, int bytePosition);
    }

    private void forEachElementPosition(ElementVisitor visitor) {
        int rank = shape.length;
        long[] counter = new long[rank];
        long position = 0;
        int size = dtype.byteSize();
        for (int i = 0; i < numel; i++) {
            visitor.visit(i, (int) (position * size));
            for (int d = rank - 1; d >= 0; d--) {
                counter[d]++;
                position += strides[d];
                if (counter[d] < shape[d]) {
                    break;
                }
                position -= strides[d] * shape[d];
                counter[d] = 0;
            }
        }
    }

    private static long[] contiguousStrides(long[] shape) {
        long[] strides = new long[shape.length];
        long stride = 1;
        for (int d = shape.length - 1; d >= 0; d--) {
            strides[d] = stride;
            stride *= Math.max(shape[d], 1);
        }
        return strides;
    }
}
