package org.clamp3.onnx;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;

/** src-test-data/model: the MANIFEST's extract_clamp3 cases (outputs of the original code, tiny random weights). */
final class Fixtures {
    private Fixtures() {}

    static Path path(String relative) {
        String prop = System.getProperty("clamp3.testdata");
        Path root = prop != null ? Path.of(prop) : Path.of("../src-test-data");
        if (!Files.isDirectory(root)) {
            throw new IllegalStateException("test data not found at " + root.toAbsolutePath());
        }
        return root.resolve(relative);
    }

    static JsonNode manifest() throws IOException {
        return new ObjectMapper().readTree(path("model/MANIFEST.json").toFile());
    }

    static List<JsonNode> cases(JsonNode manifest, Modality modality) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            if (c.get("kind").asText().equals("extract_clamp3") && c.get("modality").asText().equalsIgnoreCase(modality.name())) {
                out.add(c);
            }
        }
        return out;
    }

    static EncodedInput encode(Clamp3Model model, JsonNode c) throws IOException {
        Path file = path("model/" + c.get("input").asText());
        String name = file.getFileName().toString();
        if (name.endsWith(".npy")) {
            NpyArray a = Npy.read(file);
            int[] shape = a.shape();
            return model.encodeAudio(a.floats(), shape[shape.length - 1]);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return name.endsWith(".txt") ? model.encodeText(text) : model.encodeSymbolic(text);
    }

    static float[] expected(JsonNode c, boolean global) throws IOException {
        return Npy.read(path("model/" + c.get("outputs").get(global ? "global" : "local").get("path").asText())).floats();
    }

    /** max |a - b| and the smallest cosine of rows of {@code width}. */
    static double[] compare(float[] expected, float[] actual, int width) {
        if (expected.length != actual.length) {
            throw new AssertionError("length " + actual.length + ", expected " + expected.length);
        }
        double worst = 0;
        double worstCos = 1;
        for (int r = 0; r < expected.length / width; r++) {
            double dot = 0;
            double ne = 0;
            double na = 0;
            for (int i = r * width; i < (r + 1) * width; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                dot += (double) expected[i] * actual[i];
                ne += (double) expected[i] * expected[i];
                na += (double) actual[i] * actual[i];
            }
            worstCos = Math.min(worstCos, dot / Math.sqrt(ne * na));
        }
        return new double[] {worst, worstCos};
    }
}
