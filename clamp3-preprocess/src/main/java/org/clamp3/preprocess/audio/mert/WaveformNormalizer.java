package org.clamp3.preprocess.audio.mert;

/**
 * Zero mean, unit variance over a whole waveform, as HuggingFace's Wav2Vec2FeatureExtractor does
 * with {@code do_normalize=True}: {@code (x - mean) / sqrt(var + 1e-7)} with the population
 * variance. The sums run in float64 (numpy's float32 pairwise sums land within about 1.5e-7 of
 * them); digital silence comes out as all zeros.
 */
public final class WaveformNormalizer {
    private static final double EPSILON = 1e-7;

    private WaveformNormalizer() {}

    /** Normalises {@code x} in place and returns it. */
    public static float[] normalizeInPlace(float[] x) {
        if (x.length == 0) {
            return x;
        }
        double sum = 0;
        for (float v : x) {
            sum += v;
        }
        double mean = sum / x.length;
        double squares = 0;
        for (float v : x) {
            double d = v - mean;
            squares += d * d;
        }
        float meanF = (float) mean;
        float std = (float) Math.sqrt(squares / x.length + EPSILON);
        for (int i = 0; i < x.length; i++) {
            x[i] = (x[i] - meanF) / std;
        }
        return x;
    }
}
