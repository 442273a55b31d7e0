package org.clamp3.core.probe;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.StateDict;
import org.clamp3.core.weights.TorchCheckpoint;
import org.clamp3.core.weights.TorchCheckpointWriter;

/**
 * Reads and writes linear-probe checkpoints in the layout of the original train_cls.py: a torch
 * pickle with {@code model} (fc.weight, fc.bias), {@code labels} (label → index),
 * {@code input_size}, {@code epoch}, {@code best_epoch} and {@code max_eval_acc}. The original
 * inference_cls.py reads the files written here, and this class reads the original's (their
 * optimizer and scheduler state are ignored).
 */
public final class ProbeCheckpoints {
    private ProbeCheckpoints() {}

    public static ProbeCheckpoint read(Path file) throws IOException {
        try (TorchCheckpoint ck = TorchCheckpoint.open(file)) {
            if (!(ck.root() instanceof Map)) {
                throw new InvalidInputException(file, "not a linear-probe checkpoint (no top-level dict)");
            }
            Map<?, ?> root = (Map<?, ?>) ck.root();
            Map<String, LazyTensor> model = ck.stateDict("model");
            LazyTensor w = required(file, model, "fc.weight");
            LazyTensor b = required(file, model, "fc.bias");
            long[] ws = w.shape();
            if (ws.length != 2 || !Arrays.equals(b.shape(), new long[] {ws[0]})) {
                throw new InvalidInputException(file, "fc.weight " + Arrays.toString(ws) + " and fc.bias "
                        + Arrays.toString(b.shape()) + " are not a linear layer");
            }
            int classes = (int) ws[0];
            int inputSize = (int) ws[1];
            Object declared = root.get("input_size");
            if (declared instanceof Number && ((Number) declared).intValue() != inputSize) {
                throw new InvalidInputException(file, "input_size " + declared + " does not match fc.weight "
                        + Arrays.toString(ws));
            }
            List<String> labels = labels(file, root.get("labels"), classes);
            float[] flat = w.toFloatArray();
            float[][] weight = new float[classes][];
            for (int c = 0; c < classes; c++) {
                weight[c] = Arrays.copyOfRange(flat, c * inputSize, (c + 1) * inputSize);
            }
            LinearProbe probe = new LinearProbe(weight, b.toFloatArray(), labels);
            return new ProbeCheckpoint(probe, intOr(root.get("epoch"), 0), doubleOr(root.get("max_eval_acc"), Double.NaN));
        }
    }

    private static LazyTensor required(Path file, Map<String, LazyTensor> model, String key) {
        LazyTensor t = model.get(key);
        if (t == null) {
            throw new InvalidInputException(file, "not a linear-probe checkpoint: 'model' has no " + key
                    + " (it has " + model.keySet() + ")");
        }
        return t;
    }

    /** label → index dict to an index-ordered list, checking the indices cover 0..classes-1. */
    private static List<String> labels(Path file, Object value, int classes) {
        if (!(value instanceof Map)) {
            throw new InvalidInputException(file, "not a linear-probe checkpoint: no 'labels' dict");
        }
        String[] byIndex = new String[classes];
        for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
            if (!(e.getValue() instanceof Number) || !(e.getKey() instanceof String)) {
                throw new InvalidInputException(file, "bad 'labels' entry " + e.getKey() + " -> " + e.getValue());
            }
            int idx = ((Number) e.getValue()).intValue();
            if (idx < 0 || idx >= classes || byIndex[idx] != null) {
                throw new InvalidInputException(file, "label '" + e.getKey() + "' has index " + idx
                        + ", outside 0.." + (classes - 1) + " or taken twice");
            }
            byIndex[idx] = (String) e.getKey();
        }
        List<String> labels = new ArrayList<>(Arrays.asList(byIndex));
        if (labels.contains(null)) {
            throw new InvalidInputException(file, "'labels' has " + ((Map<?, ?>) value).size()
                    + " entries but the layer has " + classes + " classes");
        }
        return labels;
    }

    private static int intOr(Object v, int fallback) {
        return v instanceof Number ? ((Number) v).intValue() : fallback;
    }

    private static double doubleOr(Object v, double fallback) {
        return v instanceof Number ? ((Number) v).doubleValue() : fallback;
    }

    /** Writes the checkpoint atomically, readable by the original inference_cls.py. */
    public static void write(Path file, ProbeCheckpoint checkpoint) throws IOException {
        LinearProbe probe = checkpoint.probe();
        int classes = probe.classes();
        int inputSize = probe.inputSize();
        float[] flat = new float[classes * inputSize];
        for (int c = 0; c < classes; c++) {
            System.arraycopy(probe.weight()[c], 0, flat, c * inputSize, inputSize);
        }
        Map<String, Object> model = new LinkedHashMap<>();
        model.put("fc.weight", new FloatTensor(flat, classes, inputSize));
        model.put("fc.bias", new FloatTensor(probe.bias().clone(), classes));
        Map<String, Object> labels = new LinkedHashMap<>();
        for (int i = 0; i < classes; i++) {
            labels.put(probe.labels().get(i), (long) i);
        }
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(model));
        root.put("epoch", (long) checkpoint.epoch());
        root.put("best_epoch", (long) checkpoint.epoch());
        root.put("max_eval_acc", checkpoint.maxEvalAcc());
        root.put("labels", labels);
        root.put("input_size", (long) inputSize);
        TorchCheckpointWriter.write(file, root);
    }
}
