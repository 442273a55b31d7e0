package org.clamp3.core.model;

import java.nio.file.Path;

import ai.djl.ndarray.NDManager;

/** A loaded model that turns input files into features: the full CLaMP 3 model, or a bare M3 encoder. */
public interface FeatureModel extends AutoCloseable {

    /** The encoder for a modality, or null if this model has none. */
    ModalityEncoder encoder(Modality modality);

    /** Where the weights live; forward passes use sub-managers of it. */
    NDManager manager();

    /**
     * Reads and encodes one input file (.txt, .abc, .mtf or audio-feature .npy).
     *
     * @throws org.clamp3.core.io.InvalidInputException naming the file if it cannot be used
     */
    EncodedInput read(Path file);

    @Override
    void close();
}
