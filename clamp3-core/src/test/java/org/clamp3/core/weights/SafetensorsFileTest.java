package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafetensorsFileTest {
    private static final Path FIXTURE = TestFiles.weights("hand-built.safetensors");

    @Test
    void readsAFileWrittenByPython() throws IOException {
        JsonNode expected = TestFiles.json(TestFiles.weights("hand-built.json"));
        try (SafetensorsFile file = SafetensorsFile.open(FIXTURE)) {
            List<String> order = new ArrayList<>();
            expected.get("order").forEach(n -> order.add(n.asText()));
            assertEquals(order, new ArrayList<>(file.names()));
            for (String name : order) {
                JsonNode want = expected.get("tensors").get(name);
                LazyTensor tensor = file.tensor(name);
                assertEquals(name, tensor.name());
                assertEquals(DType.valueOf(want.get("dtype").asText()), tensor.dtype());
                assertArrayEquals(TorchCheckpointTest.longs(want.get("shape")), tensor.shape());
                if (want.has("float32_bits")) {
                    long[] bits = TorchCheckpointTest.longs(want.get("float32_bits"));
                    float[] values = tensor.toFloatArray();
                    for (int i = 0; i < bits.length; i++) {
                        assertEquals((int) bits[i], Float.floatToRawIntBits(values[i]), name + "[" + i + "]");
                    }
                } else {
                    assertArrayEquals(TorchCheckpointTest.longs(want.get("values")), tensor.toLongArray());
                }
            }
            assertTrue(assertThrows(InvalidInputException.class, () -> file.tensor("nope")).getMessage()
                    .endsWith(": no tensor 'nope'"));
        }
    }

    @Test
    void headerLengthPastTheEndIsRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, 1000, "{}", 0);
        assertTrue(refused(file).contains("header length 1000 does not fit a file of 10 bytes"));
        Path negative = dir.resolve("huge.safetensors");
        Files.write(negative, TestFiles.bytes(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, '{', '}'));
        assertTrue(refused(negative).contains("header length 18446744073709551615"));
        Path tiny = Files.write(dir.resolve("tiny.safetensors"), new byte[] {1, 2});
        assertTrue(refused(tiny).contains("not a safetensors file"));
    }

    @Test
    void dataOffsetsOutOfRangeAreRefused(@TempDir Path dir) throws IOException {
        Path file = write(dir, -1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[4],\"data_offsets\":[0,16]}}", 8);
        assertTrue(refused(file).contains("tensor 'w': data_offsets [0,16] outside the 8 data bytes"));
    }

    @Test
    void sizeMismatchAndBadFieldsAreRefused(@TempDir Path dir) throws IOException {
        assertTrue(refused(write(dir, -1, "{\"w\":{\"dtype\":\"F32\",\"shape\":[3],\"data_offsets\":[0,8]}}", 8))
                .contains("needs 12 bytes but data_offsets give 8"));
        assertTrue(refused(write(dir, -1, "{\"w\":{\"dtype\":\"F8_E4M3\",\"shape\":[8],\"data_offsets\":[0,8]}}", 8))
                .contains("unsupported dtype \"F8_E4M3\""));
        assertTrue(refused(write(dir, -1, "{\"w\":{\"dtype\":\"U8\",\"shape\":[-8],\"data_offsets\":[0,8]}}", 8))
                .contains("not a non-negative integer"));
        assertTrue(refused(write(dir, -1, "{\"w\":{\"dtype\":\"U8\",\"data_offsets\":[0,8]}}", 8))
                .contains("shape is missing"));
        assertTrue(refused(write(dir, -1, "{\"w\": [1, 2", 8)).contains("bad safetensors header"));
        assertTrue(refused(write(dir, -1, "{\"w\":{},\"w\":{}}", 8)).contains("bad safetensors header"));
        assertTrue(refused(write(dir, -1, "[1, 2]", 8)).contains("not a JSON object"));
    }

    @Test
    void emptyTensorIsAllowed(@TempDir Path dir) throws IOException {
        Path file = write(dir, -1, "{\"e\":{\"dtype\":\"F32\",\"shape\":[0,3],\"data_offsets\":[0,0]}}", 0);
        try (SafetensorsFile weights = SafetensorsFile.open(file)) {
            assertEquals(0, weights.tensor("e").toFloatArray().length);
        }
    }

    private static String refused(Path file) {
        return assertThrows(InvalidInputException.class, () -> SafetensorsFile.open(file)).getMessage();
    }

    /** A file with {@code header} (declared length {@code declaredLength}, or its real length if -1) and zero data. */
    private static Path write(Path dir, long declaredLength, String header, int dataBytes) throws IOException {
        byte[] json = header.getBytes(StandardCharsets.UTF_8);
        ByteBuffer buffer = ByteBuffer.allocate(8 + json.length + dataBytes).order(ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(declaredLength < 0 ? json.length : declaredLength).put(json);
        Path file = Files.createTempFile(dir, "test", ".safetensors");
        Files.write(file, buffer.array());
        return file;
    }
}
