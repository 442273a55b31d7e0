package org.clamp3.cli.preprocess;

import org.clamp3.cli.Ranges;
import org.clamp3.cli.WorkersOption;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code --threads N} in the preprocess commands that run no model: their old spelling of
 * {@code --workers}, kept for one release. Elsewhere --threads means libtorch's threads.
 */
final class LegacyThreadsOption {
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Deprecated: the old name of --workers in this command (files in parallel); will be removed.")
    Integer threads;

    /** Makes a given --threads count as --workers (unless --workers is given too), with a warning. */
    void applyTo(WorkersOption workers) {
        if (threads != null && !workers.given()) {
            command.commandLine().getErr().println("warning: --threads is deprecated in this command; use --workers " + threads);
            workers.setDefault(threads);
        }
    }
}
