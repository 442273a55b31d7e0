package org.clamp3.core.weights;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class WeightFilesTest {
    @Test
    void checkpointStateDictUnderKey() throws IOException {
        try (WeightFile weights = WeightFiles.open(TestFiles.weights("torch-checkpoint.pth"), "model")) {
            assertEquals("encoder.weight", weights.names().iterator().next());
            assertEquals(9, weights.tensors().size());
            assertArrayEquals(new long[] {6, 4}, weights.tensor("encoder.transposed").shape());
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> weights.tensor("decoder.weight"));
            assertTrue(e.getMessage().endsWith(": no tensor 'decoder.weight' in state dict 'model'"), e.getMessage());
        }
    }

    @Test
    void checkpointWhoseRootIsTheStateDict(@TempDir Path dir) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("b", new FloatTensor(new float[] {1, 2}, 2));
        root.put("a", new FloatTensor(new float[] {3}, 1));
        Path file = dir.resolve("bare.bin");
        TorchCheckpointWriter.write(file, root);
        try (WeightFile weights = WeightFiles.open(file, "model")) {
            assertEquals(List.of("b", "a"), new ArrayList<>(weights.names()));
            assertArrayEquals(new float[] {3}, weights.tensor("a").toFloatArray());
        }
    }

    @Test
    void checkpointWithoutTensorsAtTheRootIsAnError() {
        // the fixture has no 'state_dict' key and its root also holds non-tensors
        assertThrows(InvalidInputException.class,
                () -> WeightFiles.open(TestFiles.weights("torch-checkpoint.pth"), "state_dict"));
    }

    @Test
    void safetensorsByExtensionOrByHeader(@TempDir Path dir) throws IOException {
        Path renamed = Files.copy(TestFiles.weights("hand-built.safetensors"), dir.resolve("weights.bin"));
        for (Path file : List.of(TestFiles.weights("hand-built.safetensors"), renamed)) {
            try (WeightFile weights = WeightFiles.open(file, "model")) {
                assertInstanceOf(SafetensorsFile.class, weights);
                assertEquals(List.of("weight", "half", "ids"), new ArrayList<>(weights.names()));
            }
        }
    }

    @Test
    void otherFilesAreRefused(@TempDir Path dir) throws IOException {
        Path file = Files.writeString(dir.resolve("notes.pth"), "hello");
        assertEquals(file + ": not a PyTorch checkpoint (torch.save zip)",
                assertThrows(InvalidInputException.class, () -> WeightFiles.open(file, null)).getMessage());
    }
}
