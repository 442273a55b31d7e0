package org.clamp3.core.model.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.SafetensorsWriter;
import org.clamp3.core.weights.WeightFile;
import org.clamp3.core.weights.WeightFiles;

/**
 * Turns a published checkpoint (.pth: the model's state dict next to optimizer state and
 * training bookkeeping) into a model-only .safetensors beside it: {@code X.pth} becomes
 * {@code X.safetensors}, holding the state dict under "model" (or the whole dict when there is
 * no such key) with every float tensor as float32. The new file records the checkpoint's identity
 * ({@link ModelFingerprint#SOURCE_IDENTITY}), so {@link ModelFiles#find} prefers it only while
 * the checkpoint is the one it was made from, and fingerprints do not change.
 */
public final class ModelConversion {
    private ModelConversion() {}

    /** What converting {@code checkpoint} writes. */
    public static Path target(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return checkpoint.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ".safetensors");
    }

    /** The result of one conversion. */
    public record Converted(Path source, Path target, int tensors, long sourceBytes, long targetBytes) {}

    /** Writes {@link #target}{@code (checkpoint)}, atomically; an existing one is replaced. */
    public static Converted convert(Path checkpoint) throws IOException {
        Path target = target(checkpoint);
        String identity = ModelFingerprint.sampledIdentity(checkpoint);
        try (WeightFile weights = WeightFiles.open(checkpoint, "model")) {
            Map<String, LazyTensor> tensors = new LinkedHashMap<>(weights.tensors());
            Map<String, String> metadata = new LinkedHashMap<>();
            metadata.put("format", "pt");
            metadata.put("clamp3.converted_from", checkpoint.getFileName().toString());
            metadata.put(ModelFingerprint.SOURCE_IDENTITY, identity);
            SafetensorsWriter.write(target, tensors, metadata);
            return new Converted(checkpoint, target, tensors.size(), Files.size(checkpoint),
                    Files.size(target));
        }
    }
}
