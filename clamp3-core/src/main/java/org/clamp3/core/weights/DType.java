package org.clamp3.core.weights;

import java.nio.ByteBuffer;

/**
 * Element types a weight file may hold. The constant names are the safetensors dtype names;
 * {@link #readFloat} and {@link #readLong} decode one element from a buffer whose byte order is
 * already set.
 */
public enum DType {
    F32(4, true),
    F16(2, true),
    BF16(2, true),
    F64(8, true),
    I64(8, false),
    I32(4, false),
    I16(2, false),
    I8(1, false),
    U8(1, false),
    BOOL(1, false);

    private final int byteSize;
    private final boolean floatingPoint;

    DType(int byteSize, boolean floatingPoint) {
        this.byteSize = byteSize;
        this.floatingPoint = floatingPoint;
    }

    public int byteSize() {
        return byteSize;
    }

    public boolean isFloatingPoint() {
        return floatingPoint;
    }

    /** The element at byte position {@code at}, widened or rounded to float. */
    public float readFloat(ByteBuffer buffer, int at) {
        switch (this) {
            case F32: return buffer.getFloat(at);
            case F16: return halfToFloat(buffer.getShort(at));
            case BF16: return Float.intBitsToFloat((buffer.getShort(at) & 0xffff) << 16);
            case F64: return (float) buffer.getDouble(at);
            default: return readLong(buffer, at);
        }
    }

    /** The element at byte position {@code at} of an integer or bool type. */
    public long readLong(ByteBuffer buffer, int at) {
        switch (this) {
            case I64: return buffer.getLong(at);
            case I32: return buffer.getInt(at);
            case I16: return buffer.getShort(at);
            case I8: return buffer.get(at);
            case U8: return buffer.get(at) & 0xff;
            case BOOL: return buffer.get(at) != 0 ? 1 : 0;
            default: throw new IllegalStateException(this + " is not an integer type");
        }
    }

    /** IEEE 754 binary16 to binary32, exactly (Java 17 has no Float.float16ToFloat). */
    static float halfToFloat(short half) {
        int bits = half & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exponent = (bits >>> 10) & 0x1f;
        int mantissa = bits & 0x3ff;
        if (exponent == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | (mantissa << 13));
        }
        if (exponent == 0) {
            // zero or subnormal: mantissa * 2^-24, exact in float
            float magnitude = mantissa * 0x1p-24f;
            return sign == 0 ? magnitude : -magnitude;
        }
        return Float.intBitsToFloat(sign | ((exponent + 112) << 23) | (mantissa << 13));
    }
}
