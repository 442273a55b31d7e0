package org.clamp3.core.model.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.TestData;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** config.py's training settings come from the model config; absent ones are the original's. */
class TrainingConfigTest {

    @TempDir
    Path dir;

    /** The fixture model's config.json with some top-level keys set. */
    private Path configWith(String... keysAndJsonValues) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(TestData.path("model").resolve("config.json").toFile());
        for (int i = 0; i < keysAndJsonValues.length; i += 2) {
            root.set(keysAndJsonValues[i], json.readTree(keysAndJsonValues[i + 1]));
        }
        Files.writeString(dir.resolve("config.json"), json.writeValueAsString(root));
        return dir;
    }

    @Test
    void thePublishedConfigsCarryTheOriginalMaskRatio() throws IOException {
        for (String name : new String[] {"clamp3-saas.json", "clamp3-c2.json"}) {
            Path folder = Files.createDirectories(dir.resolve(name));
            Files.copy(TestData.root().resolveSibling("config").resolve(name), folder.resolve("config.json"));
            assertEquals(TrainingConfig.ORIGINAL, ModelConfig.read(folder).training(), name);
        }
        assertEquals(0.45, ModelConfig.read(TestData.path("model")).training().m3MaskRatio());
    }

    @Test
    void theOriginalValuesAreConfigPys() {
        TrainingConfig o = TrainingConfig.ORIGINAL;
        assertEquals(new TrainingConfig(100, 1e-4, 16, 0.45, 100, 1e-5, 256, 5, 0.01), o);
    }

    @Test
    void keysInTheConfigReplaceTheOriginalValues() throws IOException {
        TrainingConfig c = ModelConfig.read(configWith("M3_MASK_RATIO", "0.3", "M3_BATCH_SIZE", "4", "CLAMP3_LEARNING_RATE", "2e-5",
                "CLAMP3_NUM_EPOCH", "7", "SAVE_EVERY", "0", "EVAL_SPLIT", "0.1")).training();
        assertEquals(new TrainingConfig(100, 1e-4, 4, 0.3, 7, 2e-5, 256, 0, 0.1), c);
    }

    @Test
    void aBadValueIsAnErrorNamingTheKeyAndTheFile() throws IOException {
        Path model = configWith("M3_MASK_RATIO", "1.0");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ModelConfig.read(model));
        assertEquals(model.resolve("config.json") + ": 'M3_MASK_RATIO' must be in [0, 1), got 1.0", e.getMessage());

        Path batch = configWith("M3_MASK_RATIO", "0.45", "CLAMP3_BATCH_SIZE", "\"many\"");
        e = assertThrows(InvalidInputException.class, () -> ModelConfig.read(batch));
        assertTrue(e.getMessage().endsWith("'CLAMP3_BATCH_SIZE' must be an integer, got \"many\""), e.getMessage());
    }
}
