package org.clamp3.core.weights;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.io.AtomicFiles;

/**
 * Writes tensors as a .safetensors file (8-byte header length, JSON header, raw little-endian
 * data, tensors back to back in the given order). Floating-point tensors are stored as F32 and
 * integer or bool ones as I64, the types the model binds. The header is padded with spaces so
 * the data starts on a 64-byte boundary: every tensor then starts 4-byte aligned and can be
 * handed to native code as mapped memory.
 */
public final class SafetensorsWriter {
    private static final int ALIGNMENT = 64;
    private static final int CHUNK_ELEMENTS = 1 << 20;
    private static final ObjectMapper JSON = new ObjectMapper();

    private SafetensorsWriter() {}

    /** Writes {@code tensors} and string {@code metadata} to {@code file}, atomically. */
    public static void write(Path file, Map<String, LazyTensor> tensors, Map<String, String> metadata) throws IOException {
        ObjectNode header = JSON.createObjectNode();
        if (!metadata.isEmpty()) {
            ObjectNode meta = header.putObject("__metadata__");
            metadata.forEach(meta::put);
        }
        Map<String, DType> stored = new LinkedHashMap<>();
        long offset = 0;
        for (Map.Entry<String, LazyTensor> e : tensors.entrySet()) {
            LazyTensor t = e.getValue();
            DType dtype = t.dtype().isFloatingPoint() ? DType.F32 : DType.I64;
            stored.put(e.getKey(), dtype);
            long bytes = Math.multiplyExact(t.numel(), dtype.byteSize());
            ObjectNode info = header.putObject(e.getKey());
            info.put("dtype", dtype.name());
            var shape = info.putArray("shape");
            for (long s : t.shape()) {
                shape.add(s);
            }
            info.putArray("data_offsets").add(offset).add(offset + bytes);
            offset += bytes;
        }
        byte[] json = JSON.writeValueAsBytes(header);
        int padded = (int) (((8L + json.length + ALIGNMENT - 1) / ALIGNMENT) * ALIGNMENT - 8);
        byte[] headerBytes = new byte[padded];
        System.arraycopy(json, 0, headerBytes, 0, json.length);
        for (int i = json.length; i < padded; i++) {
            headerBytes[i] = ' ';
        }
        AtomicFiles.write(file, out -> {
            out.write(ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putLong(padded).array());
            out.write(headerBytes);
            for (Map.Entry<String, LazyTensor> e : tensors.entrySet()) {
                if (stored.get(e.getKey()) == DType.F32) {
                    writeFloats(out, e.getValue().toFloatArray());
                } else {
                    writeLongs(out, e.getValue().toLongArray());
                }
            }
        });
    }

    private static void writeFloats(OutputStream out, float[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(4 * Math.min(values.length, CHUNK_ELEMENTS)).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < values.length; at += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, values.length - at);
            buf.clear();
            buf.asFloatBuffer().put(values, at, n);
            out.write(buf.array(), 0, 4 * n);
        }
    }

    private static void writeLongs(OutputStream out, long[] values) throws IOException {
        ByteBuffer buf = ByteBuffer.allocate(8 * Math.max(1, Math.min(values.length, CHUNK_ELEMENTS))).order(ByteOrder.LITTLE_ENDIAN);
        for (int at = 0; at < values.length; at += CHUNK_ELEMENTS) {
            int n = Math.min(CHUNK_ELEMENTS, values.length - at);
            buf.clear();
            buf.asLongBuffer().put(values, at, n);
            out.write(buf.array(), 0, 8 * n);
        }
    }
}
