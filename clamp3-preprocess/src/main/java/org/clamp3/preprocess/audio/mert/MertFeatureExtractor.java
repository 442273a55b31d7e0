package org.clamp3.preprocess.audio.mert;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.preprocess.audio.AudioLoader;

/**
 * extract_mert.py for one file: decode, mono, resample to the model's rate, normalise the whole
 * waveform, cut 5 s windows, run them through MERT, and average each hidden state over time.
 * The result is (L, W, H), or with {@code meanOverLayers} the layer average (1, W, H), float32.
 *
 * <p>Safe to call from several threads at once: the windows of all files in flight share the
 * model's forward passes, up to {@code batchSize} equally long windows per pass, from one file or
 * several (a short last window batches only with windows of its own length). Only each window's
 * L x H means are kept, so memory grows with the waveform (4 bytes per sample) and the batch, not
 * with the model's activations for the file.
 */
public final class MertFeatureExtractor {
    private final MertModel model;
    private final MertWindowBatcher batcher;

    /**
     * @param batchSize most windows in one forward pass; 1 runs window by window like the original
     */
    public MertFeatureExtractor(MertModel model, int batchSize) {
        this.model = model;
        this.batcher = new MertWindowBatcher(model, batchSize);
    }

    /** Features of an audio file (.wav, .mp3, .flac). */
    public NpyArray extract(Path file, boolean meanOverLayers) {
        float[] waveform = AudioLoader.load(file, model.config().sampleRate());
        return features(file, waveform, meanOverLayers);
    }

    /**
     * Features of a mono waveform already at the model's rate; it is normalised in place.
     *
     * @param file named in the error for a waveform shorter than 1 s
     */
    public NpyArray features(Path file, float[] waveform, boolean meanOverLayers) {
        List<AudioWindows.Window> windows = AudioWindows.of(waveform.length, model.config().sampleRate());
        if (windows.isEmpty()) {
            throw new InvalidInputException(file, String.format(Locale.ROOT,
                    "too short: %.3f s of audio, MERT features need at least 1 s", waveform.length / (double) model.config().sampleRate()));
        }
        WaveformNormalizer.normalizeInPlace(waveform);
        int states = model.config().numHiddenStates();
        int h = model.config().hiddenSize();
        float[][][] perWindow = batcher.hiddenStateMeans(waveform, windows);
        return meanOverLayers ? layerMean(perWindow, states, h) : stacked(perWindow, states, h);
    }

    /** [W][L][H] to (L, W, H). */
    private static NpyArray stacked(float[][][] perWindow, int states, int h) {
        int w = perWindow.length;
        float[] out = new float[states * w * h];
        for (int s = 0; s < states; s++) {
            for (int k = 0; k < w; k++) {
                System.arraycopy(perWindow[k][s], 0, out, (s * w + k) * h, h);
            }
        }
        return NpyArray.ofFloats(out, states, w, h);
    }

    /** [W][L][H] to (1, W, H), the mean over L in float32 like torch (sum in layer order, then divide). */
    private static NpyArray layerMean(float[][][] perWindow, int states, int h) {
        int w = perWindow.length;
        float[] out = new float[w * h];
        for (int k = 0; k < w; k++) {
            for (int j = 0; j < h; j++) {
                float sum = 0f;
                for (int s = 0; s < states; s++) {
                    sum += perWindow[k][s][j];
                }
                out[k * h + j] = sum / states;
            }
        }
        return NpyArray.ofFloats(out, 1, w, h);
    }
}
