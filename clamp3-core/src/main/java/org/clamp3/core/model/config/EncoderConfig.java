package org.clamp3.core.model.config;

/**
 * Hyperparameters of one BERT-style encoder (BERT for the symbolic and audio encoders,
 * XLM-RoBERTa for text), with the names HuggingFace config.json files use.
 *
 * @param padTokenId the XLM-R padding id that position ids count from; -1 for BERT, whose
 *                   positions are plain 0..L-1
 */
public record EncoderConfig(int hiddenSize, int numLayers, int numHeads, int intermediateSize,
                            int maxPositions, int typeVocabSize, int vocabSize, double layerNormEps,
                            int padTokenId) {

    public EncoderConfig {
        if (hiddenSize <= 0 || numLayers <= 0 || numHeads <= 0 || hiddenSize % numHeads != 0
                || intermediateSize <= 0 || maxPositions <= 0 || typeVocabSize <= 0 || vocabSize <= 0
                || !(layerNormEps > 0)) {
            throw new IllegalArgumentException("inconsistent encoder config: " + this);
        }
    }

    public int headSize() {
        return hiddenSize / numHeads;
    }

    /** XLM-R numbers positions from padTokenId + 1, skipping padding. */
    public boolean robertaPositions() {
        return padTokenId >= 0;
    }
}
