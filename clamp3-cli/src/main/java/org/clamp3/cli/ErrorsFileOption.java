package org.clamp3.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** The {@code --errors FILE} option every command that reads many files has. */
public final class ErrorsFileOption {
    @Option(names = "--errors", defaultValue = "clamp3-errors.jsonl", paramLabel = "FILE",
            description = "Where input files that could not be used are listed, if any (default: ${DEFAULT-VALUE}).")
    public Path file;
}
