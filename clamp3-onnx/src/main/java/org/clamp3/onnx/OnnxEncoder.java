package org.clamp3.onnx;

import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;

import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.EncoderWeights;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.Segmentation;
import org.clamp3.core.model.Window;
import org.clamp3.core.model.config.EncoderConfig;
import org.clamp3.core.weights.FloatTensor;

/**
 * One CLaMP 3 branch on ONNX Runtime: the same windows, padding and reassembly as
 * WindowedInference (windows of all inputs sorted longest first, batches padded to their first
 * window), with the input embeddings computed here from the exported tables and the BERT stack,
 * pooling and projection in the graph ({@link BertGraph}). Used from one thread at a time.
 */
public final class OnnxEncoder implements AutoCloseable {
    private final Modality modality;
    private final EncoderConfig config;
    private final int windowLength;
    private final Precision precision;
    private final float[] wordTable;   // text: (V, H)
    private final float[] patchColumns; // symbolic: (PATCH_SIZE·128, H)
    private final float[] patchBias;
    private final int patchSize;
    private final OrtEnvironment env;
    private final OrtSession session;

    /**
     * @param threads ONNX Runtime's intra-op threads; 0 for its default (one per core)
     */
    public OnnxEncoder(EncoderWeights weights, Precision precision, int threads) {
        this.modality = weights.modality();
        this.config = weights.config();
        this.windowLength = weights.windowLength();
        this.precision = precision;
        this.wordTable = modality == Modality.TEXT ? weights.get(EncoderWeights.WORD_EMBEDDINGS).data() : null;
        if (modality == Modality.SYMBOLIC) {
            FloatTensor columns = weights.get(EncoderWeights.PATCH_COLUMNS);
            this.patchColumns = columns.data();
            this.patchBias = weights.get(EncoderWeights.PATCH_BIAS).data();
            this.patchSize = (int) (columns.shape()[0] / 128);
        } else {
            this.patchColumns = null;
            this.patchBias = null;
            this.patchSize = 0;
        }
        byte[] model = BertGraph.build(weights, precision).toBytes();
        this.env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setOptimizationLevel(OrtSession.SessionOptions.OptLevel.ALL_OPT);
            if (threads > 0) {
                options.setIntraOpNumThreads(threads);
            }
            this.session = env.createSession(model, options);
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime refused the " + modality + " graph: " + e.getMessage(), e);
        }
    }

    public Modality modality() {
        return modality;
    }

    public Precision precision() {
        return precision;
    }

    public int hiddenSize() {
        return config.hiddenSize();
    }

    public int windowLength() {
        return windowLength;
    }

    /**
     * As WindowedInference.run: one projected vector per input ({@code global}), or the last
     * hidden state of every item (n·H, row-major).
     *
     * @param maxWindows most windows in one forward pass
     * @param maxItems   most padded items (windows × padded length) in one forward pass
     */
    public List<float[]> run(List<? extends EncodedInput> inputs, boolean global, int maxWindows, int maxItems) {
        return run(inputs, global, Math.max(1, maxWindows), Math.max(windowLength, maxItems), false);
    }

    /** The original's schedule: one window per pass, padded to the full window length. */
    public List<float[]> runExactOriginal(List<? extends EncodedInput> inputs, boolean global) {
        return run(inputs, global, 1, windowLength, true);
    }

    private List<float[]> run(List<? extends EncodedInput> inputs, boolean global, int limitWindows, int limitItems, boolean exact) {
        List<List<Window>> perInput = new ArrayList<>();
        List<Pending> all = new ArrayList<>();
        for (int i = 0; i < inputs.size(); i++) {
            EncodedInput in = inputs.get(i);
            if (in.modality() != modality) {
                throw new IllegalArgumentException(in.modality() + " input for the " + modality + " encoder");
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
        all.sort(Comparator.comparingInt((Pending p) -> -p.window.length()));
        int at = 0;
        while (at < all.size()) {
            int padTo = exact ? windowLength : all.get(at).window.length();
            int end = at + 1;
            while (end < all.size() && end - at < limitWindows && (long) (end - at + 1) * padTo <= limitItems) {
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
                    : Segmentation.localFeature(parts, n, windowLength, config.hiddenSize()));
        }
        return results;
    }

    private void runBatch(List<Pending> batch, int padTo, boolean global, float[][][] outputs) {
        List<Window> windows = new ArrayList<>(batch.size());
        for (Pending p : batch) {
            windows.add(p.window);
        }
        int h = config.hiddenSize();
        float[] flat = forward(windows, padTo, global);
        if (global) {
            int d = flat.length / windows.size();
            for (int b = 0; b < batch.size(); b++) {
                float[] v = new float[d];
                System.arraycopy(flat, b * d, v, 0, d);
                outputs[batch.get(b).input][batch.get(b).index] = v;
            }
        } else {
            for (int b = 0; b < batch.size(); b++) {
                int len = windows.get(b).length();
                float[] rows = new float[len * h];
                System.arraycopy(flat, b * padTo * h, rows, 0, len * h);
                outputs[batch.get(b).input][batch.get(b).index] = rows;
            }
        }
    }

    /** One forward pass: (B, D) global vectors or the (B, padTo, H) last hidden state, flattened. */
    public float[] forward(List<Window> windows, int padTo, boolean global) {
        int b = windows.size();
        long[] shape2 = {b, padTo};
        float[] mask = new float[b * padTo];
        for (int i = 0; i < b; i++) {
            Arrays.fill(mask, i * padTo, i * padTo + windows.get(i).length(), 1f);
        }
        try (OnnxTensor embeds = OnnxTensor.createTensor(env, FloatBuffer.wrap(embed(windows, padTo)), new long[] {b, padTo, config.hiddenSize()});
             OnnxTensor positions = OnnxTensor.createTensor(env, LongBuffer.wrap(positions(windows, padTo)), shape2);
             OnnxTensor maskT = OnnxTensor.createTensor(env, FloatBuffer.wrap(mask), shape2);
             OrtSession.Result result = session.run(Map.of(BertGraph.EMBEDS, embeds, BertGraph.POSITIONS, positions, BertGraph.MASK, maskT),
                     Set.of(global ? BertGraph.GLOBAL : BertGraph.HIDDEN))) {
            FloatBuffer out = ((OnnxTensor) result.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        } catch (OrtException e) {
            throw new IllegalStateException("ONNX Runtime failed on a " + modality + " batch: " + e.getMessage(), e);
        }
    }

    /** (B, P, H) input embeddings, as the libtorch encoders compute them. */
    private float[] embed(List<Window> windows, int padTo) {
        int h = config.hiddenSize();
        float[] x = new float[windows.size() * padTo * h];
        for (int b = 0; b < windows.size(); b++) {
            Window win = windows.get(b);
            switch (modality) {
                case TEXT -> {
                    long[] ids = textIds(win, padTo);
                    for (int r = 0; r < padTo; r++) {
                        System.arraycopy(wordTable, Math.toIntExact(ids[r] * h), x, (b * padTo + r) * h, h);
                    }
                }
                case SYMBOLIC -> {
                    int[][] codes = ((EncodedInput.Patches) win.input()).codes();
                    for (int r = 0; r < padTo; r++) {
                        int[] patch = r < win.length() ? codes[win.start() + r] : null; // padding patches are all code 0
                        int base = (b * padTo + r) * h;
                        for (int p = 0; p < patchSize; p++) {
                            int row = (p * 128 + (patch == null ? 0 : patch[p])) * h;
                            for (int k = 0; k < h; k++) {
                                x[base + k] += patchColumns[row + k];
                            }
                        }
                        for (int k = 0; k < h; k++) {
                            x[base + k] += patchBias[k];
                        }
                    }
                }
                case AUDIO -> {
                    EncodedInput.FeatureRows rows = (EncodedInput.FeatureRows) win.input();
                    System.arraycopy(rows.values(), win.start() * h, x, b * padTo * h, win.length() * h);
                }
            }
        }
        return x;
    }

    private long[] textIds(Window win, int padTo) {
        long[] ids = new long[padTo];
        Arrays.fill(ids, config.padTokenId());
        System.arraycopy(((EncodedInput.TokenIds) win.input()).ids(), win.start(), ids, 0, win.length());
        return ids;
    }

    /** Position ids: RoBERTa's (padding_idx + running count of real tokens) for text, 0..P-1 otherwise. */
    private long[] positions(List<Window> windows, int padTo) {
        long[] pos = new long[windows.size() * padTo];
        for (int b = 0; b < windows.size(); b++) {
            if (modality == Modality.TEXT) { // as TextEncoder: XLM-R numbering
                long[] ids = textIds(windows.get(b), padTo);
                long pad = config.padTokenId();
                long count = 0;
                for (int r = 0; r < padTo; r++) {
                    pos[b * padTo + r] = ids[r] != pad ? pad + ++count : pad;
                }
            } else {
                for (int r = 0; r < padTo; r++) {
                    pos[b * padTo + r] = r;
                }
            }
        }
        return pos;
    }

    @Override
    public void close() {
        try {
            session.close();
        } catch (OrtException e) {
            throw new IllegalStateException("closing the ONNX Runtime session: " + e.getMessage(), e);
        }
    }

    private record Pending(int input, int index, Window window) {}
}
