package org.clamp3.preprocess.audio.mert;

import java.util.ArrayList;
import java.util.List;

/**
 * How extract_mert.py cuts a waveform at the model's sample rate (24 kHz for MERT-v1): consecutive
 * non-overlapping 5 s windows starting at 0, 5 s, 10 s, ...; the last one may be shorter and is
 * dropped only if it is shorter than 1 s (a tail of exactly 1 s is kept). Kept windows go to the
 * model as they are, unpadded.
 */
public final class AudioWindows {
    /** Seconds per window. */
    public static final int WINDOW_SECONDS = 5;
    /** A last window shorter than this many seconds is dropped. */
    public static final int MIN_LAST_WINDOW_SECONDS = 1;

    /** A slice {@code [start, start + length)} of the waveform. */
    public record Window(int start, int length) {}

    private AudioWindows() {}

    /**
     * The kept windows of a waveform of {@code samples} samples at {@code sampleRate} Hz (the
     * model's, {@link MertConfig#sampleRate()}); empty if it is shorter than 1 s.
     */
    public static List<Window> of(int samples, int sampleRate) {
        if (sampleRate < 1) {
            throw new IllegalArgumentException("sample rate " + sampleRate);
        }
        long window = (long) WINDOW_SECONDS * sampleRate;
        long minLast = (long) MIN_LAST_WINDOW_SECONDS * sampleRate;
        List<Window> windows = new ArrayList<>();
        for (long start = 0; start < samples; start += window) {
            windows.add(new Window((int) start, (int) Math.min(window, samples - start)));
        }
        if (!windows.isEmpty() && windows.get(windows.size() - 1).length() < minLast) {
            windows.remove(windows.size() - 1);
        }
        return windows;
    }
}
