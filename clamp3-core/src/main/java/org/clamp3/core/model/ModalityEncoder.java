package org.clamp3.core.model;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.nn.BertEncoder;
import org.clamp3.core.weights.FloatTensor;

/**
 * One CLaMP 3 branch: a BERT-style transformer over the windows of one modality, masked average
 * pooling, and a linear projection into the shared space. Subclasses turn their items into
 * input embeddings.
 */
public abstract class ModalityEncoder {
    final BertEncoder bert;
    private final NDArray projWeight;
    private final NDArray projBias;
    private final int windowLength;

    protected ModalityEncoder(BertEncoder bert, WeightBinder w, String projPrefix, int projectedSize, int windowLength) {
        this.bert = bert;
        int h = bert.config().hiddenSize();
        this.projWeight = projPrefix == null ? null : w.take(projPrefix + "weight", projectedSize, h);
        this.projBias = projPrefix == null ? null : w.take(projPrefix + "bias", projectedSize);
        this.windowLength = windowLength;
    }

    public abstract Modality modality();

    /** The most items one window holds (MAX_TEXT_LENGTH, PATCH_LENGTH or MAX_AUDIO_LENGTH). */
    public int windowLength() {
        return windowLength;
    }

    /** Width of the last hidden state (the local features). */
    public int hiddenSize() {
        return bert.config().hiddenSize();
    }

    /**
     * This branch's weights as float32 arrays (copies), for another engine; see {@link EncoderWeights}.
     */
    public EncoderWeights exportWeights() {
        Map<String, NDArray> arrays = new LinkedHashMap<>();
        bert.exportTo(arrays);
        if (projWeight != null) {
            arrays.put(EncoderWeights.PROJ_WEIGHT, projWeight);
            arrays.put(EncoderWeights.PROJ_BIAS, projBias);
        }
        exportInputTables(arrays);
        Map<String, FloatTensor> tensors = new LinkedHashMap<>();
        arrays.forEach((key, a) -> tensors.put(key, new FloatTensor(a.toFloatArray(), a.getShape().getShape())));
        return new EncoderWeights(modality(), bert.config(), windowLength, tensors);
    }

    /** Adds the modality's input tables under the EncoderWeights names; none by default. */
    protected void exportInputTables(Map<String, NDArray> out) {
    }

    /** (B, P, H) input embeddings of the windows, right-padded to P items. */
    protected abstract NDArray embed(NDManager manager, List<Window> windows, int padTo);

    /** (B, P) int64 position ids. */
    protected NDArray positions(NDManager manager, List<Window> windows, int padTo) {
        return BertEncoder.absolutePositions(manager, windows.size(), padTo);
    }

    /** (B, P) float mask: 1 for the window's items, 0 for padding. */
    static NDArray mask(NDManager manager, List<Window> windows, int padTo) {
        float[] m = new float[windows.size() * padTo];
        for (int b = 0; b < windows.size(); b++) {
            java.util.Arrays.fill(m, b * padTo, b * padTo + windows.get(b).length(), 1f);
        }
        return manager.create(m, new Shape(windows.size(), padTo));
    }

    /** The encoder's last hidden state for each window, (B, P, H), with P at least the longest window. */
    public NDArray lastHiddenState(NDManager manager, List<Window> windows, int padTo) {
        return bert.forward(embed(manager, windows, padTo), positions(manager, windows, padTo), mask(manager, windows, padTo));
    }

    /** Masked mean over each window's items, projected: one global vector per window, (B, D). */
    public NDArray globalVectors(NDManager manager, List<Window> windows, int padTo) {
        NDArray hidden = lastHiddenState(manager, windows, padTo);
        NDArray mask = mask(manager, windows, padTo).expandDims(2);
        NDArray pooled = hidden.mul(mask).sum(new int[] {1}).div(mask.sum(new int[] {1}));
        return project(pooled);
    }

    public NDArray project(NDArray pooled) {
        if (projWeight == null) {
            throw new IllegalStateException("this encoder has no projection (an M3 encoder gives local features only)");
        }
        return Linear.linear(pooled, projWeight, projBias).singletonOrThrow();
    }

    protected static NDArray longs(NDManager manager, long[] values, int rows, int cols) {
        return manager.create(values, new Shape(rows, cols)).toType(DataType.INT64, false);
    }
}
