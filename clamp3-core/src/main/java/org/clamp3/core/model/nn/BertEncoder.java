package org.clamp3.core.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;
import org.clamp3.core.model.kernel.Columns;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.core.model.kernel.Layout;

/**
 * A BERT/XLM-R encoder from the input embeddings on: adds position and token-type (always 0)
 * embeddings, applies the embedding LayerNorm, then the layers. Word or patch embedding is the
 * caller's job, since it differs by modality.
 */
public final class BertEncoder {
    private final EncoderConfig config;
    private final Dropout dropout;
    private final NDArray positionEmbeddings;
    private final NDArray tokenTypes;
    private final NDArray lnGamma;
    private final NDArray lnBeta;
    private final List<TransformerLayer> layers = new ArrayList<>();

    /**
     * @param prefix state-dict prefix of the BERT model, e.g. "audio_model." or "symbolic_model.base."
     * @param inputsAsEmbeddings true when the caller supplies input embeddings (symbolic, audio):
     *                           the model's word-embedding table is then checked but never used
     */
    BertEncoder(EncoderConfig config, WeightBinder w, String prefix, boolean inputsAsEmbeddings, Dropout dropout) {
        this.config = config;
        this.dropout = dropout;
        long h = config.hiddenSize();
        if (inputsAsEmbeddings) {
            w.expect(prefix + "embeddings.word_embeddings.weight", config.vocabSize(), h);
        }
        positionEmbeddings = w.take(prefix + "embeddings.position_embeddings.weight", config.maxPositions(), h);
        tokenTypes = w.take(prefix + "embeddings.token_type_embeddings.weight", config.typeVocabSize(), h);
        lnGamma = w.take(prefix + "embeddings.LayerNorm.weight", h);
        lnBeta = w.take(prefix + "embeddings.LayerNorm.bias", h);
        for (int i = 0; i < config.numLayers(); i++) {
            layers.add(new TransformerLayer(config, w, prefix + "encoder.layer." + i + ".", dropout));
        }
    }

    public EncoderConfig config() {
        return config;
    }

    /** The weights by HuggingFace name relative to the BERT prefix (see EncoderWeights), for export. */
    public void exportTo(Map<String, NDArray> out) {
        out.put("embeddings.position_embeddings.weight", positionEmbeddings);
        out.put("embeddings.token_type_embeddings.weight", tokenTypes);
        out.put("embeddings.LayerNorm.weight", lnGamma);
        out.put("embeddings.LayerNorm.bias", lnBeta);
        for (int i = 0; i < layers.size(); i++) {
            layers.get(i).exportTo("encoder.layer." + i + ".", out);
        }
    }

    /**
     * @param embeds      (B, L, H) input embeddings
     * @param positionIds (B, L) int64 position ids
     * @param mask        (B, L) float 1 for real items, 0 for padding
     * @return the last hidden state, (B, L, H)
     */
    public NDArray forward(NDArray embeds, NDArray positionIds, NDArray mask) {
        NDArray tokenType0 = tokenTypes.get(0); // taken in each pass so that training differentiates it
        tokenType0.attach(embeds.getManager());
        NDArray x = embeds.add(gather(positionEmbeddings, positionIds)).add(tokenType0);
        x = dropout.apply(LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), lnGamma, lnBeta, (float) config.layerNormEps())
                .singletonOrThrow());
        long b = mask.getShape().get(0);
        long l = mask.getShape().get(1);
        // HF's extended mask: (1 - mask) * finfo(float32).min, added to the attention scores
        NDArray maskAdd = mask.neg().addi(1).muli(-Float.MAX_VALUE).reshape(b, 1, 1, l);
        boolean training = dropout.isTraining() || layers.isEmpty() || layers.get(0).requiresGradient();
        if (!training && mask.min().getFloat() > 0) {
            maskAdd = null; // nothing padded: adding zeros to every score would change nothing
        }
        if (training || KernelPlan.active().layout(Math.toIntExact(b * l)) == Layout.ROWS) {
            for (TransformerLayer layer : layers) {
                x = layer.forward(x, maskAdd);
            }
            return x;
        }
        x = Columns.fromRows(x); // inference in columns: (H, B·L), see KernelPlan
        for (TransformerLayer layer : layers) {
            x = layer.forwardColumns(x, maskAdd, b, l);
        }
        return Columns.toRows(x, b, l);
    }

    /**
     * Rows of {@code table} picked by {@code index}, owned by the index's manager: an op's result
     * belongs to its receiver's manager, and the table is the model's, which lives for the run.
     */
    static NDArray gather(NDArray table, NDArray index) {
        NDArray rows = table.get(index);
        rows.attach(index.getManager());
        return rows;
    }

    /** Absolute positions 0..L-1 for every row (BERT). */
    public static NDArray absolutePositions(NDManager manager, int batch, int length) {
        return manager.arange(0, length, 1, DataType.INT64).reshape(1, length).repeat(0, batch);
    }
}
