package org.clamp3.preprocess.audio.mert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.TorchCheckpointWriter;
import org.clamp3.core.weights.WeightFile;
import org.clamp3.core.weights.WeightFiles;
import org.clamp3.preprocess.audio.AudioFixtures;
import org.clamp3.preprocess.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Model loading from both weight formats and key namings, batching, and clear errors for bad model folders. */
class MertModelTest {
    private static final Path C01 = AudioFixtures.ROOT.resolve("inputs/c01_chord_44k1_stereo_s16_3s.wav");

    @TempDir
    Path dir;

    /** The fixture's tensors, with the positional-conv pair renamed as newer torch saves it, as a torch checkpoint. */
    private Path checkpointFolder(boolean parametrized, String drop, String add) throws IOException {
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        try (WeightFile w = WeightFiles.open(AudioFixtures.MODEL.resolve("model.safetensors"), null)) {
            for (Map.Entry<String, LazyTensor> e : w.tensors().entrySet()) {
                String key = e.getKey();
                if (parametrized) {
                    key = key.replace("conv.weight_g", "conv.parametrizations.weight.original0")
                            .replace("conv.weight_v", "conv.parametrizations.weight.original1");
                }
                if (!key.equals(drop)) {
                    tensors.put(key, new FloatTensor(e.getValue().toFloatArray(), e.getValue().shape()));
                }
            }
        }
        if (add != null) {
            tensors.put(add, new FloatTensor(new float[] {1f}, 1));
        }
        Path folder = Files.createDirectories(dir.resolve("mert"));
        Files.copy(AudioFixtures.MODEL.resolve("config.json"), folder.resolve("config.json"));
        TorchCheckpointWriter.write(folder.resolve("pytorch_model.bin"), tensors);
        return folder;
    }

    private static NpyArray features(Path modelDir, int batchSize, Path audio) throws IOException {
        try (MertModel model = MertModel.load(modelDir)) {
            return new MertFeatureExtractor(model, batchSize).extract(audio, false);
        }
    }

    @Test
    void torchCheckpointWithParametrizedWeightNormGivesTheSameFeatures() throws IOException {
        NpyArray fromSafetensors = features(AudioFixtures.MODEL, 1, C01);
        NpyArray fromBin = features(checkpointFolder(true, null, null), 1, C01);
        assertArrayEquals(fromSafetensors.floats(), fromBin.floats());
    }

    @Test
    void batchingDoesNotChangeFeatures() throws IOException {
        Path file = WavWriter.sine(dir.resolve("16s.wav"), 24_000, 2, 16 * 24_000);
        NpyArray one = features(AudioFixtures.MODEL, 1, file);
        NpyArray three = features(AudioFixtures.MODEL, 3, file);
        assertArrayEquals(new int[] {3, 4, 64}, three.shape());
        assertTrue(AudioFixtures.maxAbsDiff(one.floats(), three.floats()) < 1e-5);
    }

    @Test
    void missingAndUnexpectedKeysAreNamed() throws IOException {
        Path folder = checkpointFolder(false, "encoder.layers.1.final_layer_norm.bias", "encoder.extra.weight");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MertModel.load(folder));
        assertTrue(e.getMessage().contains("missing encoder.layers.1.final_layer_norm.bias"), e.getMessage());
        assertTrue(e.getMessage().contains("unexpected encoder.extra.weight"), e.getMessage());
    }

    @Test
    void badModelFolders() throws IOException {
        InvalidInputException none = assertThrows(InvalidInputException.class, () -> MertModel.load(dir.resolve("nope")));
        assertTrue(none.getMessage().contains("not a MERT model folder"), none.getMessage());
        Path folder = Files.createDirectories(dir.resolve("stable"));
        String config = Files.readString(AudioFixtures.MODEL.resolve("config.json"))
                .replace("\"do_stable_layer_norm\": false", "\"do_stable_layer_norm\": true");
        Files.writeString(folder.resolve("config.json"), config);
        InvalidInputException stable = assertThrows(InvalidInputException.class, () -> MertModel.load(folder));
        assertTrue(stable.getMessage().contains("do_stable_layer_norm"), stable.getMessage());
        Files.writeString(folder.resolve("config.json"), Files.readString(AudioFixtures.MODEL.resolve("config.json")));
        InvalidInputException noWeights = assertThrows(InvalidInputException.class, () -> MertModel.load(folder));
        assertTrue(noWeights.getMessage().contains("no model.safetensors or pytorch_model.bin"), noWeights.getMessage());
        Files.writeString(folder.resolve("config.json"), "{\"hidden_size\": ");
        InvalidInputException json = assertThrows(InvalidInputException.class, () -> MertModel.load(folder));
        assertTrue(json.getMessage().contains("not valid JSON"), json.getMessage());
    }

    @Test
    void audioShorterThanOneSecondIsAClearError() throws IOException {
        Path file = WavWriter.sine(dir.resolve("short.wav"), 44_100, 1, 44_000);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> features(AudioFixtures.MODEL, 4, file));
        assertTrue(e.getMessage().contains("too short: 0.998 s"), e.getMessage());
    }
}
