package org.clamp3.cli;

import org.clamp3.core.pipeline.BatchOptions;

import picocli.CommandLine;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code --workers N}: files in flight at once (read, parsed, converted); not libtorch's threads (see --threads). */
public final class WorkersOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    private Integer workers;
    private int fallback = BatchOptions.defaultWorkers();

    @Option(names = "--workers", paramLabel = "N",
            description = "Files read and converted at once (default: number of cores). Not the model's threads: see --threads.")
    void setWorkers(int n) {
        if (n < 1) {
            throw new CommandLine.ParameterException(command.commandLine(), "--workers must be at least 1, got " + n);
        }
        workers = n;
    }

    /** Sets the default for commands whose files mostly wait on something else (e.g. a model). */
    public void setDefault(int n) {
        fallback = n;
    }

    /** Whether --workers was given. */
    public boolean given() {
        return workers != null;
    }

    public int count() {
        return workers != null ? workers : fallback;
    }
}
