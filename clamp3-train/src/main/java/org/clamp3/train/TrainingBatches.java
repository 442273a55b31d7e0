package org.clamp3.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.train.ClipBatch;
import org.clamp3.core.model.train.M3Batch;

/**
 * Reads fixed training batches from a folder of .npy files, in the layout of the original's
 * padded batches (the fixtures' losses/ folder): {@code text_inputs, text_masks, music_inputs,
 * music_masks} for a contrastive batch, {@code input_patches, input_masks, selected_indices,
 * target_patches} for M3. A file prefix (e.g. "clip_audio_") may precede the names.
 */
public final class TrainingBatches {
    private TrainingBatches() {}

    public static ClipBatch clip(Path dir, String prefix, Modality music) {
        NpyArray text = Npy.read(dir.resolve(prefix + "text_inputs.npy"));
        NpyArray textMasks = Npy.read(dir.resolve(prefix + "text_masks.npy"));
        NpyArray inputs = Npy.read(dir.resolve(prefix + "music_inputs.npy"));
        NpyArray masks = Npy.read(dir.resolve(prefix + "music_masks.npy"));
        int[] shape = inputs.shape();
        int b = shape[0];
        int l = shape[1];
        int w = shape[2];
        float[] mask = masks.floats();
        List<EncodedInput> items = new ArrayList<>();
        for (int i = 0; i < b; i++) {
            int n = 0;
            while (n < l && mask[i * l + n] > 0) {
                n++;
            }
            if (music == Modality.SYMBOLIC) {
                long[] all = inputs.longs();
                int[][] codes = new int[n][w];
                for (int r = 0; r < n; r++) {
                    for (int k = 0; k < w; k++) {
                        codes[r][k] = (int) all[(i * l + r) * w + k];
                    }
                }
                items.add(new EncodedInput.Patches(codes));
            } else {
                float[] values = new float[n * w];
                System.arraycopy(inputs.floats(), i * l * w, values, 0, n * w);
                items.add(new EncodedInput.FeatureRows(values, w));
            }
        }
        return new ClipBatch(text.longs(), textMasks.floats(), text.shape()[1], items, l);
    }

    public static M3Batch m3(Path dir, String prefix, int patchSize) {
        NpyArray input = Npy.read(dir.resolve(prefix + "input_patches.npy"));
        NpyArray masks = Npy.read(dir.resolve(prefix + "input_masks.npy"));
        NpyArray selected = Npy.read(dir.resolve(prefix + "selected_indices.npy"));
        NpyArray target = Npy.read(dir.resolve(prefix + "target_patches.npy"));
        int b = masks.shape()[0];
        int l = masks.shape()[1];
        return new M3Batch(input.longs(), masks.floats(), selected.floats(), target.longs(), b, l, patchSize);
    }
}
