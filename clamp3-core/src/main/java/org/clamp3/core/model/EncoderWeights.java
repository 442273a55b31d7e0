package org.clamp3.core.model;

import java.util.Map;

import org.clamp3.core.model.config.EncoderConfig;
import org.clamp3.core.weights.FloatTensor;

/**
 * The float32 weights of one branch as plain row-major arrays, for engines other than libtorch
 * (the ONNX Runtime graphs of clamp3-onnx), so that they compute with exactly what this model bound.
 *
 * <p>Keys are HuggingFace BERT names relative to the encoder ({@code embeddings.position_embeddings.weight},
 * {@code encoder.layer.0.attention.self.query.weight}, ...), with Linear weights as (out, in), plus
 * {@value #PROJ_WEIGHT}/{@value #PROJ_BIAS} (absent for a bare M3 encoder) and the modality's input
 * table: {@value #WORD_EMBEDDINGS} (V, H) for text, {@value #PATCH_COLUMNS} (PATCH_SIZE·128, H) and
 * {@value #PATCH_BIAS} (H) for symbolic; audio rows are their own embeddings.
 */
public record EncoderWeights(Modality modality, EncoderConfig config, int windowLength, Map<String, FloatTensor> tensors) {
    public static final String PROJ_WEIGHT = "proj.weight";
    public static final String PROJ_BIAS = "proj.bias";
    public static final String WORD_EMBEDDINGS = "input.word_embeddings";
    public static final String PATCH_COLUMNS = "input.patch_columns";
    public static final String PATCH_BIAS = "input.patch_bias";

    public EncoderWeights {
        tensors = Map.copyOf(tensors);
    }

    /** The tensor at {@code key}; a missing one is a bug of the exporter, so it throws. */
    public FloatTensor get(String key) {
        FloatTensor t = tensors.get(key);
        if (t == null) {
            throw new IllegalStateException("no exported weight " + key + " for the " + modality + " encoder");
        }
        return t;
    }
}
