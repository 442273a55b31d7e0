package org.clamp3.core.model.nn;

import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.Window;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;

/** BERT over MERT feature rows, which are its input embeddings directly; padding rows are zeros. */
public final class AudioEncoder extends ModalityEncoder {

    public AudioEncoder(EncoderConfig config, WeightBinder w, int projectedSize, int windowLength, Dropout dropout) {
        super(new BertEncoder(config, w, "audio_model.", true, dropout), w, "audio_proj.", projectedSize, windowLength);
    }

    @Override
    public Modality modality() {
        return Modality.AUDIO;
    }

    @Override
    protected NDArray embed(NDManager manager, List<Window> windows, int padTo) {
        int h = hiddenSize();
        float[] x = new float[windows.size() * padTo * h];
        for (int b = 0; b < windows.size(); b++) {
            Window win = windows.get(b);
            EncodedInput.FeatureRows rows = (EncodedInput.FeatureRows) win.input();
            System.arraycopy(rows.values(), win.start() * h, x, b * padTo * h, win.length() * h);
        }
        return manager.create(x, new Shape(windows.size(), padTo, h));
    }
}
