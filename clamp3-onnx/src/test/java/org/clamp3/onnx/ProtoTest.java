package org.clamp3.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayOutputStream;
import java.io.IOException;

import org.junit.jupiter.api.Test;

/** The protobuf wire format as the spec gives it: varints, tags, lengths of nested messages. */
class ProtoTest {

    private static byte[] bytes(Proto p) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        p.writeTo(out);
        assertEquals(out.size(), p.size(), "size() agrees with what is written");
        return out.toByteArray();
    }

    private static byte[] b(int... v) {
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            out[i] = (byte) v[i];
        }
        return out;
    }

    @Test
    void varints() {
        assertArrayEquals(b(0), Proto.varint(0));
        assertArrayEquals(b(1), Proto.varint(1));
        assertArrayEquals(b(0xAC, 0x02), Proto.varint(300));
        // negative int64: ten bytes, two's complement
        assertArrayEquals(b(0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0xFF, 0x01), Proto.varint(-1));
    }

    @Test
    void fieldsAndNestedMessages() throws IOException {
        // field 1 varint 150 (the spec's example), field 2 string "hi", field 3 a message holding field 1 = 1
        Proto p = new Proto().varint(1, 150).string(2, "hi").message(3, new Proto().varint(1, 1));
        assertArrayEquals(b(0x08, 0x96, 0x01, 0x12, 0x02, 'h', 'i', 0x1A, 0x02, 0x08, 0x01), bytes(p));
        // fixed32 float: tag (field 2, wire type 5), then little-endian IEEE 754
        assertArrayEquals(b(0x15, 0x00, 0x00, 0x80, 0x3F), bytes(new Proto().float32(2, 1f)));
    }
}
