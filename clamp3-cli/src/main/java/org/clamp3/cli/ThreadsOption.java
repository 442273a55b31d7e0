package org.clamp3.cli;

import picocli.CommandLine.Option;

/** {@code --threads N}: libtorch's intra-op threads (default: all cores). */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", description = "Threads for the model's math (default: number of cores).")
    Integer threads;

    /** Must run before the engine starts. */
    public void apply() {
        if (threads != null) {
            if (threads < 1) {
                throw new IllegalArgumentException("--threads must be at least 1");
            }
            System.setProperty("ai.djl.pytorch.num_threads", Integer.toString(threads));
            System.setProperty("ai.djl.pytorch.num_interop_threads", "1");
        }
    }
}
