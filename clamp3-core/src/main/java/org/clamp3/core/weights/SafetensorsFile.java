package org.clamp3.core.weights;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.EOFException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import org.clamp3.core.io.InvalidInputException;

/**
 * A .safetensors file: an 8-byte little-endian header length, a JSON header naming each tensor's
 * dtype, shape and byte range, then the raw little-endian data. The header is validated against
 * the file size when opening; tensor bytes are memory-mapped when read.
 */
public final class SafetensorsFile implements WeightFile {
    private static final long MAX_HEADER_BYTES = 100L << 20;
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(JsonParser.Feature.STRICT_DUPLICATE_DETECTION);

    private final Path file;
    private final FileChannel channel;
    private final Map<String, LazyTensor> tensors;
    private final Map<String, String> metadata;
    private final PrivateMapper privateMapper;

    private SafetensorsFile(Path file, FileChannel channel, PrivateMapper privateMapper, Header header) {
        this.file = file;
        this.channel = channel;
        this.privateMapper = privateMapper;
        this.tensors = header.tensors;
        this.metadata = header.metadata;
    }

    private record Header(Map<String, LazyTensor> tensors, Map<String, String> metadata) {}

    /** Opens {@code file} and checks its header; throws {@link InvalidInputException} if it is not sound. */
    public static SafetensorsFile open(Path file) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            PrivateMapper mapper = new PrivateMapper(file);
            return new SafetensorsFile(file, channel, mapper, readHeader(file, channel, mapper));
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public Map<String, LazyTensor> tensors() {
        return tensors;
    }

    /** The header's {@code __metadata__}: its string values by key (empty when it has none). */
    public Map<String, String> metadata() {
        return metadata;
    }

    @Override
    public void close() throws IOException {
        try {
            privateMapper.close();
        } finally {
            channel.close();
        }
    }

    private static Header readHeader(Path file, FileChannel channel, PrivateMapper mapper) throws IOException {
        long fileSize = channel.size();
        if (fileSize < 8) {
            throw new InvalidInputException(file, "not a safetensors file: only " + fileSize + " bytes");
        }
        long headerLength = readFully(channel, 0, 8).order(ByteOrder.LITTLE_ENDIAN).getLong();
        if (headerLength < 2 || headerLength > MAX_HEADER_BYTES || headerLength > fileSize - 8) {
            throw new InvalidInputException(file, "not a safetensors file: header length " + Long.toUnsignedString(headerLength)
                    + " does not fit a file of " + fileSize + " bytes");
        }
        ByteBuffer headerBytes = readFully(channel, 8, (int) headerLength);
        JsonNode header;
        try {
            // the format says UTF-8; decoded here so that Jackson does not guess another encoding
            String json = java.nio.charset.StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(headerBytes.rewind()).toString();
            header = JSON.readTree(json);
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new InvalidInputException(file, "bad safetensors header: not UTF-8 text", e);
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "bad safetensors header: " + e.getOriginalMessage(), e);
        }
        if (header == null || !header.isObject()) {
            throw new InvalidInputException(file, "bad safetensors header: not a JSON object");
        }
        long dataStart = 8 + headerLength;
        long dataSize = fileSize - dataStart;
        Map<String, LazyTensor> tensors = new LinkedHashMap<>();
        Map<String, String> metadata = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = header.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            if (field.getKey().equals("__metadata__")) {
                field.getValue().fields().forEachRemaining(m -> {
                    if (m.getValue().isTextual()) {
                        metadata.put(m.getKey(), m.getValue().asText());
                    }
                });
                continue;
            }
            tensors.put(field.getKey(), tensor(file, channel, mapper, field.getKey(), field.getValue(), dataStart, dataSize));
        }
        return new Header(Collections.unmodifiableMap(tensors), Collections.unmodifiableMap(metadata));
    }

    private static LazyTensor tensor(Path file, FileChannel channel, PrivateMapper mapper, String name, JsonNode info,
                                     long dataStart, long dataSize) {
        String where = "tensor '" + name + "'";
        DType dtype = dtype(file, where, info.path("dtype"));
        long[] shape = nonNegativeLongs(file, where + " shape", info.path("shape"));
        long[] offsets = nonNegativeLongs(file, where + " data_offsets", info.path("data_offsets"));
        if (offsets.length != 2 || offsets[0] > offsets[1] || offsets[1] > dataSize) {
            throw new InvalidInputException(file, where + ": data_offsets " + info.path("data_offsets")
                    + " outside the " + dataSize + " data bytes");
        }
        long expectedBytes;
        try {
            long numel = 1;
            for (long size : shape) {
                numel = Math.multiplyExact(numel, size);
            }
            expectedBytes = Math.multiplyExact(numel, dtype.byteSize());
        } catch (ArithmeticException e) {
            throw new InvalidInputException(file, where + ": shape " + info.path("shape") + " is too large", e);
        }
        if (offsets[1] - offsets[0] != expectedBytes) {
            throw new InvalidInputException(file, where + ": " + dtype + info.path("shape") + " needs " + expectedBytes
                    + " bytes but data_offsets give " + (offsets[1] - offsets[0]));
        }
        MappedFileSource source = new MappedFileSource(file, channel, mapper, where, dataStart + offsets[0], expectedBytes);
        return LazyTensor.contiguous(name, dtype, shape, source, ByteOrder.LITTLE_ENDIAN);
    }

    private static DType dtype(Path file, String where, JsonNode node) {
        if (node.isTextual()) {
            for (DType dtype : DType.values()) {
                if (dtype.name().equals(node.asText())) {
                    return dtype;
                }
            }
        }
        throw new InvalidInputException(file, where + ": unsupported dtype " + node);
    }

    private static long[] nonNegativeLongs(Path file, String what, JsonNode node) {
        if (!node.isArray()) {
            throw new InvalidInputException(file, what + " is missing or not a list");
        }
        long[] values = new long[node.size()];
        for (int i = 0; i < values.length; i++) {
            JsonNode item = node.get(i);
            if (!item.isIntegralNumber() || !item.canConvertToLong() || item.asLong() < 0) {
                throw new InvalidInputException(file, what + " holds " + item + ", not a non-negative integer");
            }
            values[i] = item.asLong();
        }
        return values;
    }

    private static ByteBuffer readFully(FileChannel channel, long position, int length) throws IOException {
        ByteBuffer buffer = ByteBuffer.allocate(length);
        while (buffer.hasRemaining()) {
            if (channel.read(buffer, position + buffer.position()) < 0) {
                throw new EOFException();
            }
        }
        return buffer.flip();
    }
}
