package org.clamp3.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --errors FILE} option every command that reads many files has. */
public final class ErrorsFileOption {
    /** The report's name when --errors is not given. */
    public static final String DEFAULT = "clamp3-errors.jsonl";

    @Option(names = "--errors", defaultValue = DEFAULT, paramLabel = "FILE",
            description = "Where input files that could not be used are listed, if any (default: ${DEFAULT-VALUE}).")
    public Path file;
}
