package org.clamp3.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: libtorch's intra-op threads (default: all cores). */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Threads for the model's math (default: number of cores).")
    Integer threads;

    /** Must run before the engine starts; the value was range-checked when the command line was parsed. */
    public void apply() {
        if (threads != null) {
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
