package org.clamp3.core.io;

import java.nio.file.Path;
import java.util.Optional;

/**
 * A file the user gave us cannot be used. The message is one line that names the file and the
 * problem, fit to print as it is; batch commands report it and go on with the next file.
 *
 * <p>The message says what is wrong in the library's own terms. Where the user can do something
 * about it, a {@link Hint} says what, and the application words it in its own terms (a command-line
 * option, a script, a form field).
 */
public class InvalidInputException extends RuntimeException {
    /** What would make the input usable, for an application to put in its own words. */
    public enum Hint {
        /** The file holds temporal features (one vector per window) where global ones (one vector) are needed. */
        GLOBAL_FEATURES_NEEDED,
        /** A model folder lacks its weight files; the published weights can be fetched into it. */
        WEIGHTS_NOT_INSTALLED,
        /** Raw audio needs a MERT model to become features, and none was given. */
        MERT_MODEL_NEEDED
    }

    private final transient Path file;
    private final Hint hint;

    public InvalidInputException(Path file, String problem) {
        this(file, problem, (Hint) null);
    }

    /** A problem the user can remedy as {@code hint} says. */
    public InvalidInputException(Path file, String problem, Hint hint) {
        super(file + ": " + problem);
        this.file = file;
        this.hint = hint;
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
        this.hint = null;
    }

    /** The offending file, or null when the problem is not about one file. */
    public Path file() {
        return file;
    }

    /** What would make the input usable, when the library knows. */
    public Optional<Hint> hint() {
        return Optional.ofNullable(hint);
    }
}
