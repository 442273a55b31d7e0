package org.clamp3.preprocess.audio.codec;

import java.nio.file.Path;
import java.util.Arrays;

import org.clamp3.core.io.InvalidInputException;

/**
 * Collects decoded frames as one channel: the mean over channels in float32 (sum in channel
 * order, then divide), which is what {@code torch.mean(waveform, dim=0)} gives. Only the mono
 * signal is kept, so a long multi-channel file costs one float per frame. The buffer grows as
 * frames arrive; a decoder's length hint is only trusted up to a small bound unless the decoder
 * has checked it against the file's size, so a header that claims hours of audio allocates
 * nothing it does not fill.
 */
public final class MonoMixdown {
    /** Java arrays are int-indexed; past this a file is not something we can hold (about 25 h at 24 kHz). */
    public static final int MAX_FRAMES = Integer.MAX_VALUE - 8;
    private static final int MAX_INITIAL_CAPACITY = 1 << 22;

    private final Path file;
    private final int channels;
    private float[] mono;
    private int length;

    /** For a length announced by a header that nothing has checked: only a small part of it is reserved. */
    MonoMixdown(Path file, int channels, long announcedFrames) {
        this(file, channels, (int) Math.max(1024, Math.min(announcedFrames, MAX_INITIAL_CAPACITY)));
    }

    private MonoMixdown(Path file, int channels, int capacity) {
        this.file = file;
        this.channels = channels;
        this.mono = new float[capacity];
    }

    /** For a frame count the caller has checked against the bytes the file really holds. */
    static MonoMixdown ofVerifiedLength(Path file, int channels, int frames) {
        return new MonoMixdown(file, channels, frames);
    }

    /** Adds {@code frames} frames of interleaved samples (channel 0 of frame 0, channel 1 of frame 0, ...). */
    void addInterleaved(float[] interleaved, int frames) {
        reserve(frames);
        if (channels == 1) {
            System.arraycopy(interleaved, 0, mono, length, frames);
        } else {
            for (int f = 0, at = 0; f < frames; f++) {
                float sum = 0f;
                for (int c = 0; c < channels; c++) {
                    sum += interleaved[at++];
                }
                mono[length + f] = sum / channels;
            }
        }
        length += frames;
    }

    /** Adds {@code frames} frames given one array per channel. */
    void addPlanar(float[][] planes, int frames) {
        reserve(frames);
        for (int f = 0; f < frames; f++) {
            float sum = 0f;
            for (int c = 0; c < channels; c++) {
                sum += planes[c][f];
            }
            mono[length + f] = channels == 1 ? sum : sum / channels;
        }
        length += frames;
    }

    int length() {
        return length;
    }

    float[] toArray() {
        return length == mono.length ? mono : Arrays.copyOf(mono, length);
    }

    private void reserve(int frames) {
        long needed = (long) length + frames;
        if (needed > MAX_FRAMES) {
            throw new InvalidInputException(file, "too long: more than " + MAX_FRAMES + " sample frames");
        }
        if (needed > mono.length) {
            long grown = Math.max(needed, Math.min((long) mono.length * 2, MAX_FRAMES));
            // the old and the new buffer while copying, then the resampled copy: ~2.5 floats a frame
            org.clamp3.core.io.InputLimits.checkHeap(file, 10 * grown, "the decoded audio");
            mono = Arrays.copyOf(mono, (int) grown);
        }
    }
}
