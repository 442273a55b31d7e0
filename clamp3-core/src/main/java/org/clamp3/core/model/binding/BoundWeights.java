package org.clamp3.core.model.binding;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import ai.djl.ndarray.NDArray;

import org.clamp3.core.weights.FloatTensor;

/**
 * What loading a checkpoint into a model produced: the tensors the model computes with (by
 * state-dict key), the checkpoint tensors it keeps only for saving, and which parameters are held
 * transposed relative to the checkpoint.
 */
public record BoundWeights(Map<String, NDArray> parameters, Map<String, FloatTensor> unused, Set<String> transposed) {

    public BoundWeights {
        parameters = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(parameters));
        unused = java.util.Collections.unmodifiableMap(new LinkedHashMap<>(unused));
        transposed = Set.copyOf(transposed);
    }

    /** The same without an unused tensor (one that is saved from a parameter instead, e.g. a tied weight). */
    public BoundWeights withoutUnused(String key) {
        Map<String, FloatTensor> copy = new LinkedHashMap<>(unused);
        copy.remove(key);
        return new BoundWeights(parameters, copy, transposed);
    }
}
