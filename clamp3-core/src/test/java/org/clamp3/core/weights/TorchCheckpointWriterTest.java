package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TorchCheckpointWriterTest {
    private static final Path PYTHON = Paths.get("/usr/bin/python3");

    private static final float[] WEIGHT = {0.5f, -1.25f, 3.0e-7f, Float.MAX_VALUE, -0.0f, 1f / 3f};
    private static final float[] BIAS = {Float.MIN_VALUE, -7f};

    /** A checkpoint shaped like the ones CLaMP 3 training writes. */
    private static Map<String, Object> sampleCheckpoint() {
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fc.weight", new FloatTensor(WEIGHT, 2, 3));
        model.put("fc.bias", new FloatTensor(BIAS, 2));
        model.put("scale", new FloatTensor(new float[] {2.5f}));
        model.put("empty", new FloatTensor(new float[0], 0, 3));
        Map<String, Object> labels = new LinkedHashMap<>();
        labels.put("rock", 0);
        labels.put("Grieg – Åse", 1);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(model));
        root.put("epoch", 5);
        root.put("max_eval_acc", 0.5);
        root.put("labels", labels);
        root.put("big", 1L << 40);
        root.put("negative", -70000);
        root.put("list", Arrays.asList(1, 2.5f, "three", null, true));
        root.put("tuple", PickleTuple.of(0.9, 0.999));
        root.put("long_tuple", PickleTuple.of(1, 2, 3, 4, 5));
        return root;
    }

    @Test
    void roundTripsThroughTheReader(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("written.pth");
        TorchCheckpointWriter.write(file, sampleCheckpoint());
        try (TorchCheckpoint checkpoint = TorchCheckpoint.open(file)) {
            Map<String, LazyTensor> model = checkpoint.stateDict("model");
            assertEquals(List.of("fc.weight", "fc.bias", "scale", "empty"), new ArrayList<>(model.keySet()));
            assertArrayEquals(new long[] {2, 3}, model.get("fc.weight").shape());
            assertArrayEquals(new long[] {3, 1}, model.get("fc.weight").strides());
            assertArrayEquals(WEIGHT, model.get("fc.weight").toFloatArray());
            assertArrayEquals(BIAS, model.get("fc.bias").toFloatArray());
            assertEquals(0, model.get("scale").rank());
            assertArrayEquals(new float[] {2.5f}, model.get("scale").toFloatArray());
            assertArrayEquals(new long[] {0, 3}, model.get("empty").shape());
            Map<?, ?> root = (Map<?, ?>) checkpoint.root();
            assertEquals(List.of("model", "epoch", "max_eval_acc", "labels", "big", "negative", "list", "tuple",
                    "long_tuple"), new ArrayList<>(root.keySet()));
            assertEquals(5L, root.get("epoch"));
            assertEquals(0.5, root.get("max_eval_acc"));
            assertEquals(List.of("rock", "Grieg – Åse"), new ArrayList<>(((Map<?, ?>) root.get("labels")).keySet()));
            assertEquals(1L << 40, root.get("big"));
            assertEquals(-70000L, root.get("negative"));
            assertEquals(Arrays.asList(1L, 2.5, "three", null, true), root.get("list"));
            assertEquals(PickleTuple.of(0.9, 0.999), root.get("tuple"));
            assertEquals(PickleTuple.of(1L, 2L, 3L, 4L, 5L), root.get("long_tuple"));
        }
    }

    @Test
    void entryDataIsStoredAndAlignedTo64Bytes(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("aligned.pth");
        TorchCheckpointWriter.write(file, sampleCheckpoint());
        ByteBuffer zip = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        List<String> names = new ArrayList<>();
        int at = 0;
        while (zip.getInt(at) == 0x04034b50) { // local file header
            assertEquals(0, zip.getShort(at + 8), "STORED");
            int size = zip.getInt(at + 18);
            int nameLength = zip.getShort(at + 26);
            int extraLength = zip.getShort(at + 28);
            names.add(new String(zip.array(), at + 30, nameLength, StandardCharsets.UTF_8));
            int dataStart = at + 30 + nameLength + extraLength;
            assertEquals(0, dataStart % 64, names.get(names.size() - 1));
            at = dataStart + size;
        }
        assertEquals(List.of("archive/data.pkl", "archive/byteorder", "archive/data/0", "archive/data/1",
                "archive/data/2", "archive/data/3", "archive/version"), names);
    }

    @Test
    void unsupportedValuesAreRejectedAndNothingIsWritten(@TempDir Path dir) {
        Path file = dir.resolve("bad.pth");
        assertThrows(IllegalArgumentException.class, () -> TorchCheckpointWriter.write(file, Map.of("x", new Object())));
        assertThrows(IllegalArgumentException.class, () -> new FloatTensor(new float[3], 2, 2));
        assertFalse(Files.exists(file));
    }

    @Test
    void torchLoadReadsTheWrittenFile(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(PYTHON) && run(PYTHON.toString(), "-c", "import torch").exitCode == 0,
                "needs /usr/bin/python3 with torch");
        Path file = dir.resolve("for-torch.pth");
        TorchCheckpointWriter.write(file, sampleCheckpoint());
        Path tensorsOnly = dir.resolve("tensors-only.pth");
        TorchCheckpointWriter.write(tensorsOnly, Map.of("model", sampleCheckpoint().get("model"), "epoch", 5));
        String script = String.join("\n",
                "import json, sys, inspect, torch",
                "c = torch.load(sys.argv[1])",
                "# the weights-only loader of torch 1.13 lacks BINFLOAT (its own torch.save writes it), so only",
                "# the tensors-and-ints file goes through it",
                "safe = 'weights_only' in inspect.signature(torch.load).parameters",
                "tensors_only = list(torch.load(sys.argv[2], weights_only=True)['model'].keys()) if safe else None",
                "m = c['model']",
                "out = {",
                " 'tensors_only': tensors_only,",
                " 'keys': list(c.keys()),",
                " 'model_type': type(m).__name__,",
                " 'model': {k: {'dtype': str(v.dtype), 'shape': list(v.shape),",
                "              'bits': v.contiguous().view(torch.int32).reshape(-1).tolist()} for k, v in m.items()},",
                " 'epoch': c['epoch'], 'max_eval_acc': c['max_eval_acc'], 'labels': list(c['labels'].items()),",
                " 'big': c['big'], 'negative': c['negative'], 'list': c['list'],",
                " 'tuple': [type(c['tuple']).__name__] + list(c['tuple']), 'long_tuple': list(c['long_tuple']),",
                "}",
                "print(json.dumps(out))");
        Result result = run(PYTHON.toString(), "-c", script, file.toString(), tensorsOnly.toString());
        assertEquals(0, result.exitCode, result.output);
        String[] lines = result.output.strip().split("\n");
        JsonNode loaded = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertEquals("[\"model\",\"epoch\",\"max_eval_acc\",\"labels\",\"big\",\"negative\",\"list\",\"tuple\",\"long_tuple\"]",
                loaded.get("keys").toString());
        assertEquals("OrderedDict", loaded.get("model_type").asText());
        if (!loaded.get("tensors_only").isNull()) {
            assertEquals("[\"fc.weight\",\"fc.bias\",\"scale\",\"empty\"]", loaded.get("tensors_only").toString());
        }
        assertEquals("[\"fc.weight\",\"fc.bias\",\"scale\",\"empty\"]",
                new ObjectMapper().writeValueAsString(iterate(loaded.get("model").fieldNames())));
        assertBits(WEIGHT, loaded.get("model").get("fc.weight"), "[2,3]");
        assertBits(BIAS, loaded.get("model").get("fc.bias"), "[2]");
        assertBits(new float[] {2.5f}, loaded.get("model").get("scale"), "[]");
        assertBits(new float[0], loaded.get("model").get("empty"), "[0,3]");
        assertEquals(5, loaded.get("epoch").asInt());
        assertEquals(0.5, loaded.get("max_eval_acc").asDouble());
        assertEquals("[[\"rock\",0],[\"Grieg – Åse\",1]]", loaded.get("labels").toString());
        assertEquals(1L << 40, loaded.get("big").asLong());
        assertEquals(-70000, loaded.get("negative").asInt());
        assertEquals("[1,2.5,\"three\",null,true]", loaded.get("list").toString());
        assertEquals("[\"tuple\",0.9,0.999]", loaded.get("tuple").toString());
        assertEquals("[1,2,3,4,5]", loaded.get("long_tuple").toString());
    }

    private static void assertBits(float[] expected, JsonNode tensor, String shape) {
        assertEquals("torch.float32", tensor.get("dtype").asText());
        assertEquals(shape, tensor.get("shape").toString());
        long[] bits = TorchCheckpointTest.longs(tensor.get("bits"));
        assertEquals(expected.length, bits.length);
        for (int i = 0; i < bits.length; i++) {
            assertEquals(Float.floatToRawIntBits(expected[i]), (int) bits[i]);
        }
    }

    private static List<String> iterate(java.util.Iterator<String> it) {
        List<String> values = new ArrayList<>();
        it.forEachRemaining(values::add);
        return values;
    }

    private record Result(int exitCode, String output) {}

    private static Result run(String... command) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Result(-1, "timed out");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
