package org.clamp3.core.model.binding;

import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;

/** Finds the files a model folder's config names: in the folder itself or its weights/ subfolder. */
public final class ModelFiles {
    private ModelFiles() {}

    /** The first of the named files that exists (safetensors preferred: it is memory-mapped). */
    public static Path find(Path dir, String preferred, String fallback, String what) {
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
