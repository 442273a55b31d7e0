package org.clamp3.core.model.binding;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.weights.SafetensorsFile;

/**
 * Finds the files a model folder's config names: in the folder itself or its weights/ subfolder.
 * A checkpoint that {@link ModelConversion} converted is replaced by its model-only .safetensors
 * beside it (memory-mapped, so loading reads only the pages the run touches).
 */
public final class ModelFiles {
    private ModelFiles() {}

    /** The first of the named files that exists (safetensors preferred: it is memory-mapped). */
    public static Path find(Path dir, String preferred, String fallback, String what) {
        Path found = findNamed(dir, preferred, fallback, what);
        Path converted = converted(found);
        return converted != null ? converted : found;
    }

    /** {@code checkpoint}'s converted sibling when there is one made from this very file, else null. */
    public static Path converted(Path checkpoint) {
        String name = checkpoint.getFileName().toString();
        if (name.endsWith(".safetensors")) {
            return null;
        }
        Path sibling = ModelConversion.target(checkpoint);
        if (!Files.isRegularFile(sibling)) {
            return null;
        }
        try (SafetensorsFile file = SafetensorsFile.open(sibling)) {
            String recorded = file.metadata().get(ModelFingerprint.SOURCE_IDENTITY);
            return ModelFingerprint.sampledIdentity(checkpoint).equals(recorded) ? sibling : null;
        } catch (IOException | InvalidInputException e) {
            return null; // a broken or foreign file beside the checkpoint: load the checkpoint itself
        }
    }

    private static Path findNamed(Path dir, String preferred, String fallback, String what) {
        for (String name : new String[] {preferred, fallback}) {
            if (name == null) {
                continue;
            }
            for (Path candidate : new Path[] {dir.resolve(name), dir.resolve("weights").resolve(name)}) {
                if (Files.isRegularFile(candidate)) {
                    return candidate;
                }
            }
        }
        String names = (preferred == null ? "" : preferred) + (fallback == null ? "" : (preferred == null ? "" : " or ") + fallback);
        if (names.isEmpty()) {
            throw new InvalidInputException(dir, "config.json names no weights (" + what + ")");
        }
        throw new InvalidInputException(dir, "weights not found: " + names + " (in the folder or its weights/)",
                InvalidInputException.Hint.WEIGHTS_NOT_INSTALLED);
    }
}
