package org.clamp3.index;

/**
 * What to search for.
 *
 * @param k results wanted
 * @param modality only items of this modality (text, symbolic, audio), or null for all
 * @param mode how candidates are found
 * @param ef the HNSW candidate list size for approximate search (at least k)
 */
public record SearchRequest(int k, String modality, Mode mode, int ef) {
    /** Below this many vectors AUTO scans them all: exact, and fast enough. */
    public static final int EXACT_BELOW = 10_000;

    /** Default HNSW candidate list size. */
    public static final int DEFAULT_EF = 100;

    /** How candidates are found. */
    public enum Mode {
        /** Exact below {@link #EXACT_BELOW} vectors, else approximate. */
        AUTO,
        /** Every vector is scored (brute force). */
        EXACT,
        /** HNSW candidates, re-scored exactly with the float32 vectors. */
        APPROXIMATE
    }

    public SearchRequest {
        if (k < 1) {
            throw new IllegalArgumentException("k must be at least 1, got " + k);
        }
        if (ef < 1) {
            throw new IllegalArgumentException("ef must be at least 1, got " + ef);
        }
    }

    public static SearchRequest top(int k) {
        return new SearchRequest(k, null, Mode.AUTO, Math.max(k, DEFAULT_EF));
    }
}
