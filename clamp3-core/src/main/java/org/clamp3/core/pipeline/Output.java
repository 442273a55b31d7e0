package org.clamp3.core.pipeline;

import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.InvalidInputException;

/** What a {@link FileJob} made of one file: bytes to write, a failure, or "done, nothing to write". */
public sealed interface Output permits Output.Write, Output.Failed, Output.Kept {

    /** Written atomically to the task's output path. */
    record Write(AtomicFiles.Writer writer) implements Output {}

    /** The file could not be used; the rest of the batch goes on. */
    record Failed(InvalidInputException error) implements Output {}

    /** The job kept the result itself (e.g. a record for one combined file); counted as written. */
    record Kept() implements Output {}

    static Output bytes(byte[] bytes) {
        return new Write(out -> out.write(bytes));
    }
}
