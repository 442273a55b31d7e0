package org.clamp3.core.extract;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;

/** Hears how each file of an extraction went; called from the extracting thread. */
public interface ExtractionListener {
    void written(FileTask task);

    /** The output already existed and is a complete .npy file. */
    void skipped(FileTask task);

    void failed(FileTask task, InvalidInputException error);
}
