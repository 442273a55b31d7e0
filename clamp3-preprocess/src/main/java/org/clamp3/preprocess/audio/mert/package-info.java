/**
 * MERT, the audio model whose features CLaMP 3's audio encoder reads:
 * {@link org.clamp3.preprocess.audio.mert.MertModel} (conv feature encoder and transformer of
 * {@link org.clamp3.preprocess.audio.mert.MertEncoderLayer}s, shaped by
 * {@link org.clamp3.preprocess.audio.mert.MertConfig}), and
 * {@link org.clamp3.preprocess.audio.mert.MertFeatureExtractor}, extract_mert.py for one file: load
 * and resample, normalise ({@link org.clamp3.preprocess.audio.mert.WaveformNormalizer}), cut into
 * {@link org.clamp3.preprocess.audio.mert.AudioWindows}, run the windows through MERT in batches
 * shared across files ({@code MertWindowBatcher}) and average each hidden state over time.
 *
 * <p>Imports {@code org.clamp3.preprocess.audio} for loading and, from core, {@code core.io},
 * {@code core.weights}, the weight binder ({@code core.model.binding}) and
 * {@code core.model.kernel} (the measured kernel plan and the columns layout); must not import the CLaMP 3 model, its encoders or training.
 */
package org.clamp3.preprocess.audio.mert;
