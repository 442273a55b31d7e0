package org.clamp3.preprocess;

import java.nio.file.Path;

import ai.djl.ndarray.NDManager;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.preprocess.audio.AudioDecoder;
import org.clamp3.preprocess.audio.MertFeatureExtractor;

/**
 * A CLaMP 3 model that also reads raw files, chaining the preprocessing the original does in
 * separate scripts: MusicXML and MIDI go through {@link SymbolicPipeline}; audio through MERT
 * (layer-mean features, what CLaMP 3 was trained on) when a MERT model is given; everything
 * else is read as the model reads it.
 */
public final class RawInputModel implements FeatureModel {
    private final Clamp3Model model;
    private final MertFeatureExtractor mert; // null: audio files are refused with a hint

    public RawInputModel(Clamp3Model model, MertFeatureExtractor mert) {
        this.model = model;
        this.mert = mert;
    }

    @Override
    public ModalityEncoder encoder(Modality modality) {
        return model.encoder(modality);
    }

    @Override
    public NDManager manager() {
        return model.manager();
    }

    @Override
    public EncodedInput read(Path file) {
        String ext = MirroredTree.extension(file.getFileName().toString());
        if (AudioDecoder.EXTENSIONS.contains(ext)) {
            if (mert == null) {
                throw new InvalidInputException(file, "audio needs a MERT model: give --mert DIR");
            }
            NpyArray features = mert.extract(file, true); // readers share MERT's passes
            int[] shape = features.shape();
            return model.encodeAudio(features.floats(), shape[shape.length - 1]);
        }
        if (!SymbolicPipeline.handles(ext)) {
            return model.read(file);
        }
        SymbolicPipeline.Result r = SymbolicPipeline.convert(file);
        if (r == null) {
            throw new InvalidInputException(file, "no notes: the score converts to nothing");
        }
        try {
            return model.encodeSymbolic(r.text());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    @Override
    public void close() {
        model.close();
    }
}
