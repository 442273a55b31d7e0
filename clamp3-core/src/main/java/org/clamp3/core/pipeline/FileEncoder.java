package org.clamp3.core.pipeline;

import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.ModelInput;

/**
 * "This file's encoded input": its format read from the registry, read, and encoded by the model.
 * Thread-safe as long as the formats' readers and the model's encode are (they are).
 */
public final class FileEncoder {
    private final FeatureModel model;
    private final InputFormats formats;

    public FileEncoder(FeatureModel model, InputFormats formats) {
        this.model = model;
        this.formats = formats;
    }

    public InputFormats formats() {
        return formats;
    }

    public FeatureModel model() {
        return model;
    }

    /**
     * @throws InvalidInputException naming the file when it cannot be read or the model cannot use it
     */
    public EncodedInput encode(Path file) {
        return encode(file, read(file));
    }

    /** The file read by its format, before the model sees it (e.g. to cut audio features into segments). */
    public ModelInput read(Path file) {
        return formats.forFile(file).read(file);
    }

    /** What the model makes of {@code input}, read from {@code file} (named in errors). */
    public EncodedInput encode(Path file, ModelInput input) {
        if (model.encoder(input.modality()) == null) {
            throw new InvalidInputException(file, "this model has no " + input.modality().name().toLowerCase(java.util.Locale.ROOT) + " encoder");
        }
        try {
            return model.encode(input);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage(), e);
        }
    }
}
