package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import org.junit.jupiter.api.Test;

class DTypeTest {
    @Test
    void everyHalfConvertsToItsExactValue() {
        for (int bits = 0; bits < 0x10000; bits++) {
            int exponent = (bits >> 10) & 0x1f;
            int mantissa = bits & 0x3ff;
            double sign = (bits & 0x8000) != 0 ? -1 : 1;
            float actual = DType.halfToFloat((short) bits);
            if (exponent == 0x1f) {
                assertTrue(mantissa == 0 ? Float.isInfinite(actual) : Float.isNaN(actual));
                continue;
            }
            double expected = exponent == 0
                    ? sign * Math.scalb((double) mantissa, -24)
                    : sign * Math.scalb(1024.0 + mantissa, exponent - 25);
            assertEquals(Double.doubleToRawLongBits(expected), Double.doubleToRawLongBits(actual),
                    "half 0x" + Integer.toHexString(bits));
        }
    }

    @Test
    void readsEachTypeFromBytes() {
        ByteBuffer b = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN);
        b.putShort(0, (short) 0x3f80); // bf16 1.0
        assertEquals(1.0f, DType.BF16.readFloat(b, 0));
        b.put(0, (byte) 0xff);
        assertEquals(255L, DType.U8.readLong(b, 0));
        assertEquals(-1L, DType.I8.readLong(b, 0));
        assertEquals(1L, DType.BOOL.readLong(b, 0));
        b.putLong(0, -5);
        assertEquals(-5f, DType.I64.readFloat(b, 0));
    }
}
