package org.clamp3.core.model;

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
 * Moves tensors from a weight file into NDArrays, by state-dict key, checking shapes. Problems
 * are collected rather than thrown one at a time, so {@link #finish} can name every missing,
 * mis-shaped and unknown key in one error.
 */
final class WeightBinder {
    /** Saved by some transformers versions or unused by inference; accepted and ignored. */
    private static final List<String> IGNORABLE_SUFFIXES = List.of(
            "embeddings.position_ids", "embeddings.token_type_ids",
            ".attn.bias", ".attn.masked_bias",
            "pooler.dense.weight", "pooler.dense.bias");

    private final WeightFile weights;
    private final NDManager manager;
    private final Set<String> used = new HashSet<>();
    private final List<String> problems = new ArrayList<>();

    WeightBinder(WeightFile weights, NDManager manager) {
        this.weights = weights;
        this.manager = manager;
    }

    /** The tensor at {@code key} as float32 of exactly {@code shape}; null (and a recorded problem) otherwise. */
    NDArray take(String key, long... shape) {
        LazyTensor t = expect(key, shape);
        return t == null ? null : manager.create(t.toFloatArray(), new Shape(shape));
    }

    /**
     * Checks that {@code key} is a float tensor of {@code shape} without reading it: for weights
     * the checkpoint holds but inference never uses (BERT's one-row word embeddings when inputs
     * come as embeddings).
     */
    LazyTensor expect(String key, long... shape) {
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
        return t;
    }

    /**
     * Throws if any key was missing or mis-shaped, or if a key under one of {@code prefixes} was
     * not used (other than known, harmless buffers).
     */
    void finish(List<String> prefixes) {
        for (String key : weights.names()) {
            if (used.contains(key) || IGNORABLE_SUFFIXES.stream().anyMatch(key::endsWith)) {
                continue;
            }
            if (prefixes.stream().anyMatch(key::startsWith)) {
                problems.add("unexpected " + key);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 8);
            throw new InvalidInputException(weights.file(), "weights do not fit the model config: "
                    + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : ""));
        }
    }
}
