package org.clamp3.core.pipeline;

import java.util.Set;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.TextFiles;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModelInput;

/** The formats the model reads without preprocessing: what the original's extract_clamp3.py reads. */
public final class CoreFormats {
    /** A description: one or more lines of UTF-8 text. */
    public static final InputFormat TEXT = InputFormat.of("text", Modality.TEXT, Set.of("txt"),
            file -> new ModelInput.Text(TextFiles.read(file)));
    /** Interleaved ABC, as `preprocess interleave` writes it. */
    public static final InputFormat ABC = InputFormat.of("abc", Modality.SYMBOLIC, Set.of("abc"),
            file -> new ModelInput.Symbolic(TextFiles.read(file)));
    /** MIDI as text, as `preprocess midi2mtf` writes it. */
    public static final InputFormat MTF = InputFormat.of("mtf", Modality.SYMBOLIC, Set.of("mtf"),
            file -> new ModelInput.Symbolic(TextFiles.read(file)));
    /** MERT features (.npy), as `preprocess mert --mean-features` writes them. */
    public static final InputFormat MERT_FEATURES = InputFormat.of("mert-features", Modality.AUDIO, Set.of("npy"),
            file -> new ModelInput.AudioFeatures(Npy.read(file)));

    private CoreFormats() {}

    public static InputFormats all() {
        return InputFormats.of(java.util.List.of(TEXT, ABC, MTF, MERT_FEATURES));
    }
}
