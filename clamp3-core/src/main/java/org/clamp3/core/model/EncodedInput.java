package org.clamp3.core.model;

/**
 * One file turned into what its encoder reads: a sequence of items (tokens, patches or
 * feature rows) that is cut into windows of the encoder's maximum length.
 */
public sealed interface EncodedInput permits EncodedInput.TokenIds, EncodedInput.Patches, EncodedInput.FeatureRows {

    Modality modality();

    /** Number of items. */
    int length();

    /** Token ids of a text, with the tokenizer's special tokens. */
    record TokenIds(long[] ids) implements EncodedInput {
        public Modality modality() {
            return Modality.TEXT;
        }

        public int length() {
            return ids.length;
        }
    }

    /** M3 patches: one row of PATCH_SIZE character codes (&lt; 128) per patch. */
    record Patches(int[][] codes) implements EncodedInput {
        public Modality modality() {
            return Modality.SYMBOLIC;
        }

        public int length() {
            return codes.length;
        }
    }

    /** Audio feature rows (MERT features with the zero rows added), row-major. */
    record FeatureRows(float[] values, int width) implements EncodedInput {
        public FeatureRows {
            if (width <= 0 || values.length % width != 0) {
                throw new IllegalArgumentException(values.length + " values do not make rows of " + width);
            }
        }

        public Modality modality() {
            return Modality.AUDIO;
        }

        public int length() {
            return values.length / width;
        }
    }
}
