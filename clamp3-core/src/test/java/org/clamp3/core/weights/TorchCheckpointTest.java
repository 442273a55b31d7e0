package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reads checkpoints written by real torch.save (fixtures from make_fixtures.py) and hostile ones. */
class TorchCheckpointTest {
    private static final Path CHECKPOINT = TestFiles.weights("torch-checkpoint.pth");

    private static final Map<String, DType> TORCH_DTYPES = Map.of(
            "float32", DType.F32, "float16", DType.F16, "bfloat16", DType.BF16, "float64", DType.F64,
            "int64", DType.I64, "bool", DType.BOOL);

    @Test
    void modelTensorsComeBackExactlyInOrder() throws IOException {
        JsonNode expected = TestFiles.json(TestFiles.weights("torch-checkpoint.json"));
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(CHECKPOINT)) {
            Map<String, LazyTensor> model = checkpoint.stateDict("model");
            assertEquals(strings(expected.get("model_order")), new ArrayList<>(model.keySet()));
            for (Map.Entry<String, LazyTensor> entry : model.entrySet()) {
                assertTensor(expected.get("model").get(entry.getKey()), entry.getValue());
                assertEquals(entry.getKey(), entry.getValue().name());
            }
            LazyTensor transposed = model.get("encoder.transposed");
            assertFalse(transposed.isContiguous());
            assertEquals(3, model.get("encoder.slice").storageOffset());
            assertEquals(0, model.get("scalar").rank());
            assertEquals(1, model.get("scalar").numel());
        }
    }

    @Test
    void otherValuesComeBackWithTheirPythonTypes() throws IOException {
        JsonNode expected = TestFiles.json(TestFiles.weights("torch-checkpoint.json"));
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(CHECKPOINT)) {
            Map<?, ?> root = (Map<?, ?>) checkpoint.root();
            assertEquals(strings(expected.get("top_level_order")), new ArrayList<>(root.keySet()));
            assertEquals(7L, root.get("epoch"));
            assertEquals(1e-4, root.get("lr"));
            assertEquals(new LinkedHashMap<>(Map.of("rock", 0L, "jazz", 1L, "classical", 2L)), root.get("labels"));
            assertEquals(List.of("rock", "jazz", "classical"), new ArrayList<>(((Map<?, ?>) root.get("labels")).keySet()));
            assertEquals(PickleTuple.of(2L, 3.5, "x", null, true), root.get("shape"));
            assertEquals(new BigInteger(expected.get("big").asText()), root.get("big"));
            assertEquals(-70000L, root.get("negative"));

            Map<?, ?> optimizer = (Map<?, ?>) root.get("optimizer");
            JsonNode opt = expected.get("optimizer");
            Map<?, ?> state = (Map<?, ?>) optimizer.get("state");
            assertEquals(List.of(0L, 1L), new ArrayList<>(state.keySet()));
            Map<?, ?> state0 = (Map<?, ?>) state.get(0L);
            assertEquals(strings(opt.get("state0")), List.of("step", "exp_avg", "exp_avg_sq"));
            for (String name : strings(opt.get("state0"))) {
                assertTensor(opt.get("state0").get(name), (LazyTensor) state0.get(name));
            }
            Map<?, ?> group = (Map<?, ?>) ((List<?>) optimizer.get("param_groups")).get(0);
            assertEquals(strings(opt.get("param_group_keys")), new ArrayList<>(group.keySet()));
            assertEquals(List.of(0L, 1L), group.get("params"));
            assertEquals(opt.get("lr").asDouble(), group.get("lr"));
            assertEquals(PickleTuple.of(0.9, 0.999), group.get("betas"));
        }
    }

    @Test
    void readsTheClassifierCheckpointFromTraining() throws IOException {
        Path file = TestFiles.testData().resolve("retrieval/cls/weights-train.pth");
        if (!Files.exists(file)) {
            file = TestFiles.weights("cls-weights-train.pth");
        }
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
            Map<String, LazyTensor> model = checkpoint.stateDict("model");
            assertEquals(List.of("fc.weight", "fc.bias"), new ArrayList<>(model.keySet()));
            assertArrayEquals(new long[] {4, 768}, model.get("fc.weight").shape());
            assertArrayEquals(new long[] {4}, model.get("fc.bias").shape());
            assertEquals(4 * 768, model.get("fc.weight").toFloatArray().length);
            Map<?, ?> root = (Map<?, ?>) checkpoint.root();
            assertEquals(List.of("model", "optimizer", "lr_sched", "epoch", "best_epoch", "max_eval_acc", "labels",
                    "input_size"), new ArrayList<>(root.keySet()));
            assertEquals(5L, root.get("epoch"));
            assertInstanceOf(Long.class, root.get("best_epoch"));
            assertEquals(0.5, root.get("max_eval_acc"));
            assertEquals(768L, root.get("input_size"));
            Map<?, ?> labels = (Map<?, ?>) root.get("labels");
            assertEquals(4, labels.size());
            assertEquals(List.of(0L, 1L, 2L, 3L), new ArrayList<>(labels.values()));
            assertInstanceOf(Map.class, root.get("optimizer"));
            assertInstanceOf(Map.class, root.get("lr_sched"));
        }
    }

    @Test
    void stateDictErrorsNameTheFileAndKey() throws IOException {
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(CHECKPOINT)) {
            InvalidInputException missing = assertThrows(InvalidInputException.class, () -> checkpoint.stateDict("state_dict"));
            assertTrue(missing.getMessage().startsWith(CHECKPOINT + ": no 'state_dict' entry; the checkpoint holds [model, "),
                    missing.getMessage());
            InvalidInputException notTensors = assertThrows(InvalidInputException.class, () -> checkpoint.stateDict("labels"));
            assertTrue(notTensors.getMessage().contains("'labels' is not a state dict: entry 'rock' is Long"),
                    notTensors.getMessage());
            assertThrows(InvalidInputException.class, () -> checkpoint.stateDict("epoch"));
            assertThrows(InvalidInputException.class, () -> checkpoint.stateDict(null));
        }
    }

    @Test
    void refusesAPickleThatWouldRunCode(@TempDir Path dir) throws IOException {
        Path marker = dir.resolve("pwned");
        byte[] pickle = concat(TestFiles.bytes(0x80, 2), "cos\nsystem\nX".getBytes(StandardCharsets.US_ASCII),
                binunicodeBody("touch " + marker), TestFiles.bytes(0x85, 'R', '.'));
        Path file = dir.resolve("evil.pth");
        TestFiles.writeZip(file, Map.of("evil/data.pkl", pickle, "evil/version", "3\n".getBytes(StandardCharsets.US_ASCII)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file));
        assertEquals(file + ": refused pickle global 'os.system' (only tensors, dicts, lists, tuples, numbers and"
                + " strings are allowed)", e.getMessage());
        assertFalse(Files.exists(marker));
    }

    /** Issue 15: a data.pkl that deflates to 2 GiB ran the JVM out of heap in readSmallEntry. */
    @Test
    void deflateBombPickleIsRefusedAsItInflates(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bomb.pth");
        // 256 MiB of zeros (the report had 2 GiB) deflate to ~256 KB; the directory declares 1 KB, as a hostile file may
        org.clamp3.core.io.ZipEntriesTest.writeBomb(file, "archive/data.pkl", 256L << 20, 1024);
        long heapBefore = usedHeap();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file));
        assertEquals(file + ": entry archive/data.pkl inflates past " + TorchCheckpoint.MAX_PICKLE_BYTES
                + " bytes (zip bomb?)", e.getMessage());
        assertTrue(usedHeap() - heapBefore < 512L << 20);
    }

    private static long usedHeap() {
        Runtime r = Runtime.getRuntime();
        return r.totalMemory() - r.freeMemory();
    }

    @Test
    void garbageIsNotACheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("garbage.pth");
        Files.write(file, "this is not a checkpoint at all".getBytes(StandardCharsets.US_ASCII));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file));
        assertEquals(file + ": not a PyTorch checkpoint (torch.save zip)", e.getMessage());

        Path empty = Files.write(dir.resolve("empty.pth"), new byte[0]);
        assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(empty));

        Path brokenZip = dir.resolve("broken.pth");
        Files.write(brokenZip, TestFiles.bytes('P', 'K', 3, 4, 0, 0, 0, 0, 0));
        assertTrue(assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(brokenZip)).getMessage()
                .startsWith(brokenZip + ": not a PyTorch checkpoint (torch.save zip)"));
    }

    @Test
    void legacyFormatIsRefusedClearly(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("legacy.pth");
        Files.write(file, TestFiles.bytes(0x80, 2, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20, 0x6a, 0xa8, 0x50, 0x19, '.'));
        assertTrue(assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file)).getMessage()
                .contains("legacy (before torch 1.6) torch.save format is not supported"));
    }

    @Test
    void zipWithoutDataPklIsNotACheckpoint(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("other.pth");
        TestFiles.writeZip(file, Map.of("other/readme.txt", new byte[] {'h', 'i'}));
        assertEquals(file + ": not a PyTorch checkpoint (torch.save zip): no data.pkl in the zip",
                assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file)).getMessage());
    }

    @Test
    void truncatedStorageIsRefusedWhenOpening(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = copyEntries(CHECKPOINT);
        String key = entries.keySet().stream().filter(n -> n.endsWith("/data/0")).findFirst().orElseThrow();
        byte[] full = entries.get(key);
        entries.put(key, Arrays.copyOf(full, full.length - 4));
        Path file = dir.resolve("truncated.pth");
        TestFiles.writeZip(file, entries);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file));
        assertTrue(e.getMessage().startsWith(file + ": storage " + key + " holds " + (full.length - 4) + " bytes"),
                e.getMessage());
    }

    @Test
    void missingStorageIsRefused(@TempDir Path dir) throws IOException {
        Map<String, byte[]> entries = copyEntries(CHECKPOINT);
        entries.keySet().removeIf(n -> n.endsWith("/data/3"));
        Path file = dir.resolve("missing.pth");
        TestFiles.writeZip(file, entries);
        assertTrue(assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file)).getMessage()
                .contains("storage data/3 is missing"));
    }

    @Test
    void viewOutsideItsStorageIsRefused(@TempDir Path dir) throws IOException {
        // a 2-element storage viewed as 3 elements from offset 0
        byte[] pickle = concat(TestFiles.bytes(0x80, 2), "ctorch._utils\n_rebuild_tensor_v2\n(("
                .getBytes(StandardCharsets.US_ASCII), binunicode("storage"),
                "ctorch\nFloatStorage\n".getBytes(StandardCharsets.US_ASCII), binunicode("0"), binunicode("cpu"),
                TestFiles.bytes('K', 2, 't', 'Q', 'K', 0, 'K', 3, 0x85, 'K', 1, 0x85, 0x89, 'N', 't', 'R', '.'));
        Path file = dir.resolve("overrun.pth");
        Map<String, byte[]> entries = new LinkedHashMap<>();
        entries.put("overrun/data.pkl", pickle);
        entries.put("overrun/data/0", new byte[8]);
        TestFiles.writeZip(file, entries);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TorchCheckpoint.open(file));
        assertTrue(e.getMessage().contains("reaches past its storage of 2 F32 elements"), e.getMessage());
    }

    @Test
    void honoursBigEndianByteOrder(@TempDir Path dir) throws IOException {
        Path little = dir.resolve("little.pth");
        float[] values = {1.5f, -2.25f, 3e-5f, 7f};
        TorchCheckpointWriter.write(little, Map.of("w", new FloatTensor(values, 2, 2)));
        Map<String, byte[]> entries = copyEntries(little);
        for (Map.Entry<String, byte[]> entry : entries.entrySet()) {
            if (entry.getKey().endsWith("/byteorder")) {
                entry.setValue("big".getBytes(StandardCharsets.US_ASCII));
            } else if (entry.getKey().contains("/data/")) {
                byte[] b = entry.getValue();
                for (int i = 0; i < b.length; i += 4) {
                    byte t0 = b[i];
                    byte t1 = b[i + 1];
                    b[i] = b[i + 3];
                    b[i + 1] = b[i + 2];
                    b[i + 2] = t1;
                    b[i + 3] = t0;
                }
            }
        }
        Path big = dir.resolve("big.pth");
        TestFiles.writeZip(big, entries);
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(big)) {
            assertArrayEquals(values, checkpoint.stateDict(null).get("w").toFloatArray());
        }
    }

    @Test
    void readsOnlyTheTensorsAskedFor(@TempDir Path dir) throws IOException {
        // the optimizer's storage is deflated and then corrupted: opening the checkpoint and
        // reading the model must not notice, reading the optimizer tensor must
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(Map.of("w", new FloatTensor(new float[] {1, 2, 3}, 3))));
        root.put("optimizer", Map.of("exp_avg", new FloatTensor(new float[256], 256)));
        Path written = dir.resolve("written.pth");
        TorchCheckpointWriter.write(written, root);
        Path file = dir.resolve("corrupt.pth");
        try (java.io.OutputStream out = Files.newOutputStream(file);
             java.util.zip.ZipOutputStream zip = new java.util.zip.ZipOutputStream(out)) {
            for (Map.Entry<String, byte[]> entry : copyEntries(written).entrySet()) {
                ZipEntry copy = new ZipEntry(entry.getKey());
                copy.setMethod(entry.getKey().endsWith("data/1") ? ZipEntry.DEFLATED : ZipEntry.STORED);
                if (copy.getMethod() == ZipEntry.STORED) {
                    java.util.zip.CRC32 crc = new java.util.zip.CRC32();
                    crc.update(entry.getValue());
                    copy.setSize(entry.getValue().length);
                    copy.setCrc(crc.getValue());
                }
                zip.putNextEntry(copy);
                zip.write(entry.getValue());
                zip.closeEntry();
            }
        }
        long compressedSize;
        try (ZipFile zip = new ZipFile(file.toFile())) {
            compressedSize = zip.getEntry("archive/data/1").getCompressedSize();
        }
        byte[] bytes = Files.readAllBytes(file);
        byte[] name = "archive/data/1".getBytes(StandardCharsets.US_ASCII);
        int dataStart = indexOf(bytes, name) + name.length; // the first hit is the local header, which has no extra field
        Arrays.fill(bytes, dataStart, (int) (dataStart + compressedSize), (byte) 0xff);
        Files.write(file, bytes);
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
            assertArrayEquals(new float[] {1, 2, 3}, checkpoint.stateDict("model").get("w").toFloatArray());
            LazyTensor expAvg = (LazyTensor) ((Map<?, ?>) ((Map<?, ?>) checkpoint.root()).get("optimizer")).get("exp_avg");
            assertThrows(InvalidInputException.class, expAvg::toFloatArray);
        }
    }

    private static int indexOf(byte[] haystack, byte[] needle) {
        outer:
        for (int i = 0; i <= haystack.length - needle.length; i++) {
            for (int j = 0; j < needle.length; j++) {
                if (haystack[i + j] != needle[j]) {
                    continue outer;
                }
            }
            return i;
        }
        throw new AssertionError("not found");
    }

    @Test
    void tensorsCannotBeReadAfterClose() throws IOException {
        LazyTensor tensor;
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(CHECKPOINT)) {
            tensor = checkpoint.stateDict("model").get("encoder.weight");
        }
        assertThrows(RuntimeException.class, tensor::toFloatArray);
    }

    static void assertTensor(JsonNode expected, LazyTensor actual) {
        assertEquals(TORCH_DTYPES.get(expected.get("dtype").asText()), actual.dtype(), actual.name());
        assertArrayEquals(longs(expected.get("shape")), actual.shape(), actual.name());
        assertArrayEquals(longs(expected.get("stride")), actual.strides(), actual.name());
        assertEquals(expected.get("storage_offset").asLong(), actual.storageOffset(), actual.name());
        if (expected.has("float32_bits")) {
            long[] bits = longs(expected.get("float32_bits"));
            float[] values = actual.toFloatArray();
            assertEquals(bits.length, values.length);
            for (int i = 0; i < bits.length; i++) {
                assertEquals((int) bits[i], Float.floatToRawIntBits(values[i]), actual.name() + "[" + i + "]");
            }
        } else {
            assertArrayEquals(longs(expected.get("values")), actual.toLongArray(), actual.name());
        }
    }

    static long[] longs(JsonNode array) {
        long[] values = new long[array.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = array.get(i).asLong();
        }
        return values;
    }

    private static List<String> strings(JsonNode node) {
        List<String> values = new ArrayList<>();
        if (node.isArray()) {
            node.forEach(n -> values.add(n.asText()));
        } else {
            node.fieldNames().forEachRemaining(values::add);
        }
        return values;
    }

    private static Map<String, byte[]> copyEntries(Path file) throws IOException {
        Map<String, byte[]> entries = new LinkedHashMap<>();
        try (ZipFile zip = new ZipFile(file.toFile())) {
            for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
                entries.put(entry.getName(), zip.getInputStream(entry).readAllBytes());
            }
        }
        return entries;
    }

    private static byte[] binunicode(String s) {
        return concat(new byte[] {'X'}, binunicodeBody(s));
    }

    private static byte[] binunicodeBody(String s) {
        byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
        return concat(TestFiles.bytes(utf8.length, utf8.length >> 8, utf8.length >> 16, utf8.length >>> 24), utf8);
    }

    private static byte[] concat(byte[]... parts) {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
