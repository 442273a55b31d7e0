package org.clamp3.preprocess.abc;

import java.util.List;

/**
 * The original writes no interleaved file for this tune. The message says why, in the original's
 * words (e.g. "Unequal bar numbers.", "tunebody index not found.").
 */
public final class AbcInterleaveException extends RuntimeException {
    private final transient List<PipelineMessage> messages;

    AbcInterleaveException(String reason, List<PipelineMessage> messages) {
        super(reason);
        this.messages = List.copyOf(messages);
    }

    /**
     * Every line the original printed for this file, the last one being its failure line (for
     * input refused as too complex, where the original would run for hours, that line is ours).
     */
    public List<PipelineMessage> messages() {
        return messages;
    }
}
