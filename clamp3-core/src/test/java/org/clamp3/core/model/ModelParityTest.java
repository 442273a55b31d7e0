package org.clamp3.core.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.TestData;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.kernel.KernelPlan;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;

/**
 * Every extract_clamp3 case of src-test-data/model/MANIFEST.json (outputs of the original code
 * with tiny random weights), local and global, batched across all files of a modality and in the
 * original's one-window-at-a-time schedule.
 */
class ModelParityTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static Clamp3Model model;
    private static JsonNode manifest;

    @BeforeAll
    static void load() throws IOException {
        model = Clamp3Model.load(TestData.path("model"));
        manifest = JSON.readTree(TestData.path("model/MANIFEST.json").toFile());
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static EncodedInput encode(Clamp3Model model, Path file) throws IOException {
        String name = file.getFileName().toString();
        if (name.endsWith(".npy")) {
            NpyArray a = Npy.read(file);
            int[] shape = a.shape();
            return model.encodeAudio(a.floats(), shape[shape.length - 1]);
        }
        String text = Files.readString(file, StandardCharsets.UTF_8);
        return name.endsWith(".txt") ? model.encodeText(text) : model.encodeSymbolic(text);
    }

    private static List<JsonNode> cases(Modality modality) {
        List<JsonNode> out = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            if (c.get("kind").asText().equals("extract_clamp3") && c.get("modality").asText().equalsIgnoreCase(modality.name())) {
                out.add(c);
            }
        }
        return out;
    }

    @TestFactory
    Stream<DynamicTest> everyCaseInBothModes() {
        List<DynamicTest> tests = new ArrayList<>();
        for (KernelPlan plan : KernelPlan.everyPath()) {
            for (Modality modality : Modality.values()) {
                for (String output : new String[] {"local", "global"}) {
                    for (boolean exact : new boolean[] {false, true}) {
                        tests.add(DynamicTest.dynamicTest(modality + " " + output + (exact ? " exact-original" : " batched")
                                + ", kernels " + plan, () -> {
                                    KernelPlan before = KernelPlan.active();
                                    KernelPlan.use(plan);
                                    try {
                                        checkModality(modality, output.equals("global"), exact);
                                    } finally {
                                        KernelPlan.use(before);
                                    }
                                }));
                    }
                }
            }
        }
        return tests.stream();
    }

    private void checkModality(Modality modality, boolean global, boolean exact) throws IOException {
        List<JsonNode> cases = cases(modality);
        List<EncodedInput> inputs = new ArrayList<>();
        for (JsonNode c : cases) {
            inputs.add(encode(model, TestData.path("model/" + c.get("input").asText())));
        }
        ModalityEncoder encoder = model.encoder(modality);
        WindowedInference inference = exact ? WindowedInference.exactOriginal(encoder, model.manager())
                : new WindowedInference(encoder, model.manager(), 8, 2048);
        List<float[]> results = inference.run(inputs, global);
        for (int i = 0; i < cases.size(); i++) {
            JsonNode out = cases.get(i).get("outputs").get(global ? "global" : "local");
            NpyArray expected = Npy.read(TestData.path("model/" + out.get("path").asText()));
            int[] shape = expected.shape();
            JsonNode tol = out.get("tolerance");
            new Tolerance(tol.get("max_abs_diff").asDouble(), tol.get("min_row_cosine").asDouble())
                    .check(cases.get(i).get("id").asText(), expected.floats(), results.get(i), shape[shape.length - 1]);
        }
    }

    @Test
    void windowsFollowTheManifestsSegmentPlans() throws IOException {
        for (JsonNode c : manifest.get("cases")) {
            if (!c.get("kind").asText().equals("extract_clamp3")) {
                continue;
            }
            JsonNode im = c.get("intermediates");
            int n = im.get("n_items").asInt();
            int max = im.get("max_input_length").asInt();
            EncodedInput input = encode(model, TestData.path("model/" + c.get("input").asText()));
            assertEquals(n, input.length(), c.get("id").asText());
            List<Window> windows = Segmentation.windows(input, max);
            JsonNode segments = im.get("segments");
            assertEquals(segments.size(), windows.size(), c.get("id").asText());
            for (int s = 0; s < windows.size(); s++) {
                assertEquals(segments.get(s).get("start").asInt(), windows.get(s).start());
                assertEquals(segments.get(s).get("length").asInt(), windows.get(s).length());
            }
            int[] weights = new int[im.get("global_feature_weights").size()];
            for (int k = 0; k < weights.length; k++) {
                weights[k] = im.get("global_feature_weights").get(k).asInt();
            }
            assertArrayEquals(weights, Segmentation.globalWeights(n, max), c.get("id").asText());
        }
    }

    @Test
    void theLibraryCallsGiveTheSameGlobalFeatures() throws IOException {
        Tolerance tol = new Tolerance(1e-4, 0.99999);
        String text = Files.readString(TestData.path("model/inputs/text_short_en.txt"));
        tol.check("embedText", Npy.read(TestData.path("model/expected/global/text_short_en.npy")).floats(), model.embedText(text), 128);
        String abc = Files.readString(TestData.path("model/inputs/abc_simple.abc"));
        tol.check("embedSymbolic", Npy.read(TestData.path("model/expected/global/abc_simple.npy")).floats(), model.embedSymbolic(abc), 128);
        NpyArray audio = Npy.read(TestData.path("model/inputs/audio_T300.npy"));
        float[] flat = audio.floats();
        float[][] frames = new float[flat.length / 128][128];
        for (int i = 0; i < frames.length; i++) {
            System.arraycopy(flat, i * 128, frames[i], 0, 128);
        }
        tol.check("embedAudioFeatures", Npy.read(TestData.path("model/expected/global/audio_T300.npy")).floats(),
                model.embedAudioFeatures(frames), 128);
    }

    /** Forward passes free everything they create: the model's manager holds the same arrays before and after. */
    @Test
    void inferenceLeavesNoArraysBehind() throws IOException {
        List<EncodedInput> inputs = new ArrayList<>();
        for (Modality m : Modality.values()) {
            for (JsonNode c : cases(m)) {
                inputs.add(encode(model, TestData.path("model/" + c.get("input").asText())));
            }
        }
        int before = model.manager().getManagedArrays().size();
        for (boolean global : new boolean[] {true, false}) {
            for (EncodedInput in : inputs) {
                new WindowedInference(model.encoder(in.modality()), model.manager(), 4, 2048).run(List.of(in), global);
            }
        }
        assertEquals(before, model.manager().getManagedArrays().size());
    }
}
