package org.clamp3.core.pipeline;

import java.nio.file.Path;

import org.clamp3.core.io.Npy;

/**
 * Tells whether an output file already on disk is complete, cheaply (a header and the file size,
 * never a full decode), so a batch can skip it. Outputs whose format cannot tell (plain text)
 * rely on the {@link OutputLedger}: complete when the ledger recorded this very size.
 */
@FunctionalInterface
public interface OutputCheck {

    /** @return true when the file holds everything its header promises */
    boolean isComplete(Path output);

    /** Formats that cannot vouch for themselves (text): only the ledger decides. */
    OutputCheck LEDGER = output -> false;

    /** .npy: the header parses and the file is exactly header + shape × item size bytes. */
    OutputCheck NPY = Npy::isComplete;

    /** Is this the ledger-only check (the runner then keeps a ledger in the output folder)? */
    default boolean needsLedger() {
        return this == LEDGER;
    }
}
