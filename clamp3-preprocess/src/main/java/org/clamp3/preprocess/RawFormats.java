package org.clamp3.preprocess;

import java.util.Set;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModelInput;
import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.core.pipeline.InputFormat;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;

/**
 * The raw formats this module adds to core's input registry, chaining the preprocessing the
 * original does in separate scripts: MusicXML and MIDI through {@link SymbolicPipeline}; audio
 * through MERT (layer-mean features, what CLaMP 3 was trained on).
 */
public final class RawFormats {
    /** .xml, .musicxml, .mxl → interleaved ABC. */
    public static final InputFormat MUSICXML = symbolic(SymbolicPipeline.MUSICXML);
    /** .mid, .midi → MTF. */
    public static final InputFormat MIDI = symbolic(SymbolicPipeline.MIDI);

    private RawFormats() {}

    /** Audio files (.wav, .mp3, .flac, .ogg; the decoder tells the codec by the first bytes). */
    public static InputFormat audio(MertFeatureExtractor mert) {
        return InputFormat.of("audio", Modality.AUDIO, AudioDecoder.EXTENSIONS, file -> {
            if (mert == null) {
                throw new InvalidInputException(file, "audio needs a MERT model to become features",
                        InvalidInputException.Hint.MERT_MODEL_NEEDED);
            }
            NpyArray features = mert.extract(file, true); // readers on several threads share MERT's passes
            return new ModelInput.AudioFeatures(features);
        });
    }

    /**
     * Everything {@code extract} reads: core's formats plus MusicXML, MIDI and audio.
     *
     * @param mert turns audio into features; null: audio files fail with a message saying so
     */
    public static InputFormats all(MertFeatureExtractor mert) {
        return CoreFormats.all().with(MUSICXML, MIDI, audio(mert));
    }

    private static InputFormat symbolic(SymbolicPipeline source) {
        return InputFormat.of(source.formatName(), Modality.SYMBOLIC, source.extensions(), file -> {
            SymbolicPipeline.Result r = source.convert(file);
            if (r == null) {
                throw new InvalidInputException(file, "no notes: the score converts to nothing");
            }
            return new ModelInput.Symbolic(r.text());
        });
    }

    /** The raw symbolic formats' extensions (what `preprocess symbolic` takes). */
    public static Set<String> symbolicExtensions() {
        java.util.Set<String> all = new java.util.TreeSet<>(MUSICXML.extensions());
        all.addAll(MIDI.extensions());
        return all;
    }
}
