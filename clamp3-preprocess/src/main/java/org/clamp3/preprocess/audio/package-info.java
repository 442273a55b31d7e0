/**
 * Audio files as the waveforms a model reads: {@link org.clamp3.preprocess.audio.AudioLoader}
 * decodes a file (through {@link org.clamp3.preprocess.audio.codec.AudioDecoder}) and resamples it
 * with {@link org.clamp3.preprocess.audio.SincResampler} (torchaudio's windowed-sinc resampling), as
 * MERT_utils.load_audio does; {@link org.clamp3.preprocess.audio.AudioTags} reads a file's metadata
 * (title, artists, album, genres, year).
 *
 * <p>Sub-packages: {@code codec} (bytes to mono samples, one decoder per format) and {@code mert}
 * (the MERT network, which turns waveforms into the features CLaMP 3's audio encoder reads).
 *
 * <p>Imports {@code codec}, {@code core.io} and jaudiotagger; must not import {@code mert} (MERT
 * builds on loading, not the other way round).
 */
package org.clamp3.preprocess.audio;
