package org.clamp3.core.model;

import org.clamp3.core.io.NpyArray;

/**
 * What a file holds once it is read, before the model's tokenizer or patchilizer sees it: the
 * text of a description, the text of a score (interleaved ABC or MTF), or MERT audio features.
 * Input formats produce it; {@link FeatureModel#encode} turns it into an {@link EncodedInput}.
 */
public sealed interface ModelInput permits ModelInput.Text, ModelInput.Symbolic, ModelInput.AudioFeatures {

    Modality modality();

    /** A description: its lines are deduplicated and joined with the tokenizer's separator. */
    record Text(String text) implements ModelInput {
        public Modality modality() {
            return Modality.TEXT;
        }
    }

    /** Interleaved ABC or MTF text, read by the M3 patchilizer. */
    record Symbolic(String text) implements ModelInput {
        public Modality modality() {
            return Modality.SYMBOLIC;
        }
    }

    /** MERT features: any shape whose last dimension is the audio hidden size, read as rows. */
    record AudioFeatures(NpyArray features) implements ModelInput {
        public Modality modality() {
            return Modality.AUDIO;
        }
    }
}
