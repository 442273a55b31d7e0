package org.clamp3.preprocess.audio.mert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.preprocess.audio.AudioFixtures;
import org.clamp3.preprocess.audio.AudioLoader;
import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.clamp3.preprocess.audio.codec.MonoAudio;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every case of the audio fixture MANIFEST, stage by stage: decode, resample, normalise, per-window
 * hidden-state means, and the final (L, W, H) and (1, W, H) features, each within the MANIFEST's
 * or README's tolerance.
 */
class MertParityTest {
    private static MertModel model;
    private static MertFeatureExtractor extractor;

    @BeforeAll
    static void loadModel() throws IOException {
        model = MertModel.load(AudioFixtures.MODEL);
        extractor = new MertFeatureExtractor(model, 4);
    }

    @AfterAll
    static void closeModel() {
        model.close();
    }

    static Stream<JsonNode> cases() throws IOException {
        List<JsonNode> cases = new ArrayList<>();
        AudioFixtures.manifest().get("cases").forEach(cases::add);
        return cases.stream();
    }

    private static boolean isMp3(JsonNode c) {
        return c.get("input").asText().endsWith(".mp3");
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void stagesMatch(JsonNode c) throws IOException {
        String id = c.get("id").asText();
        String dir = "intermediates/" + id + "/";
        MonoAudio audio = AudioDecoder.decode(AudioFixtures.ROOT.resolve(c.get("input").asText()));
        assertEquals(c.at("/decode/decoded_sample_rate").asInt(), audio.sampleRate(), id);
        assertEquals(c.at("/decode/mono_length").asInt(), audio.samples().length, id + " mono length");
        if (isMp3(c)) {
            // JLayer's float synthesis vs libmad's fixed point: about 1e-6 apart; later stages start from libmad's
            float[] libmad = AudioFixtures.npy(dir + "decoded_mono.npy").floats();
            double diff = AudioFixtures.maxAbsDiff(audio.samples(), libmad);
            assertTrue(diff <= 1e-5, id + ": MP3 decode differs from libmad's by " + diff);
            audio = new MonoAudio(libmad, audio.sampleRate(), audio.channels());
        } else {
            float[] head = AudioFixtures.npy(dir + "decoded_head1000.npy").floats();
            float[] got = Arrays.copyOf(audio.samples(), head.length);
            assertArrayEquals(head, got, id + ": decoded PCM must be exact");
        }
        float[] resampled = AudioLoader.resample(audio, 24000);
        assertEquals(c.get("resampled_length").asInt(), resampled.length, id + " resampled length");
        assertSlices(id, dir + "resampled_slices.npz", resampled, 1e-6);
        float[] normalized = WaveformNormalizer.normalizeInPlace(resampled.clone());
        assertSlices(id, dir + "normalized_slices.npz", normalized, 1e-5);

        List<AudioWindows.Window> windows = AudioWindows.of(resampled.length, 24_000);
        assertEquals(c.get("n_windows_kept").asInt(), windows.size(), id + " windows");
        if (windows.isEmpty()) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> extractor.features(Path.of(id), resampled, false));
            assertTrue(e.getMessage().contains("too short"), e.getMessage());
            return;
        }
        NpyArray perWindow = AudioFixtures.npy(dir + "window_hidden_means.npy");
        NpyArray nomean = extractor.features(Path.of(id), resampled.clone(), false);
        int[] shape = nomean.shape(); // (L, W, H); the reference per-window array is (W, L, 1, H)
        float[] reordered = new float[nomean.size()];
        float[] ours = nomean.floats();
        for (int l = 0; l < shape[0]; l++) {
            for (int w = 0; w < shape[1]; w++) {
                System.arraycopy(ours, (l * shape[1] + w) * shape[2], reordered, (w * shape[0] + l) * shape[2], shape[2]);
            }
        }
        assertClose(id + " window means", perWindow.floats(), reordered, 1e-4, 1e-4);
        for (JsonNode run : c.get("runs")) {
            boolean mean = run.get("flags").size() > 0;
            NpyArray expected = AudioFixtures.npy(run.get("expected").asText());
            NpyArray got = mean ? extractor.features(Path.of(id), resampled.clone(), true) : nomean;
            assertArrayEquals(expected.shape(), got.shape(), id + " shape");
            assertClose(id + (mean ? " mean" : " nomean"), expected.floats(), got.floats(),
                    run.at("/tolerance/atol").asDouble(), run.at("/tolerance/rtol").asDouble());
        }
    }

    static Stream<org.junit.jupiter.params.provider.Arguments> casesOnEveryPath() throws IOException {
        List<org.junit.jupiter.params.provider.Arguments> out = new ArrayList<>();
        for (KernelPlan plan : KernelPlan.everyPath()) {
            for (JsonNode c : cases().toList()) {
                out.add(org.junit.jupiter.params.provider.Arguments.of(c, plan));
            }
        }
        return out.stream();
    }

    /** End to end from the file, as the CLI runs it, with each layout and kernel. */
    @ParameterizedTest(name = "{0}, kernels {1}")
    @MethodSource("casesOnEveryPath")
    void endToEnd(JsonNode c, KernelPlan plan) {
        KernelPlan before = KernelPlan.active();
        KernelPlan.use(plan);
        try {
            endToEnd(c);
        } finally {
            KernelPlan.use(before);
        }
    }

    private void endToEnd(JsonNode c) {
        String id = c.get("id").asText();
        Path input = AudioFixtures.ROOT.resolve(c.get("input").asText());
        if (c.get("n_windows_kept").asInt() == 0) {
            assertThrows(InvalidInputException.class, () -> extractor.extract(input, false));
            return;
        }
        for (JsonNode run : c.get("runs")) {
            boolean mean = run.get("flags").size() > 0;
            NpyArray expected = AudioFixtures.npy(run.get("expected").asText());
            NpyArray got = extractor.extract(input, mean);
            assertArrayEquals(expected.shape(), got.shape(), id + " shape");
            assertClose(id + (mean ? " mean" : " nomean") + " end to end", expected.floats(), got.floats(),
                    run.at("/tolerance/atol").asDouble(), run.at("/tolerance/rtol").asDouble());
        }
    }

    private static void assertSlices(String id, String npz, float[] signal, double atol) throws IOException {
        Map<String, NpyArray> slices = AudioFixtures.npz(npz);
        assertEquals(slices.get("length").longs()[0], signal.length, id + " length");
        long[] offsets = slices.get("offsets").longs();
        String[] names = {"head", "mid", "tail"};
        for (int k = 0; k < names.length; k++) {
            float[] expected = slices.get(names[k]).floats();
            int from = (int) offsets[k];
            float[] got = Arrays.copyOfRange(signal, from, from + expected.length);
            double diff = AudioFixtures.maxAbsDiff(got, expected);
            assertTrue(diff <= atol, id + " " + npz + " " + names[k] + ": max abs diff " + diff + " > " + atol);
        }
    }

    private static void assertClose(String what, float[] expected, float[] got, double atol, double rtol) {
        double excess = AudioFixtures.excess(got, expected, atol, rtol);
        assertTrue(excess <= 0, what + ": out of tolerance by " + excess + " (max abs diff "
                + AudioFixtures.maxAbsDiff(got, expected) + ")");
    }
}
