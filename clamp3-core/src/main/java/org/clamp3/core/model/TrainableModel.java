package org.clamp3.core.model;

import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDManager;

import org.clamp3.core.weights.FloatTensor;

/** A model whose weights training updates and saves back in the original checkpoint layout. */
public interface TrainableModel extends AutoCloseable {

    /** Every weight the forward pass computes with, by state-dict key. */
    Map<String, ai.djl.ndarray.NDArray> parameters();

    /** Checkpoint tensors the forward pass does not use (poolers, BERT word tables), saved as loaded. */
    Map<String, FloatTensor> unusedTensors();

    /** Parameters held transposed relative to the checkpoint (saved transposed back). */
    Set<String> transposedParameters();

    /** Keys saved as a copy of another parameter (tied weights): key → parameter key. */
    default Map<String, String> tiedParameters() {
        return Map.of();
    }

    Dropout dropout();

    NDManager manager();

    @Override
    void close();
}
