package org.clamp3.core.model;

import java.util.List;

/**
 * One modality's encoder run over many inputs at once, windows batched and put back together:
 * {@link WindowedInference} on libtorch, or another engine's (clamp3-onnx).
 */
public interface BatchInference {

    /**
     * @param global true: one projected vector per input (length D); false: the last hidden
     *               state of every item (length n·H, row-major)
     */
    List<float[]> run(List<? extends EncodedInput> inputs, boolean global);

    /** Width of the per-item features. */
    int hiddenSize();
}
