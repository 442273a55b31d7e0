package org.clamp3.core.model.nn;

import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.EncoderWeights;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.Window;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;

/**
 * XLM-RoBERTa over token ids. Position ids follow RoBERTa: padding_idx + the running count of
 * non-padding tokens, and padding_idx for padding, so every window starts again at
 * padding_idx + 1.
 */
public final class TextEncoder extends ModalityEncoder {
    private final NDArray wordEmbeddings;
    private final int padId;

    public TextEncoder(EncoderConfig config, WeightBinder w, int projectedSize, int windowLength, Dropout dropout) {
        super(new BertEncoder(config, w, "text_model.", false, dropout), w, "text_proj.", projectedSize, windowLength);
        this.wordEmbeddings = w.take("text_model.embeddings.word_embeddings.weight", config.vocabSize(), config.hiddenSize());
        this.padId = config.padTokenId();
    }

    @Override
    public Modality modality() {
        return Modality.TEXT;
    }

    @Override
    protected void exportInputTables(Map<String, NDArray> out) {
        out.put(EncoderWeights.WORD_EMBEDDINGS, wordEmbeddings);
    }

    private long[] paddedIds(List<Window> windows, int padTo) {
        long[] ids = new long[windows.size() * padTo];
        java.util.Arrays.fill(ids, padId);
        for (int b = 0; b < windows.size(); b++) {
            Window win = windows.get(b);
            long[] src = ((EncodedInput.TokenIds) win.input()).ids();
            System.arraycopy(src, win.start(), ids, b * padTo, win.length());
        }
        return ids;
    }

    @Override
    protected NDArray embed(NDManager manager, List<Window> windows, int padTo) {
        return BertEncoder.gather(wordEmbeddings, longs(manager, paddedIds(windows, padTo), windows.size(), padTo));
    }

    @Override
    protected NDArray positions(NDManager manager, List<Window> windows, int padTo) {
        long[] ids = paddedIds(windows, padTo);
        long[] pos = new long[ids.length];
        for (int b = 0; b < windows.size(); b++) {
            long count = 0;
            for (int i = b * padTo; i < (b + 1) * padTo; i++) {
                if (ids[i] != padId) {
                    count++;
                    pos[i] = padId + count;
                } else {
                    pos[i] = padId;
                }
            }
        }
        return longs(manager, pos, windows.size(), padTo);
    }
}
