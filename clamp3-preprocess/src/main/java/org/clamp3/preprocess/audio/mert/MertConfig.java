package org.clamp3.preprocess.audio.mert;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.InvalidInputException;

/**
 * The hyperparameters of a MERT (HuBERT-style) model, read from a HuggingFace {@code config.json}.
 * Only the variant MERT-v1-95M uses is supported: group-normalised conv feature encoder, post-LN
 * transformer, no CQT branch, no DeepNorm, no attention relaxation; anything else is refused by
 * name rather than computed wrongly.
 */
public record MertConfig(
        int hiddenSize,
        int numLayers,
        int numHeads,
        int intermediateSize,
        int[] convDim,
        int[] convKernel,
        int[] convStride,
        boolean convBias,
        boolean featureProjectionLayerNorm,
        int posConvKernel,
        int posConvGroups,
        double layerNormEps,
        int sampleRate) {

    /** Number of hidden states the model returns: the encoder input plus one per layer. */
    public int numHiddenStates() {
        return numLayers + 1;
    }

    /** Channels out of the last conv layer. */
    public int featureChannels() {
        return convDim[convDim.length - 1];
    }

    /** Frames the feature encoder makes of {@code samples} samples (0 if too short for the first kernel). */
    public int frames(int samples) {
        long t = samples;
        for (int i = 0; i < convKernel.length; i++) {
            if (t < convKernel[i]) {
                return 0;
            }
            t = (t - convKernel[i]) / convStride[i] + 1;
        }
        return (int) t;
    }

    /** Reads {@code config.json}; every problem is an {@link InvalidInputException} naming the file. */
    public static MertConfig read(Path file) {
        JsonNode root;
        try {
            root = new ObjectMapper().readTree(file.toFile());
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (JsonProcessingException e) {
            throw new InvalidInputException(file, "not valid JSON: " + e.getOriginalMessage());
        } catch (IOException e) {
            if (!Files.exists(file)) {
                throw new InvalidInputException(file, "no such file");
            }
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (root == null || !root.isObject()) {
            throw new InvalidInputException(file, "not a JSON object");
        }
        Reader r = new Reader(file, root);
        r.require("feat_extract_norm", "group");
        r.require("feat_extract_activation", "gelu");
        r.require("hidden_act", "gelu");
        r.requireFalse("do_stable_layer_norm");
        r.requireFalse("feature_extractor_cqt");
        r.requireFalse("deepnorm");
        if (root.path("attention_relax").asDouble(-1) > 0) {
            throw new InvalidInputException(file, "unsupported: attention_relax > 0");
        }
        int[] convDim = r.ints("conv_dim");
        int[] convKernel = r.ints("conv_kernel");
        int[] convStride = r.ints("conv_stride");
        if (convDim.length == 0 || convDim.length != convKernel.length || convDim.length != convStride.length) {
            throw new InvalidInputException(file, "conv_dim, conv_kernel and conv_stride must be non-empty and equally long");
        }
        MertConfig c = new MertConfig(r.positive("hidden_size"), r.positive("num_hidden_layers"),
                r.positive("num_attention_heads"), r.positive("intermediate_size"), convDim, convKernel, convStride,
                root.path("conv_bias").asBoolean(false), root.path("feat_proj_layer_norm").asBoolean(true),
                r.positive("num_conv_pos_embeddings", 128), r.positive("num_conv_pos_embedding_groups", 16),
                root.path("layer_norm_eps").asDouble(1e-5), r.positive("sample_rate", 24000));
        if (c.hiddenSize % c.numHeads != 0) {
            throw new InvalidInputException(file, "hidden_size " + c.hiddenSize + " is not a multiple of num_attention_heads " + c.numHeads);
        }
        if (c.hiddenSize % c.posConvGroups != 0) {
            throw new InvalidInputException(file, "hidden_size " + c.hiddenSize + " is not a multiple of num_conv_pos_embedding_groups");
        }
        return c;
    }

    /** Small typed getters that name the key and the file in every complaint. */
    private record Reader(Path file, JsonNode root) {
        void require(String key, String expected) {
            JsonNode v = root.get(key);
            if (v != null && !v.asText().equals(expected)) {
                throw new InvalidInputException(file, "unsupported " + key + " \"" + v.asText() + "\" (only \"" + expected + "\" is implemented)");
            }
        }

        void requireFalse(String key) {
            if (root.path(key).asBoolean(false)) {
                throw new InvalidInputException(file, "unsupported: " + key + " = true (only MERT-v1-95M's false is implemented)");
            }
        }

        int positive(String key) {
            JsonNode v = root.get(key);
            if (v == null) {
                throw new InvalidInputException(file, "missing \"" + key + "\"");
            }
            return check(key, v);
        }

        int positive(String key, int fallback) {
            JsonNode v = root.get(key);
            return v == null ? fallback : check(key, v);
        }

        private int check(String key, JsonNode v) {
            if (!v.canConvertToInt() || !v.isIntegralNumber() || v.asInt() < 1) {
                throw new InvalidInputException(file, "\"" + key + "\" must be a positive integer, not " + v);
            }
            return v.asInt();
        }

        int[] ints(String key) {
            JsonNode v = root.get(key);
            if (v == null || !v.isArray()) {
                throw new InvalidInputException(file, "missing list \"" + key + "\"");
            }
            List<Integer> out = new ArrayList<>();
            for (JsonNode e : v) {
                out.add(check(key, e));
            }
            return out.stream().mapToInt(Integer::intValue).toArray();
        }
    }
}
