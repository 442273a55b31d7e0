package org.clamp3.core.pipeline;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.FileTask;

/**
 * The work a {@link BatchRunner} does for each file, in two steps: {@link #prepare} runs on a
 * worker thread for each file (read, parse, convert); {@link #finish} runs on the batch thread for
 * a round of prepared files at a time (e.g. one batched forward pass) and says what to write.
 *
 * @param <P> what a file is prepared into
 */
public interface FileJob<P> {

    /**
     * Reads and prepares one file; runs on a worker thread, for several files at once.
     *
     * @return what {@link #finish} needs, or null when this file has no output (as the original writes none)
     * @throws Exception an {@link org.clamp3.core.io.InvalidInputException} naming the file, or any
     *                   other exception, reported as this file's failure ({@link Error}s are not caught)
     */
    P prepare(FileTask task) throws Exception;

    /**
     * Turns a round of prepared files into their outputs, one per item and in the same order.
     * Runs on the batch thread; a runtime exception fails every file of the round.
     */
    List<Output> finish(List<FileTask> tasks, List<P> prepared);

    /** How to tell, cheaply, that an output already on disk is complete (see {@link OutputCheck}). */
    default OutputCheck outputCheck() {
        return OutputCheck.LEDGER;
    }

    /** Turns one file into its output bytes (null: no output). */
    @FunctionalInterface
    interface Converter {
        byte[] convert(FileTask task) throws Exception;
    }

    /** A job whose work is all done per file: each output's bytes are made on a worker. */
    static FileJob<byte[]> converting(Converter converter, OutputCheck check) {
        return new FileJob<>() {
            @Override
            public byte[] prepare(FileTask task) throws Exception {
                return converter.convert(task);
            }

            @Override
            public List<Output> finish(List<FileTask> tasks, List<byte[]> prepared) {
                List<Output> outputs = new ArrayList<>(prepared.size());
                for (byte[] bytes : prepared) {
                    outputs.add(Output.bytes(bytes));
                }
                return outputs;
            }

            @Override
            public OutputCheck outputCheck() {
                return check;
            }
        };
    }
}
