package org.clamp3.core.pipeline;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;

/** Hears how each file of a batch went; called from the batch thread, once per task. */
public interface BatchListener {

    /** How one file went. */
    enum Outcome {
        /** The output was written (or the job kept the result). */
        WRITTEN,
        /** A complete output was already there. */
        SKIPPED,
        /** The file has no output, as in the original (e.g. a score without notes). */
        NO_OUTPUT,
        /** The file could not be used; see the error. */
        FAILED
    }

    /**
     * @param error the reason when {@code outcome} is FAILED, else null
     */
    void done(FileTask task, Outcome outcome, InvalidInputException error);

    BatchListener NONE = (task, outcome, error) -> { };
}
