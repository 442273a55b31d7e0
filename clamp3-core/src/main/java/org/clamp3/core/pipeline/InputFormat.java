package org.clamp3.core.pipeline;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModelInput;

/**
 * One kind of input file: the extensions it is recognised by, the modality it feeds, and how a
 * file of it becomes a {@link ModelInput}. Readers are called from several threads at once.
 */
public interface InputFormat {

    /** A short name for messages and listings ("text", "musicxml", "audio", ...). */
    String name();

    /** Lower-case extensions without the dot. */
    Set<String> extensions();

    Modality modality();

    /**
     * @throws org.clamp3.core.io.InvalidInputException naming the file when it cannot be read
     */
    ModelInput read(Path file);

    /** Reads a file into a model input; may throw {@link org.clamp3.core.io.InvalidInputException}. */
    @FunctionalInterface
    interface Reader {
        ModelInput read(Path file);
    }

    static InputFormat of(String name, Modality modality, Set<String> extensions, Reader reader) {
        for (String e : extensions) {
            if (e.isEmpty() || e.startsWith(".") || !e.equals(e.toLowerCase(Locale.ROOT))) {
                throw new IllegalArgumentException("extension '" + e + "' of format " + name + ": lower case, no dot");
            }
        }
        Set<String> exts = Set.copyOf(extensions);
        return new InputFormat() {
            public String name() {
                return name;
            }

            public Set<String> extensions() {
                return exts;
            }

            public Modality modality() {
                return modality;
            }

            public ModelInput read(Path file) {
                return reader.read(file);
            }

            @Override
            public String toString() {
                return name + " " + exts;
            }
        };
    }
}
