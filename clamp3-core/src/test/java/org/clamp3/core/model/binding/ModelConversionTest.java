package org.clamp3.core.model.binding;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.TestData;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.weights.SafetensorsFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code models convert}: a model-only .safetensors beside the .pth, preferred while the .pth is unchanged, same fingerprint, same outputs. */
class ModelConversionTest {
    @TempDir
    Path dir;

    /** The tiny model's folder with only its .pth (the published layout): config naming no safetensors. */
    private Path pthOnlyModel() throws IOException {
        Path src = TestData.path("model");
        ModelConfig config = ModelConfig.read(src);
        ObjectMapper json = new ObjectMapper();
        ObjectNode c = (ObjectNode) json.readTree(src.resolve("config.json").toFile());
        c.putNull("clamp3_weights_safetensors");
        c.putNull("m3_weights_safetensors");
        Files.writeString(dir.resolve("config.json"), json.writeValueAsString(c));
        Files.createDirectories(dir.resolve("weights"));
        Files.copy(src.resolve("weights").resolve(config.clamp3WeightsPth()), dir.resolve("weights").resolve(config.clamp3WeightsPth()));
        Path tok = src.resolve(config.textModelDir());
        Files.createDirectories(dir.resolve(config.textModelDir()));
        try (var files = Files.list(tok)) {
            for (Path f : files.toList()) {
                Files.copy(f, dir.resolve(config.textModelDir()).resolve(f.getFileName()));
            }
        }
        return dir.resolve("weights").resolve(config.clamp3WeightsPth());
    }

    @Test
    void convertedWeightsLoadTheSameModelUnderTheSameFingerprint() throws IOException {
        Path pth = pthOnlyModel();
        String fingerprint = Clamp3Model.fingerprint(dir);
        float[] before;
        try (Clamp3Model model = Clamp3Model.load(dir)) {
            before = model.embedText("A gentle waltz in G major.");
        }

        ModelConversion.Converted c = ModelConversion.convert(pth);
        assertEquals(ModelConversion.target(pth), c.target());
        assertTrue(c.targetBytes() > 0 && c.tensors() > 100, c.toString());
        try (SafetensorsFile f = SafetensorsFile.open(c.target())) {
            assertEquals(pth.getFileName().toString(), f.metadata().get("clamp3.converted_from"));
        }
        ModelConfig config = ModelConfig.read(dir);
        assertEquals(c.target(), ModelFiles.find(dir, null, config.clamp3WeightsPth(), "weights"));
        assertEquals(fingerprint, Clamp3Model.fingerprint(dir), "converting keeps the fingerprint");
        try (Clamp3Model model = Clamp3Model.load(dir)) {
            assertArrayEquals(before, model.embedText("A gentle waltz in G major."), "the same weights give the same vector");
        }

        // a changed checkpoint is not shadowed by a conversion of its old self
        Files.write(pth, new byte[] {0}, StandardOpenOption.APPEND);
        assertNull(ModelFiles.converted(pth));
        assertEquals(pth, ModelFiles.find(dir, null, config.clamp3WeightsPth(), "weights"));
    }
}
