package org.clamp3.index;

import java.util.Locale;

/**
 * How an index stores and links its vectors; fixed when the index is created.
 *
 * @param quantization NONE: float32 vectors are searched; INT8: Lucene's scalar-quantized copy
 *                     (7 bits per dimension in a byte) is searched, the float32 vectors are kept
 *                     for exact re-scoring and merges
 * @param m HNSW links per node (Lucene's maxConn)
 * @param efConstruction HNSW candidate list size while building (Lucene's beamWidth)
 * @param segmentSeconds 0, or the length of the audio segments indexed beside each track (a
 *                       multiple of {@link #AUDIO_ROW_SECONDS})
 */
public record IndexSettings(Quantization quantization, int m, int efConstruction, int segmentSeconds) {
    /** Seconds of audio per MERT feature row (the original's 5 s windows). */
    public static final int AUDIO_ROW_SECONDS = 5;

    public static final IndexSettings DEFAULTS = new IndexSettings(Quantization.NONE, 16, 100, 0);

    /** What the HNSW graph is searched on. */
    public enum Quantization {
        NONE, INT8;

        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }

        public static Quantization parse(String s) {
            return valueOf(s.trim().toUpperCase(Locale.ROOT));
        }
    }

    public IndexSettings {
        if (quantization == null) {
            throw new IllegalArgumentException("quantization is null");
        }
        if (m < 2 || m > 512) {
            throw new IllegalArgumentException("--m " + m + ": must be within 2..512");
        }
        if (efConstruction < 1 || efConstruction > 3200) {
            throw new IllegalArgumentException("--ef-construction " + efConstruction + ": must be within 1..3200");
        }
        if (segmentSeconds < 0 || segmentSeconds % AUDIO_ROW_SECONDS != 0) {
            throw new IllegalArgumentException("--segments " + segmentSeconds + ": must be a multiple of "
                    + AUDIO_ROW_SECONDS + " seconds (one MERT feature row each)");
        }
    }

    /** Rows of audio features per segment, 0 without segments. */
    public int segmentRows() {
        return segmentSeconds / AUDIO_ROW_SECONDS;
    }
}
