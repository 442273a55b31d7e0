package org.clamp3.core.model.train;

import org.clamp3.core.model.EncodedInput;

/**
 * A contrastive batch: B texts and B music items, each right-padded to its tower's length with a
 * mask, as the original's training datasets deliver them (after head/tail/middle truncation).
 *
 * @param textIds    (B, Lt) token ids
 * @param textMasks  (B, Lt)
 * @param music      the music items (patches or feature rows), one per text, already truncated
 */
public record ClipBatch(long[] textIds, float[] textMasks, int textLength, java.util.List<EncodedInput> music,
                        int musicLength) {

    public int size() {
        return music.size();
    }
}
