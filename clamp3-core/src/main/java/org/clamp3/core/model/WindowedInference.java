package org.clamp3.core.model;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.clamp3.core.model.kernel.KernelPlan;

/**
 * Runs one encoder over many inputs at once: every input is cut into windows
 * ({@link Segmentation}), windows of similar length from all inputs share forward passes, each
 * batch padded only to its longest window, and the window outputs are put back together per
 * input. Padding never changes a result: attention masks out padded keys and pooling counts
 * only real items.
 *
 * <p>Batches carry at most the {@link KernelPlan#tokenCeiling} of tokens (windows × padded
 * length), and their attention scores (B × heads × P² floats) stay within the feed-forward
 * activations of that many tokens: the ceiling is where the products, measured on this machine,
 * stop getting faster per token (larger tensors leave the caches, and past about 24 MB they are
 * allocated with mmap and returned on every free). Long windows already give the products
 * enough columns, so they gain little from batching; short ones gain a lot.
 *
 * <p>{@link #exactOriginal} runs the original's way instead: one window per pass, padded to the
 * full window length.
 */
public final class WindowedInference implements BatchInference {
    private final ModalityEncoder encoder;
    private final NDManager manager;
    private final int maxWindows;
    private final int maxItems;
    private final boolean exactOriginal;

    /**
     * @param maxWindows most windows in one forward pass
     * @param maxItems   most padded items (windows × padded length) in one forward pass
     */
    public WindowedInference(ModalityEncoder encoder, NDManager manager, int maxWindows, int maxItems) {
        this(encoder, manager, maxWindows, maxItems, false);
    }

    private WindowedInference(ModalityEncoder encoder, NDManager manager, int maxWindows, int maxItems, boolean exact) {
        this.encoder = encoder;
        this.manager = manager;
        this.maxWindows = Math.max(1, maxWindows);
        this.maxItems = Math.max(encoder.windowLength(), maxItems);
        this.exactOriginal = exact;
    }

    /** Batch size 1, every window padded to the full length: the original's schedule, for comparison. */
    public static WindowedInference exactOriginal(ModalityEncoder encoder, NDManager manager) {
        return new WindowedInference(encoder, manager, 1, encoder.windowLength(), true);
    }

    public ModalityEncoder encoder() {
        return encoder;
    }

    @Override
    public int hiddenSize() {
        return encoder.hiddenSize();
    }

    @Override
    public List<float[]> run(List<? extends EncodedInput> inputs, boolean global) {
        int windowLength = encoder.windowLength();
        List<List<Window>> perInput = new ArrayList<>();
        List<Pending> all = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EncodedInput in = inputs.get(i);
            if (in.modality() != encoder.modality()) {
                throw new IllegalArgumentException(in.modality() + " input for the " + encoder.modality() + " encoder");
            }
            if (in.length() == 0) {
                throw new IllegalArgumentException("input " + i + " is empty");
            }
            List<Window> windows = Segmentation.windows(in, windowLength);
            perInput.add(windows);
            for (int w = 0; w < windows.size(); w++) {
                all.add(new Pending(i, w, windows.get(w)));
            }
        }
        float[][][] outputs = new float[inputs.size()][][];
        for (int i = 0; i < inputs.size(); i++) {
            outputs[i] = new float[perInput.get(i).size()][];
        }
        // longest first, so each batch's padding is set by its first window
        all.sort(Comparator.comparingInt((Pending p) -> -p.window.length()));
        int at = 0;
        while (at < all.size()) {
            int padTo = exactOriginal ? windowLength : all.get(at).window.length();
            int end = at + 1;
            while (end < all.size() && end - at < maxWindows && fits(end - at + 1, padTo)) {
                end++;
            }
            runBatch(all.subList(at, end), padTo, global, outputs);
            at = end;
        }
        List<float[]> results = new ArrayList<>(inputs.size());
        for (int i = 0; i < inputs.size(); i++) {
            List<float[]> parts = List.of(outputs[i]);
            int n = inputs.get(i).length();
            results.add(global ? Segmentation.globalFeature(parts, n, windowLength)
                    : Segmentation.localFeature(parts, n, windowLength, encoder.hiddenSize()));
        }
        return results;
    }

    /** Whether {@code windows} windows padded to {@code padTo} stay within the batch limits. */
    private boolean fits(int windows, int padTo) {
        long heads = encoder.bert.config().numHeads();
        long hidden = encoder.hiddenSize();
        long items = (long) windows * padTo;
        long ceiling = KernelPlan.active().tokenCeiling();
        return items <= maxItems && items <= ceiling && items * padTo * heads <= ceiling * 4 * hidden;
    }

    private void runBatch(List<Pending> batch, int padTo, boolean global, float[][][] outputs) {
        List<Window> windows = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            windows.add(p.window);
        }
        try (NDManager scope = manager.newSubManager()) {
            if (global) {
                NDArray vectors = encoder.globalVectors(scope, windows, padTo);
                int d = (int) vectors.getShape().get(1);
                float[] flat = vectors.toFloatArray();
                for (int b = 0; b < batch.size(); b++) {
                    float[] v = new float[d];
                    System.arraycopy(flat, b * d, v, 0, d);
                    outputs[batch.get(b).input][batch.get(b).index] = v;
                }
            } else {
                NDArray hidden = encoder.lastHiddenState(scope, windows, padTo);
                int h = encoder.hiddenSize();
                float[] flat = hidden.toFloatArray();
                for (int b = 0; b < batch.size(); b++) {
                    int len = windows.get(b).length();
                    float[] rows = new float[len * h];
                    System.arraycopy(flat, b * padTo * h, rows, 0, len * h);
                    outputs[batch.get(b).input][batch.get(b).index] = rows;
                }
            }
        }
    }

    private record Pending(int input, int index, Window window) {}
}
