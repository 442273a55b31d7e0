package org.clamp3.core.io;

import java.nio.file.Path;

/**
 * A file the user gave us cannot be used. The message is one line that names the file and the
 * problem, fit to print as it is; batch commands report it and go on with the next file.
 */
public class InvalidInputException extends RuntimeException {
    private final transient Path file;

    public InvalidInputException(Path file, String problem) {
        super(file + ": " + problem);
        this.file = file;
    }

    public InvalidInputException(Path file, String problem, Throwable cause) {
        super(file + ": " + problem, cause);
        this.file = file;
    }

    /** The offending file, or null when the problem is not about one file. */
    public Path file() {
        return file;
    }
}
