package org.clamp3.preprocess.audio;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.WeightFile;

/**
 * Takes a MERT state dict's tensors by key, checking shapes, and collects every missing,
 * mis-shaped and unknown key so {@link #finish} reports them all in one error.
 */
final class MertWeights {
    /** In the checkpoint but unused at inference (SpecAugment's mask vector). */
    private static final Set<String> IGNORED = Set.of("masked_spec_embed");

    private final WeightFile weights;
    private final NDManager manager;
    private final Set<String> used = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    MertWeights(WeightFile weights, NDManager manager) {
        this.weights = weights;
        this.manager = manager;
    }

    boolean has(String key) {
        return weights.tensors().containsKey(key);
    }

    /** The tensor as an NDArray of {@code shape}, or null after recording a problem. */
    NDArray take(String key, long... shape) {
        float[] values = floats(key, shape);
        return values == null ? null : manager.create(values, new Shape(shape));
    }

    /** The tensor's values in row-major order, or null after recording a problem. */
    float[] floats(String key, long... shape) {
        LazyTensor t = weights.tensors().get(key);
        used.add(key);
        if (t == null) {
            problems.add("missing " + key + " " + Arrays.toString(shape));
            return null;
        }
        if (!Arrays.equals(t.shape(), shape)) {
            problems.add(key + " has shape " + Arrays.toString(t.shape()) + ", expected " + Arrays.toString(shape));
            return null;
        }
        if (!t.dtype().isFloatingPoint()) {
            problems.add(key + " is " + t.dtype() + ", expected a float tensor");
            return null;
        }
        return t.toFloatArray();
    }

    /** Throws if anything was missing or mis-shaped, or if the file holds a key the model did not use. */
    void finish() {
        for (String key : weights.names()) {
            if (!used.contains(key) && !IGNORED.contains(key)) {
                problems.add("unexpected " + key);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 8);
            throw new InvalidInputException(weights.file(), "weights do not fit the MERT config: "
                    + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : ""));
        }
    }
}
