package org.clamp3.preprocess.audio.mert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.index.NDIndex;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.binding.ModelFiles;
import org.clamp3.core.model.binding.ModelFingerprint;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.kernel.Columns;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.core.model.kernel.Layout;
import org.clamp3.core.weights.WeightFile;
import org.clamp3.core.weights.WeightFiles;

/**
 * MERT (HuBERT architecture) on DJL, inference only, loaded from a HuggingFace model folder.
 *
 * <p>Forward: a conv feature encoder (layer 0 with a per-channel GroupNorm, exact GELU after each
 * layer, no conv bias in MERT), feature projection (LayerNorm then Linear), positional
 * convolution (its weight-norm pair g/v combined once at load; the extra frame an even kernel
 * makes is dropped; GELU) added to the projection, the encoder LayerNorm (hidden state 0), then
 * the post-LN transformer layers (hidden states 1..L-1). Callers get every hidden state averaged
 * over time, which is all extract_mert.py keeps.
 *
 * <p>Safe to call from several threads; each call works in its own NDManager.
 */
public final class MertModel implements AutoCloseable {
    private static final String POS_CONV = "encoder.pos_conv_embed.conv.";

    private final MertConfig config;
    private final NDManager manager;
    private final NDArray[] convWeights;
    private final NDArray[] convBiases;
    /** GroupNorm affine of conv layer 0, shaped (1, C, 1) to broadcast over (B, C, T). */
    private final NDArray groupNormGamma;
    private final NDArray groupNormBeta;
    private final NDArray projLnG, projLnB, projW, projB;
    private final NDArray posConvWeight, posConvBias;
    private final NDArray encLnG, encLnB;
    private final List<MertEncoderLayer> layers = new ArrayList<>();

