package org.clamp3.core.model.binding;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.WeightFile;
import org.clamp3.core.weights.WeightFiles;

/**
 * Moves tensors from a weight file into NDArrays, by state-dict key, checking shapes. Problems
 * are collected rather than thrown one at a time, so {@link #finish} can name every missing,
 * mis-shaped and unknown key in one error.
 */
public final class WeightBinder {
    /** Buffers some transformers versions save; accepted and dropped. */
    private static final List<String> BUFFER_SUFFIXES = List.of(
            "embeddings.position_ids", "embeddings.token_type_ids", ".attn.bias", ".attn.masked_bias");

    private final WeightFile weights;
    private final NDManager manager;
    private final Set<String> used = new HashSet<>();
    private final Set<String> transposed = new HashSet<>();
    /** Every tensor the model computes with, by state-dict key, in load order: the trainable parameters. */
    private final java.util.Map<String, NDArray> parameters = new java.util.LinkedHashMap<>();
    /** Tensors the checkpoint holds but the forward pass never uses, kept so a saved checkpoint is complete. */
    private final java.util.Map<String, LazyTensor> passThrough = new java.util.LinkedHashMap<>();
    private final List<String> problems = new ArrayList<>();

    public WeightBinder(WeightFile weights, NDManager manager) {
        this.weights = weights;
        this.manager = manager;
    }

    /** The tensor at {@code key} as float32 of exactly {@code shape}; null (and a recorded problem) otherwise. */
    public NDArray take(String key, long... shape) {
        LazyTensor t = expect(key, shape);
        if (t == null) {
            return null;
        }
        // float32 goes to libtorch without passing through the Java heap: from a .safetensors file
        // the tensor is the file's mapped pages, read only where the forward pass touches them
        ByteBuffer direct = t.toDirectFloat32();
        NDArray array = direct != null ? manager.create(direct, new Shape(shape), DataType.FLOAT32)
                : manager.create(t.toFloatArray(), new Shape(shape));
        parameters.put(key, array);
        return array;
    }

    public boolean has(String key) {
        return weights.tensors().containsKey(key);
    }

    /** The tensor's values (row-major) for weights the caller combines itself; null after recording a problem. */
    public float[] floats(String key, long... shape) {
        LazyTensor t = expect(key, shape);
        return t == null ? null : t.toFloatArray();
    }

    /** Marks a key the checkpoint may hold and the model does not need (e.g. SpecAugment's mask vector). */
    public void ignore(String key) {
        used.add(key);
    }

    /**
     * The tensor at {@code key}, of shape (rows, cols) in the file, stored transposed as
     * (cols, rows): for weights the model reads by column. {@link #isTransposed} tells savers to
     * turn it back.
     */
    public NDArray takeTransposed(String key, long rows, long cols) {
        LazyTensor t = expect(key, rows, cols);
        if (t == null) {
            return null;
        }
        float[] v = t.toFloatArray();
        float[] tr = new float[v.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                tr[(int) (c * rows + r)] = v[(int) (r * cols + c)];
            }
        }
        NDArray array = manager.create(tr, new Shape(cols, rows));
        parameters.put(key, array);
        transposed.add(key);
        return array;
    }

    /**
     * Checks that {@code key} is a float tensor of {@code shape} without reading it: for weights
     * the checkpoint holds but inference never uses (BERT's one-row word embeddings when inputs
     * come as embeddings).
     */
    public LazyTensor expect(String key, long... shape) {
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

    /** The unused tensors, read into memory now (the weight file is closed after loading). */
    private java.util.Map<String, FloatTensor> passThroughTensors() {
        java.util.Map<String, FloatTensor> out = new java.util.LinkedHashMap<>();
        for (java.util.Map.Entry<String, LazyTensor> e : passThrough.entrySet()) {
            out.put(e.getKey(), new FloatTensor(e.getValue().toFloatArray(), e.getValue().shape()));
        }
        return out;
    }

    /** Builds a model's parts from a binder over an open weight file. */
    @FunctionalInterface
    public interface Builder<T> {
        T build(WeightBinder weights) throws IOException;
    }

    /**
     * Opens {@code file} (its {@code model} state dict when it has one), lets {@code build} take
     * the tensors into {@code manager}, and closes the file; on any failure the manager is closed
     * too, so nothing loaded so far is left behind.
     */
    public static <T> T bind(Path file, NDManager manager, Builder<T> build) throws IOException {
        try (WeightFile weights = WeightFiles.open(file, "model")) {
            return build.build(new WeightBinder(weights, manager));
        } catch (RuntimeException | IOException e) {
            manager.close();
            throw e;
        }
    }

    /**
     * Throws if any key was missing or mis-shaped, or if a key under one of {@code prefixes} was
     * not used (other than known, harmless buffers).
     */
    public BoundWeights finish(List<String> prefixes) {
        for (String key : weights.names()) {
            if (parameters.containsKey(key)) {
                continue;
            }
            boolean underPrefix = prefixes.stream().anyMatch(key::startsWith);
            if (used.contains(key) || (underPrefix && key.contains("pooler.dense."))) {
                passThrough.put(key, weights.tensors().get(key)); // in the original layout, unused here
            } else if (underPrefix && BUFFER_SUFFIXES.stream().noneMatch(key::endsWith)) {
                problems.add("unexpected " + key);
            }
        }
        if (!problems.isEmpty()) {
            int shown = Math.min(problems.size(), 8);
            throw new InvalidInputException(weights.file(), "weights do not fit the model config: "
                    + String.join("; ", problems.subList(0, shown))
                    + (problems.size() > shown ? "; and " + (problems.size() - shown) + " more" : ""));
        }
        return new BoundWeights(parameters, passThroughTensors(), transposed);
    }
}
