package org.clamp3.core.model;

import ai.djl.ndarray.NDManager;

/** A loaded model that turns input files into features: the full CLaMP 3 model, or a bare M3 encoder. */
public interface FeatureModel extends AutoCloseable {

    /** The encoder for a modality, or null if this model has none. */
    ModalityEncoder encoder(Modality modality);

    /** Where the weights live; forward passes use sub-managers of it. */
    NDManager manager();

    /**
     * Turns what a file holds into what the model's encoder reads (tokens, patches, feature rows).
     * Which file format it came from is the input pipeline's business, not the model's.
     *
     * @throws IllegalArgumentException when the model cannot use this input (no encoder for its
     *                                  modality, nothing left after cleaning, wrong feature width)
     */
    EncodedInput encode(ModelInput input);

    @Override
    void close();
}