    private MertModel(MertConfig config, WeightFile file, NDManager manager) {
        this.config = config;
        this.manager = manager;
        WeightBinder w = new WeightBinder(file, manager);
        w.ignore("masked_spec_embed"); // SpecAugment's mask vector: training only
        int n = config.convDim().length;
        convWeights = new NDArray[n];
        convBiases = new NDArray[n];
        long in = 1;
        for (int i = 0; i < n; i++) {
            String p = "feature_extractor.conv_layers." + i + ".conv.";
            long out = config.convDim()[i];
            convWeights[i] = w.take(p + "weight", out, in, config.convKernel()[i]);
            convBiases[i] = config.convBias() ? w.take(p + "bias", out) : null;
            in = out;
        }
        long c0 = config.convDim()[0];
        groupNormGamma = reshaped(w.take("feature_extractor.conv_layers.0.layer_norm.weight", c0), 1, c0, 1);
        groupNormBeta = reshaped(w.take("feature_extractor.conv_layers.0.layer_norm.bias", c0), 1, c0, 1);
        long c = config.featureChannels();
        long h = config.hiddenSize();
        if (config.featureProjectionLayerNorm()) {
            projLnG = w.take("feature_projection.layer_norm.weight", c);
            projLnB = w.take("feature_projection.layer_norm.bias", c);
        } else {
            projLnG = null;
            projLnB = null;
        }
        projW = w.take("feature_projection.projection.weight", h, c);
        projB = w.take("feature_projection.projection.bias", h);
        posConvWeight = positionalConvWeight(w);
        posConvBias = w.take(POS_CONV + "bias", h);
        encLnG = w.take("encoder.layer_norm.weight", h);
        encLnB = w.take("encoder.layer_norm.bias", h);
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(new MertEncoderLayer(config, w, "encoder.layers." + i + "."));
        }
        w.finish(List.of("")); // every other key must be one the model uses
    }

    /**
     * Loads {@code dir/config.json} and {@code dir/model.safetensors}, or else
     * {@code dir/pytorch_model.bin} (read by a restricted unpickler that runs no code).
     *
     * @throws InvalidInputException naming the file and key for anything missing or mismatched
     */
    public static MertModel load(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "not a MERT model folder (expected config.json and model.safetensors or pytorch_model.bin)");
        }
        MertConfig config = MertConfig.read(dir.resolve("config.json"));
        return load(config, weightsFile(dir));
    }

    /** The identity of a MERT folder's config and weights ({@link ModelFingerprint}), without loading it. */
    public static String fingerprint(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "not a MERT model folder (expected config.json and model.safetensors or pytorch_model.bin)");
        }
        return ModelFingerprint.of(dir.resolve("config.json"), weightsFile(dir));
    }

    /** The weight file a MERT folder loads from: model.safetensors, else pytorch_model.bin or its conversion. */
    public static Path weightsFile(Path dir) {
        Path weights = dir.resolve("model.safetensors");
        if (!Files.isRegularFile(weights)) {
            weights = dir.resolve("pytorch_model.bin");
        }
        if (!Files.isRegularFile(weights)) {
            throw new InvalidInputException(dir, "no model.safetensors or pytorch_model.bin in the MERT folder");
        }
        Path converted = ModelFiles.converted(weights); // `clamp3 models convert` made a mapped copy
        return converted != null ? converted : weights;
    }

    /** Builds the model from {@code config} and one weight file (.safetensors or torch checkpoint). */
    public static MertModel load(MertConfig config, Path weightFile) throws IOException {
        NDManager manager = NDManager.newBaseManager();
        try (WeightFile file = WeightFiles.open(weightFile, null)) {
            return new MertModel(config, file, manager);
        } catch (RuntimeException | IOException e) {
            manager.close();
            throw e;
        }
    }

    public MertConfig config() {
        return config;
    }

    /**
     * Runs equally long windows through the model as one batch.
     *
     * @param windows B windows of T samples each (at the config's sample rate, normalised), T at least one frame's worth
     * @return [B][L][H]: for each window, each hidden state averaged over time
     */
    public float[][][] hiddenStateMeans(float[][] windows) {
        return hiddenStateMeans(windows, null);
    }

    /**
     * Seconds each stage of one forward pass over {@code windows} took (conv feature encoder,
     * feature projection, positional convolution with the encoder LayerNorm, transformer layers,
     * pooling), for benchmarks that show where MERT's time goes.
     */
    public java.util.Map<String, Double> profile(float[][] windows) {
        java.util.Map<String, Double> stages = new java.util.LinkedHashMap<>();
        hiddenStateMeans(windows, stages);
        return stages;
    }

    private float[][][] hiddenStateMeans(float[][] windows, java.util.Map<String, Double> stages) {
        StageClock clock = new StageClock(stages);
        int b = windows.length;
        int t = windows[0].length;
        float[] flat = new float[Math.multiplyExact(b, t)];
        for (int i = 0; i < b; i++) {
            if (windows[i].length != t) {
                throw new IllegalArgumentException("windows in one batch must be equally long");
            }
            System.arraycopy(windows[i], 0, flat, i * t, t);
        }
        if (config.frames(t) < 1) {
            throw new IllegalArgumentException(t + " samples are too few for one MERT frame");
        }
        int states = config.numHiddenStates();
        int h = config.hiddenSize();
        float[] means;
        try (NDManager m = manager.newSubManager()) {
            NDArray x = m.create(flat, new Shape(b, 1, t));
            NDArray features = features(x);
            clock.lap("conv feature encoder");
            NDArray hidden = project(features);
            features.close();
            clock.lap("feature projection");
            List<NDArray> perState = new ArrayList<>(states);
            hidden = encoderInput(hidden); // (B, T, H)
            clock.lap("positional conv + LayerNorm");
            long frames = hidden.getShape().get(1);
            perState.add(hidden.mean(new int[] {1}));
            if (KernelPlan.active().layout(Math.toIntExact(b * frames)) == Layout.ROWS) {
                for (MertEncoderLayer layer : layers) {
                    hidden = layer.forwardRows(hidden);
                    perState.add(hidden.mean(new int[] {1}));
                }
            } else {
                hidden = Columns.fromRows(hidden); // (H, B·T)
                for (MertEncoderLayer layer : layers) {
                    hidden = layer.forwardColumns(hidden, b, frames);
                    // the time mean of each window: (H, B, T) -> (H, B) -> (B, H)
                    perState.add(hidden.reshape(h, b, frames).mean(new int[] {2}).transpose());
                }
            }
            clock.lap("transformer layers");
            means = NDArrays.stack(new NDList(perState), 1).toFloatArray();
            clock.lap("pooling");
        }
        float[][][] out = new float[b][states][h];
        for (int i = 0, at = 0; i < b; i++) {
            for (int s = 0; s < states; s++, at += h) {
                System.arraycopy(means, at, out[i][s], 0, h);
            }
        }
        return out;
    }

    /**
     * Conv feature encoder: (B, 1, T) samples to (B, C, frames). Each layer's input is freed as
     * soon as its output exists: the first layers' outputs are the largest arrays of the whole
     * forward pass (B x 512 x T/5 floats for MERT), and keeping them to the end of the batch would
     * multiply its memory.
     */
    private NDArray features(NDArray samples) {
        NDArray x = samples;
        for (int i = 0; i < convWeights.length; i++) {
            NDArray conv = Conv1d.conv1d(x, convWeights[i], convBiases[i], new Shape(config.convStride()[i]),
                    new Shape(0), new Shape(1), 1).singletonOrThrow();
            if (i == 0) {
                groupNormInPlace(conv);
            }
            NDArray activated = Activation.gelu(conv);
            conv.close();
            if (x != samples) {
                x.close();
            }
            x = activated;
        }
        return x;
    }

    /** GroupNorm with one group per channel: each channel normalised over time. */
    private void groupNormInPlace(NDArray x) {
        try (NDArray mean = x.mean(new int[] {2}, true)) {
            x.subi(mean);
        }
        NDArray squares = x.square();
        NDArray std = squares.mean(new int[] {2}, true).addi((float) config.layerNormEps()).sqrt();
        squares.close();
        x.divi(std).muli(groupNormGamma).addi(groupNormBeta);
    }

    /** Feature projection: (B, C, frames) to (B, frames, H). */
    private NDArray project(NDArray features) {
        NDArray x = features.transpose(0, 2, 1);
        if (projLnG != null) {
            x = LayerNorm.layerNorm(x, new Shape(config.featureChannels()), projLnG, projLnB,
                    (float) config.layerNormEps()).singletonOrThrow();
        }
        return Linear.linear(x, projW, projB).singletonOrThrow();
    }

    /** Adds the positional convolution and applies the encoder LayerNorm: hidden state 0. */
    private NDArray encoderInput(NDArray x) {
        long frames = x.getShape().get(1);
        int k = config.posConvKernel();
        NDArray pos = Conv1d.conv1d(x.transpose(0, 2, 1), posConvWeight, posConvBias, new Shape(1),
                new Shape(k / 2), new Shape(1), config.posConvGroups()).singletonOrThrow();
        if (k % 2 == 0) {
            pos = pos.get(new NDIndex(":, :, 0:" + frames));
        }
        x = x.add(Activation.gelu(pos).transpose(0, 2, 1));
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), encLnG, encLnB, (float) config.layerNormEps())
                .singletonOrThrow();
    }

    /**
     * The positional conv weight {@code g * v / ||v||}, the norm per kernel tap over the output and
     * input channels (weight_norm with dim=2). Older checkpoints name the pair weight_g/weight_v,
     * newer ones parametrizations.weight.original0/original1.
     */
    private NDArray positionalConvWeight(WeightBinder w) {
        long h = config.hiddenSize();
        int k = config.posConvKernel();
        long perGroup = h / config.posConvGroups();
        boolean parametrized = w.has(POS_CONV + "parametrizations.weight.original0");
        String gKey = parametrized ? POS_CONV + "parametrizations.weight.original0" : POS_CONV + "weight_g";
        String vKey = parametrized ? POS_CONV + "parametrizations.weight.original1" : POS_CONV + "weight_v";
        float[] g = w.floats(gKey, 1, 1, k);
        float[] v = w.floats(vKey, h, perGroup, k);
        if (g == null || v == null) {
            return null;
        }
        double[] norms = new double[k];
        for (int i = 0; i < v.length; i++) {
            norms[i % k] += (double) v[i] * v[i];
        }
        float[] weight = new float[v.length];
        for (int i = 0; i < v.length; i++) {
            int tap = i % k;
            weight[i] = (float) (g[tap] * (v[i] / Math.sqrt(norms[tap])));
        }
        return manager.create(weight, new Shape(h, perGroup, k));
    }

    private static NDArray reshaped(NDArray a, long... shape) {
        return a == null ? null : a.reshape(shape);
    }

    @Override
    public void close() {
        manager.close();
    }

    /** Adds the time since the last lap under a stage's name; does nothing without a map. */
    private static final class StageClock {
        private final java.util.Map<String, Double> stages;
        private long last = System.nanoTime();

        StageClock(java.util.Map<String, Double> stages) {
            this.stages = stages;
        }

        void lap(String stage) {
            if (stages != null) {
                long now = System.nanoTime();
                stages.merge(stage, (now - last) / 1e9, Double::sum);
                last = now;
            }
        }
    }
}
