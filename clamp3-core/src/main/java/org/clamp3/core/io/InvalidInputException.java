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
        super(oneLine(file + ": " + problem));
        this.file = file;
        this.hint = hint;
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(oneLine(file + ": " + problem), cause);
        this.file = file;
        this.hint = null;
    }

    /**
     * The message kept to one line whatever the file's name or content put in it: line breaks
     * and other control characters (from a file name, a quoted header, a parser's message) are
     * written as escapes ({@code \n}, {@code \u0000}).
     */
    static String oneLine(String message) {
        StringBuilder out = null;
        for (int i = 0; i < message.length(); i++) {
            char c = message.charAt(i);
            if (c < 0x20 && c != '\t' || c == 0x7f || c == '\u2028' || c == '\u2029' || c == '\u0085') {
                if (out == null) {
                    out = new StringBuilder(message.length() + 8).append(message, 0, i);
                }
                switch (c) {
                    case '\n' -> out.append("\\n");
                    case '\r' -> out.append("\\r");
                    default -> out.append(String.format("\\u%04x", (int) c));
                }
            } else if (out != null) {
                out.append(c);
            }
        }
        return out == null ? message : out.toString();
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
