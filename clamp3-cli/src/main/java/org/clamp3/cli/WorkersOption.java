package org.clamp3.cli;

import picocli.CommandLine.Option;

/**
 * {@code --workers N}: how many input files are in flight at once (read, converted, written),
 * independent of {@code --threads} (libtorch's math threads). A mixin for commands that walk a tree.
 */
public final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Files in flight at once (default: number of cores).")
    Integer workers;

    /** The number given, else the number of cores. */
    public int workers() {
        return workers != null ? workers : Runtime.getRuntime().availableProcessors();
    }
}
