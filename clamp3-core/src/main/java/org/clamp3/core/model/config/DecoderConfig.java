package org.clamp3.core.model.config;

/** The M3 token decoder (GPT-2) hyperparameters, with GPT-2's config names in the comments. */
public record DecoderConfig(int vocabSize, int positions, int hiddenSize, int numLayers, int numHeads,
                            int innerSize, double layerNormEps) {

    public int headSize() {
        return hiddenSize / numHeads;
    }
}
