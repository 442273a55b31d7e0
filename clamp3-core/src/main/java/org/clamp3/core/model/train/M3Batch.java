package org.clamp3.core.model.train;

/**
 * A masked-patch-modelling batch as the original M3 training builds it (mask_patches + padding):
 * B items of L patches of PATCH_SIZE codes, flattened row-major.
 *
 * @param inputPatches    (B, L·PATCH_SIZE) codes the encoder reads (masked/shuffled patches), 0-padded
 * @param inputMasks      (B, L): 1 for real patches
 * @param selected        (B, L): 1 for the patches the decoder must reconstruct
 * @param targetPatches   (B, L·PATCH_SIZE) the original patches
 */
public record M3Batch(long[] inputPatches, float[] inputMasks, float[] selected, long[] targetPatches,
                      int batch, int length, int patchSize) {}
