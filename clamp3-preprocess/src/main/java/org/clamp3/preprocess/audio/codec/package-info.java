/**
 * Decoding audio files in plain Java: {@link org.clamp3.preprocess.audio.codec.AudioDecoder} tells
 * the format by the file's first bytes and hands it to the WAV, FLAC, Ogg Vorbis or MP3 decoder
 * (package-private), each of which mixes down to one channel as it reads
 * ({@link org.clamp3.preprocess.audio.codec.MonoMixdown}) and returns a
 * {@link org.clamp3.preprocess.audio.codec.MonoAudio} at the file's own rate, scaled as torchaudio
 * loads it. MP3 lengths follow libsox ({@code SoxMp3Length}, {@code Id3v2Tag}), JLayer gets one
 * band table fixed ({@code StandardBandsDecoder}), and hostile headers are bounded
 * ({@code LimitedInputStream}, {@code VorbisSetupLimits}) so that no file allocates more than it
 * holds.
 *
 * <p>Imports the decoding libraries (JLayer, jFLAC, JOrbis) and {@code core.io} only; must not
 * import any other {@code org.clamp3.preprocess} package: neither resampling nor MERT.
 */
package org.clamp3.preprocess.audio.codec;
