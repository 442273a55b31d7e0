package org.clamp3.core.model;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.clamp3.core.TestData;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.StateDict;
import org.clamp3.core.weights.TorchCheckpoint;
import org.clamp3.core.weights.TorchCheckpointWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Buffers other transformers versions save are accepted; any other extra key is an error naming it. */
class CheckpointVariantsTest {

    private static Path modelWith(Path dir, Map<String, FloatTensor> extra) throws IOException {
        Path src = TestData.path("model");
        Map<String, Object> state = new LinkedHashMap<>();
        String name = ModelConfig.read(src).clamp3WeightsPth();
        try (TorchCheckpoint ck = TorchCheckpoint.open(src.resolve("weights").resolve(name))) {
            for (Map.Entry<String, LazyTensor> e : ck.stateDict("model").entrySet()) {
                long[] shape = e.getValue().shape();
                state.put(e.getKey(), new FloatTensor(e.getValue().toFloatArray(), shape));
            }
        }
        state.putAll(extra);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(state));
        Files.createDirectories(dir.resolve("weights"));
        TorchCheckpointWriter.write(dir.resolve("weights").resolve(name), root);
        Files.copy(src.resolve("config.json"), dir.resolve("config.json"));
        Files.createDirectories(dir.resolve("xlmr-tiny"));
        Files.copy(src.resolve("xlmr-tiny/tokenizer.json"), dir.resolve("xlmr-tiny/tokenizer.json"));
        Files.copy(src.resolve("xlmr-tiny/config.json"), dir.resolve("xlmr-tiny/config.json"));
        return dir;
    }

    @Test
    void positionIdBuffersAreAccepted(@TempDir Path dir) throws IOException {
        Map<String, FloatTensor> extra = new LinkedHashMap<>();
        extra.put("text_model.embeddings.position_ids", new FloatTensor(new float[514], 1, 514));
        extra.put("audio_model.embeddings.token_type_ids", new FloatTensor(new float[128], 1, 128));
        try (Clamp3Model model = Clamp3Model.load(modelWith(dir, extra))) {
            assertTrue(model.embedText("hello").length == 128);
        }
    }

    @Test
    void anUnknownKeyIsNamed(@TempDir Path dir) throws IOException {
        Map<String, FloatTensor> extra = new LinkedHashMap<>();
        extra.put("audio_model.encoder.layer.7.output.dense.weight", new FloatTensor(new float[4], 2, 2));
        extra.put("logit_scale", new FloatTensor(new float[1], 1));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Clamp3Model.load(modelWith(dir, extra)));
        assertTrue(e.getMessage().contains("unexpected audio_model.encoder.layer.7.output.dense.weight; unexpected logit_scale"), e.getMessage());
    }

    @Test
    void aYamlConfigWorksLikeTheJsonOne(@TempDir Path dir) throws IOException {
        Path src = TestData.path("model");
        com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(src.resolve("config.json").toFile());
        new com.fasterxml.jackson.dataformat.yaml.YAMLMapper().writeValue(dir.resolve("config.yaml").toFile(), json);
        Files.createSymbolicLink(dir.resolve("weights"), src.resolve("weights").toAbsolutePath());
        Files.createSymbolicLink(dir.resolve("xlmr-tiny"), src.resolve("xlmr-tiny").toAbsolutePath());
        try (Clamp3Model model = Clamp3Model.load(dir)) {
            assertTrue(model.embedText("hello").length == 128);
        }
    }
}
