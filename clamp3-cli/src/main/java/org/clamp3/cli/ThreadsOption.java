package org.clamp3.cli;

import org.clamp3.core.model.kernel.EngineSetup;

import picocli.CommandLine.Option;

/** {@code --threads N}: libtorch's intra-op threads (default: the physical cores this process may use). */
public final class ThreadsOption {
    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Threads for the model's math (default: physical cores available to the process).")
    Integer threads;

    /** Must run before the engine starts; the value was range-checked when the command line was parsed. */
    public void apply() {
        EngineSetup.configureThreads(threads);
    }

    /**
     * The {@code --threads} value of a raw command line, or null: {@link Clamp3#main} starts
     * libtorch before picocli has parsed anything, and the thread count must be known by then.
     * A malformed value is left for the parser to reject.
     */
    static Integer scan(String[] args) {
        for (int i = 0; i < args.length; i++) {
            String v = args[i].startsWith("--threads=") ? args[i].substring("--threads=".length())
                    : args[i].equals("--threads") && i + 1 < args.length ? args[i + 1] : null;
            if (v != null) {
                try {
                    int n = Integer.parseInt(v.trim());
                    return n >= 1 ? n : null;
                } catch (NumberFormatException e) {
                    return null;
                }
            }
            if (args[i].equals("--")) {
                break;
            }
        }
        return null;
    }
}
