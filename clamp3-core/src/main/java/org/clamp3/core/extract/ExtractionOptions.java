package org.clamp3.core.extract;

/**
 * How {@link FeatureExtractor} runs.
 *
 * @param global        one projected (1, D) vector per file instead of (1, n, H) per-item features
 * @param maxWindows    most windows in one forward pass
 * @param maxItems      most padded items (windows × padded length) in one forward pass
 * @param exactOriginal batch size 1 and full padding, like the original (for comparison)
 * @param readers       threads reading and encoding files while the model computes
 * @param filesPerRound files prepared together; windows of one round are batched together
 */
public record ExtractionOptions(boolean global, int maxWindows, int maxItems, boolean exactOriginal,
                                int readers, int filesPerRound) {

    public static ExtractionOptions defaults(boolean global) {
        return new ExtractionOptions(global, 32, 8192, false, 2, 64);
    }
}
