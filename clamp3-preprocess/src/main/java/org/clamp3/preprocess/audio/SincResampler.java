package org.clamp3.preprocess.audio;

import java.util.Arrays;

import org.clamp3.preprocess.audio.codec.MonoMixdown;

/**
 * Rational-rate resampling with a Hann-windowed sinc, the same filter and the same output as
 * torchaudio 0.13's {@code transforms.Resample(orig, new)} with its defaults (lowpass filter width
 * 6, rolloff 0.99), for any pair of positive integer rates.
 *
 * <p>With {@code g = gcd(orig, new)}, {@code o = orig/g}, {@code n = new/g}: output sample
 * {@code f*n + j} is the dot product of kernel row {@code j} with the input from
 * {@code f*o - width} on (zeros outside the signal), and the output keeps the first
 * {@code ceil(n*L/o)} samples. Each kernel value is computed in float64 and stored as float32,
 * with one detail torchaudio has: the phase term {@code -j/n} is a float32 quotient widened to
 * float64. Without it the kernels differ by up to 5e-6 (22050 Hz).
 *
 * <p>Only the taps inside the window ({@code |t| < width}) are stored: outside it torchaudio's
 * value underflows to 0 in float32, so dropping them changes nothing, and a rate like 44101 Hz
 * (n = 24000 rows) costs a few hundred kilobytes instead of gigabytes.
 */
public final class SincResampler {
    private static final int LOWPASS_FILTER_WIDTH = 6;
    private static final double ROLLOFF = 0.99;

    private final int reducedOrig;
    private final int reducedNew;
    private final int width;
    /** Per output phase j: the index into torchaudio's kernel row of the first stored tap. */
    private final int[] rowStart;
    private final float[][] rows;

    /**
     * @throws IllegalArgumentException unless both rates are positive
     */
    public SincResampler(int origRate, int newRate) {
        if (origRate <= 0 || newRate <= 0) {
            throw new IllegalArgumentException("sample rates must be positive: " + origRate + " -> " + newRate);
        }
        int g = gcd(origRate, newRate);
        reducedOrig = origRate / g;
        reducedNew = newRate / g;
        double base = Math.min(reducedOrig, reducedNew) * ROLLOFF;
        width = (int) Math.ceil(LOWPASS_FILTER_WIDTH * reducedOrig / base);
        rowStart = new int[reducedNew];
        rows = new float[reducedNew][];
        int kernelLength = 2 * width + reducedOrig;
        double scale = base / reducedOrig;
        for (int j = 0; j < reducedNew; j++) {
            // taps with |t| < 6 lie within 6*o/base of i = width + j*o/n
            double center = width + (double) j * reducedOrig / reducedNew;
            double reach = LOWPASS_FILTER_WIDTH * reducedOrig / base + 2;
            int lo = (int) Math.max(0, Math.floor(center - reach));
            int hi = (int) Math.min(kernelLength - 1, Math.ceil(center + reach));
            float[] taps = new float[hi - lo + 1];
            double phase = (double) ((float) -j / reducedNew); // torchaudio's float32 quotient
            for (int i = lo; i <= hi; i++) {
                taps[i - lo] = tap(phase, i, base, scale);
            }
            int first = 0;
            int last = taps.length - 1;
            while (first < last && taps[first] == 0f) {
                first++;
            }
            while (last > first && taps[last] == 0f) {
                last--;
            }
            rowStart[j] = lo + first;
            rows[j] = Arrays.copyOfRange(taps, first, last + 1);
        }
    }

    private float tap(double phase, int i, double base, double scale) {
        double t = (phase + (double) (i - width) / reducedOrig) * base;
        t = Math.max(-LOWPASS_FILTER_WIDTH, Math.min(LOWPASS_FILTER_WIDTH, t));
        double c = Math.cos(t * Math.PI / LOWPASS_FILTER_WIDTH / 2);
        double window = c * c;
        t *= Math.PI;
        double sinc = t == 0 ? 1.0 : Math.sin(t) / t;
        return (float) (sinc * (window * scale));
    }

    /** Input rate divided by the rates' gcd. */
    public int reducedOrig() {
        return reducedOrig;
    }

    /** Output rate divided by the rates' gcd. */
    public int reducedNew() {
        return reducedNew;
    }

    /** Zeros padded before the signal; torchaudio's {@code width}. */
    public int width() {
        return width;
    }

    /**
     * The full kernel as torchaudio holds it, {@code [reducedNew][2*width + reducedOrig]}; the
     * taps this resampler does not store are 0. Meant for checks; resampling never builds it.
     */
    public float[][] denseKernel() {
        float[][] k = new float[reducedNew][2 * width + reducedOrig];
        for (int j = 0; j < reducedNew; j++) {
            System.arraycopy(rows[j], 0, k[j], rowStart[j], rows[j].length);
        }
        return k;
    }

    /** Output length for {@code inputLength} samples: {@code ceil(reducedNew * inputLength / reducedOrig)}. */
    public long outputLength(long inputLength) {
        return Math.floorDiv(Math.multiplyExact((long) reducedNew, inputLength) + reducedOrig - 1, reducedOrig);
    }

    /**
     * Resamples a whole signal.
     *
     * @throws IllegalArgumentException if the output would not fit in one Java array
     */
    public float[] resample(float[] x) {
        long outLength = outputLength(x.length);
        if (outLength > MonoMixdown.MAX_FRAMES) {
            throw new IllegalArgumentException("resampled signal too long: " + outLength + " samples");
        }
        float[] out = new float[(int) outLength];
        int len = x.length;
        for (long f = 0, frameStart = -width; f * reducedNew < outLength; f++, frameStart += reducedOrig) {
            for (int j = 0; j < reducedNew; j++) {
                long at = f * reducedNew + j;
                if (at >= outLength) {
                    break;
                }
                float[] taps = rows[j];
                long start = frameStart + rowStart[j];
                double sum = 0;
                if (start >= 0 && start + taps.length <= len) {
                    int s = (int) start;
                    for (int k = 0; k < taps.length; k++) {
                        sum += (double) taps[k] * x[s + k];
                    }
                } else {
                    for (int k = 0; k < taps.length; k++) {
                        long idx = start + k;
                        if (idx >= 0 && idx < len) {
                            sum += (double) taps[k] * x[(int) idx];
                        }
                    }
                }
                out[(int) at] = (float) sum;
            }
        }
        return out;
    }

    private static int gcd(int a, int b) {
        while (b != 0) {
            int t = a % b;
            a = b;
            b = t;
        }
        return a;
    }
}
