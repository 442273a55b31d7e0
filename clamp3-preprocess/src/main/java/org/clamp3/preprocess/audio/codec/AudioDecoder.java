package org.clamp3.preprocess.audio.codec;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Set;

import org.clamp3.core.io.InputLimits;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;

/**
 * Decodes an audio file to a mono waveform at its own sample rate. The format is told by the
 * file's first bytes, not its name (as libsox does), so a WAV saved as {@code .mp3} still decodes;
 * the name only decides whether unrecognised bytes are worth a try as headerless MPEG audio.
 */
public final class AudioDecoder {
    /** File extensions (lower case, no dot) this decoder is meant for. */
    public static final Set<String> EXTENSIONS = Set.of("wav", "mp3", "flac", "ogg");

    private AudioDecoder() {}

    /**
     * @throws InvalidInputException for a file that is missing, unreadable, corrupt, empty or in an
     *                               unsupported format; the message names the file
     */
    public static MonoAudio decode(Path file) {
        InputLimits.check(file, InputLimits.AUDIO);
        byte[] head = new byte[12];
        int n;
        try (InputStream in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, head.length);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        if (n == 0) {
            throw new InvalidInputException(file, "empty file");
        }
        try {
            if (starts(head, n, "RIFF")) {
                return finite(file, WavDecoder.decode(file));
            }
            if (starts(head, n, "RF64")) {
                throw new InvalidInputException(file, "unsupported: RF64 (WAV over 4 GB)");
            }
            if (starts(head, n, "fLaC")) {
                return FlacDecoder.decode(file);
            }
            if (starts(head, n, "OggS")) {
                return OggVorbisDecoder.decode(file);
            }
            boolean mpegSync = n >= 2 && (head[0] & 0xFF) == 0xFF && (head[1] & 0xE0) == 0xE0;
            if (starts(head, n, "ID3") || mpegSync || MirroredTree.extension(file.getFileName().toString()).equals("mp3")) {
                return Mp3Decoder.decode(file);
            }
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        throw new InvalidInputException(file, "not a WAV, FLAC, Ogg Vorbis or MP3 file (unrecognised first bytes)");
    }

    /**
     * {@code audio}, refused when a sample is NaN or infinite (a float WAV can hold any bits):
     * such samples would pass through resampling into the MERT network and come out as NaN features.
     */
    private static MonoAudio finite(Path file, MonoAudio audio) {
        float[] samples = audio.samples();
        for (int i = 0; i < samples.length; i++) {
            if (!Float.isFinite(samples[i])) {
                throw new InvalidInputException(file, String.format(java.util.Locale.ROOT,
                        "sample %d (at %.3f s) is %s; audio samples must be finite", i, (double) i / audio.sampleRate(), samples[i]));
            }
        }
        return audio;
    }

    private static boolean starts(byte[] head, int n, String magic) {
        if (n < magic.length()) {
            return false;
        }
        for (int i = 0; i < magic.length(); i++) {
            if (head[i] != magic.charAt(i)) {
                return false;
            }
        }
        return true;
    }

}
