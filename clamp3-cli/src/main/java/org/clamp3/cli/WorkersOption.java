package org.clamp3.cli;

import org.clamp3.core.pipeline.BatchOptions;

import picocli.CommandLine.Option;

/**
 * {@code --workers N}: how many input files are in flight at once (read, converted, written),
 * independent of {@code --threads} (libtorch's math threads). A mixin for commands that walk a tree.
 */
public final class WorkersOption {
    @Option(names = "--workers", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Files read and converted at once (default: number of cores, unless the command says otherwise). "
                    + "Not the model's threads: see --threads.")
    Integer workers;

    private int fallback = BatchOptions.defaultWorkers();

    /** Sets the default for commands whose files mostly wait on something else (e.g. a model). */
    public void setDefault(int n) {
        fallback = n;
    }

    /** Whether --workers was given. */
    public boolean given() {
        return workers != null;
    }

    /** The number given, else the command's default (the number of cores unless it says otherwise). */
    public int count() {
        return workers != null ? workers : fallback;
    }
}
