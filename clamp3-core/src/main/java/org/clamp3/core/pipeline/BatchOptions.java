package org.clamp3.core.pipeline;

/**
 * How a {@link BatchRunner} runs.
 *
 * @param workers       files prepared at once (read, parsed, converted) on worker threads
 * @param overwrite     redo outputs that are already complete
 * @param filesPerRound files handed to {@link FileJob#finish} together; the next round is prepared meanwhile
 */
public record BatchOptions(int workers, boolean overwrite, int filesPerRound) {
    public BatchOptions {
        if (workers < 1) {
            throw new IllegalArgumentException("workers must be at least 1, got " + workers);
        }
        if (filesPerRound < 1) {
            throw new IllegalArgumentException("files per round must be at least 1, got " + filesPerRound);
        }
    }

    /** Per-file work: rounds only bound how far the workers read ahead. */
    public static BatchOptions perFile(int workers, boolean overwrite) {
        return new BatchOptions(workers, overwrite, Math.max(16, 4 * workers));
    }

    /** The number of cores: the default for {@link #workers}. */
    public static int defaultWorkers() {
        return Runtime.getRuntime().availableProcessors();
    }
}
