package org.clamp3.preprocess.audio.codec;

/**
 * A decoded file mixed down to one channel: float samples in [-1, 1] (integer PCM divided by
 * 2^(bits-1), as torchaudio loads it) at the file's own rate.
 *
 * @param samples    the mono waveform
 * @param sampleRate samples per second
 * @param channels   how many channels the file had before the mixdown
 */
public record MonoAudio(float[] samples, int sampleRate, int channels) {

    /** Length in seconds. */
    public double seconds() {
        return samples.length / (double) sampleRate;
    }
}
