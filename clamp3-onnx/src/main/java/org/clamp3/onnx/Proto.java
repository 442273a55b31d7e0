package org.clamp3.onnx;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * A protobuf message being written: fields in the order added, nested messages and large payloads
 * kept by reference until {@link #writeTo}, so a model's weights are copied once, into the stream.
 */
final class Proto {
    private static final int VARINT = 0;
    private static final int FIXED32 = 5;
    private static final int LENGTH = 2;

    /** byte[] (encoded bytes) or Proto (a nested message, its tag and length written before it). */
    private final List<Object> parts = new ArrayList<>();
    private long size = -1;

    Proto varint(int field, long value) {
        return bytes(tagged(field, VARINT, value));
    }

    Proto float32(int field, float value) {
        int bits = Float.floatToRawIntBits(value);
        byte[] tag = tag(field, FIXED32);
        byte[] out = new byte[tag.length + 4];
        System.arraycopy(tag, 0, out, 0, tag.length);
        for (int i = 0; i < 4; i++) {
            out[tag.length + i] = (byte) (bits >>> (8 * i));
        }
        return bytes(out);
    }

    Proto string(int field, String value) {
        return payload(field, value.getBytes(StandardCharsets.UTF_8));
    }

    /** A length-delimited field holding {@code data} as is (raw tensor bytes, packed values). */
    Proto payload(int field, byte[] data) {
        bytes(concat(tag(field, LENGTH), varint(data.length)));
        parts.add(data);
        size = -1;
        return this;
    }

    Proto packed(int field, long... values) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (long v : values) {
            out.writeBytes(varint(v));
        }
        return payload(field, out.toByteArray());
    }

    Proto message(int field, Proto nested) {
        parts.add(new Nested(field, nested));
        size = -1;
        return this;
    }

    long size() {
        if (size < 0) {
            long n = 0;
            for (Object p : parts) {
                if (p instanceof byte[] b) {
                    n += b.length;
                } else {
                    Nested m = (Nested) p;
                    long inner = m.message.size();
                    n += tag(m.field, LENGTH).length + varint(inner).length + inner;
                }
            }
            size = n;
        }
        return size;
    }

    void writeTo(OutputStream out) throws IOException {
        for (Object p : parts) {
            if (p instanceof byte[] b) {
                out.write(b);
            } else {
                Nested m = (Nested) p;
                out.write(tag(m.field, LENGTH));
                out.write(varint(m.message.size()));
                m.message.writeTo(out);
            }
        }
    }

    private Proto bytes(byte[] b) {
        parts.add(b);
        size = -1;
        return this;
    }

    private static byte[] tagged(int field, int wireType, long value) {
        return concat(tag(field, wireType), varint(value));
    }

    private static byte[] tag(int field, int wireType) {
        return varint(((long) field << 3) | wireType);
    }

    /** Base-128 little-endian; negative int64 values take ten bytes, as protobuf writes them. */
    static byte[] varint(long value) {
        byte[] buf = new byte[10];
        int n = 0;
        while ((value & ~0x7FL) != 0) {
            buf[n++] = (byte) ((value & 0x7F) | 0x80);
            value >>>= 7;
        }
        buf[n++] = (byte) value;
        return Arrays.copyOf(buf, n);
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    private record Nested(int field, Proto message) {}
}
