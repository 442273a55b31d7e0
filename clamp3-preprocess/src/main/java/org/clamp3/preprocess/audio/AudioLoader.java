package org.clamp3.preprocess.audio;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.clamp3.preprocess.audio.codec.MonoAudio;

/**
 * Decode, mono mixdown and resampling in one call, like MERT_utils.load_audio with the settings
 * extract_mert.py uses (mono, no peak normalisation, no cropping). Resamplers are built once per
 * rate pair and shared, since they are immutable (a few of them: odd rates can make large ones).
 */
public final class AudioLoader {
    private static final int MAX_CACHED_RESAMPLERS = 16;
    private static final Map<Long, SincResampler> RESAMPLERS = new ConcurrentHashMap<>();

    private AudioLoader() {}

    /** The file as a mono waveform at {@code targetRate}. */
    public static float[] load(Path file, int targetRate) {
        MonoAudio audio = AudioDecoder.decode(file);
        return resample(audio, targetRate);
    }

    /** {@code audio} at {@code targetRate}; the same samples when the rate already matches. */
    public static float[] resample(MonoAudio audio, int targetRate) {
        if (audio.sampleRate() == targetRate) {
            return audio.samples();
        }
        long key = (long) audio.sampleRate() << 32 | targetRate;
        SincResampler resampler = RESAMPLERS.get(key);
        if (resampler == null) {
            resampler = new SincResampler(audio.sampleRate(), targetRate);
            if (RESAMPLERS.size() < MAX_CACHED_RESAMPLERS) {
                RESAMPLERS.putIfAbsent(key, resampler);
            }
        }
        return resampler.resample(audio.samples());
    }
}
