package org.clamp3.core.model.train;

import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDManager;

import org.clamp3.core.model.binding.BoundWeights;
import org.clamp3.core.model.nn.Dropout;
import org.clamp3.core.weights.FloatTensor;

/** A model whose weights training updates and saves back in the original checkpoint layout. */
public interface TrainableModel extends AutoCloseable {

    /** The weights as loaded: parameters, tensors kept only for saving, transposed parameters. */
    BoundWeights weights();

    /** Every weight the forward pass computes with, by state-dict key. */
    default Map<String, ai.djl.ndarray.NDArray> parameters() {
        return weights().parameters();
    }

    /** Checkpoint tensors the forward pass does not use (poolers, BERT word tables), saved as loaded. */
    default Map<String, FloatTensor> unusedTensors() {
        return weights().unused();
    }

    /** Parameters held transposed relative to the checkpoint (saved transposed back). */
    default Set<String> transposedParameters() {
        return weights().transposed();
    }

    /** Keys saved as a copy of another parameter (tied weights): key → parameter key. */
    default Map<String, String> tiedParameters() {
        return Map.of();
    }

    Dropout dropout();

    NDManager manager();

    @Override
    void close();
}
