package org.clamp3.core.extract;

/**
 * How {@link ExtractionJob} computes.
 *
 * @param global        one projected (1, D) vector per file instead of (1, n, H) per-item features
 * @param maxWindows    most windows in one forward pass
 * @param maxItems      most padded items (windows × padded length) in one forward pass
 * @param exactOriginal batch size 1 and full padding, like the original (for comparison)
 */
public record ExtractionOptions(boolean global, int maxWindows, int maxItems, boolean exactOriginal) {
    /** Files whose windows are batched together: one round of the batch runner. */
    public static final int FILES_PER_ROUND = 64;

    public ExtractionOptions {
        if (maxWindows < 1 || maxItems < 1) {
            throw new IllegalArgumentException("batch limits must be at least 1, got " + maxWindows + " windows, " + maxItems + " items");
        }
    }

    public static ExtractionOptions defaults(boolean global) {
        return new ExtractionOptions(global, 32, 8192, false);
    }
}
