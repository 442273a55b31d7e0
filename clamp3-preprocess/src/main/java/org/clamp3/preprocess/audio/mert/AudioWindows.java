package org.clamp3.preprocess.audio.mert;

import java.util.ArrayList;
import java.util.List;

/**
 * How extract_mert.py cuts a 24 kHz waveform: consecutive non-overlapping 5 s windows starting at
 * 0, 5 s, 10 s, ...; the last one may be shorter and is dropped only if it is shorter than 1 s
 * (a tail of exactly 1 s is kept). Kept windows go to the model as they are, unpadded.
 */
public final class AudioWindows {
    /** 5 s at 24 kHz. */
    public static final int WINDOW = 120_000;
    /** 1 s at 24 kHz: a last window shorter than this is dropped. */
    public static final int MIN_LAST_WINDOW = 24_000;

    /** A slice {@code [start, start + length)} of the waveform. */
    public record Window(int start, int length) {}

    private AudioWindows() {}

    /** The kept windows of a waveform of {@code samples} samples; empty if it is shorter than 1 s. */
    public static List<Window> of(int samples) {
        List<Window> windows = new ArrayList<>();
        for (long start = 0; start < samples; start += WINDOW) {
            windows.add(new Window((int) start, (int) Math.min(WINDOW, samples - start)));
        }
        if (!windows.isEmpty() && windows.get(windows.size() - 1).length() < MIN_LAST_WINDOW) {
            windows.remove(windows.size() - 1);
        }
        return windows;
    }
}
