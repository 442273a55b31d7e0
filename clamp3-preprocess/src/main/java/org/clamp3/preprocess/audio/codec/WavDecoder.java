package org.clamp3.preprocess.audio.codec;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

import org.clamp3.core.io.InvalidInputException;

/**
 * Reads RIFF/WAVE files: integer PCM of 8 (unsigned), 16, 24 and 32 bits and IEEE float of 32 and
 * 64 bits, plain or WAVE_FORMAT_EXTENSIBLE. Integers are scaled by 1/2^(bits-1) (8-bit:
 * (u - 128)/128) and floats pass through, as torchaudio loads them. Every size in the header is
 * checked against the file's real length before it is used, so a corrupt or hostile header is an
 * {@link InvalidInputException} and never a large allocation.
 */
final class WavDecoder {
    private static final int FORMAT_PCM = 1;
    private static final int FORMAT_FLOAT = 3;
    private static final int FORMAT_EXTENSIBLE = 0xFFFE;
    /** Writers that stream (and never come back to fix the header) leave this in the size fields. */
    private static final long UNKNOWN_SIZE = 0xFFFFFFFFL;
    static final int MAX_CHANNELS = 64;
    static final int MAX_SAMPLE_RATE = 768_000;
    private static final int CHUNK_FRAMES = 8192;

    private WavDecoder() {}

    static MonoAudio decode(Path file) throws IOException {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = ch.size();
            ByteBuffer riff = read(ch, file, 0, 12);
            if (riff.getInt(0) != 0x46464952 || riff.getInt(8) != 0x45564157) { // "RIFF", "WAVE"
                throw new InvalidInputException(file, "not a RIFF/WAVE file");
            }
            Format format = null;
            long pos = 12;
            while (pos + 8 <= size) {
                ByteBuffer head = read(ch, file, pos, 8);
                int id = head.getInt(0);
                long chunkSize = head.getInt(4) & 0xFFFFFFFFL;
                long body = pos + 8;
                if (id == 0x20746d66) { // "fmt "
                    if (chunkSize < 16 || chunkSize > 1024 || body + chunkSize > size) {
                        throw new InvalidInputException(file, "corrupt WAV: fmt chunk of " + chunkSize + " bytes");
                    }
                    format = Format.parse(file, read(ch, file, body, (int) chunkSize));
                } else if (id == 0x61746164) { // "data"
                    if (format == null) {
                        throw new InvalidInputException(file, "corrupt WAV: data chunk before the fmt chunk");
                    }
                    long available = size - body;
                    if (chunkSize == UNKNOWN_SIZE) {
                        chunkSize = available;
                    } else if (chunkSize > available) {
                        throw new InvalidInputException(file, "truncated WAV: the header announces " + chunkSize
                                + " bytes of audio, the file holds " + available);
                    }
                    return readSamples(ch, file, format, body, chunkSize / format.blockAlign);
                }
                pos = body + chunkSize + (chunkSize & 1); // chunks are padded to even sizes
            }
            throw new InvalidInputException(file, format == null ? "corrupt WAV: no fmt chunk" : "corrupt WAV: no data chunk");
        }
    }

    private static MonoAudio readSamples(FileChannel ch, Path file, Format format, long start, long frames)
            throws IOException {
        if (frames == 0) {
            throw new InvalidInputException(file, "no audio: the WAV data chunk is empty");
        }
        if (frames > MonoMixdown.MAX_FRAMES) {
            throw new InvalidInputException(file, "too long: " + frames + " sample frames");
        }
        MonoMixdown mono = MonoMixdown.ofVerifiedLength(file, format.channels, (int) frames);
        int bytesPerSample = format.bits / 8;
        ByteBuffer buf = ByteBuffer.allocate(CHUNK_FRAMES * format.blockAlign).order(ByteOrder.LITTLE_ENDIAN);
        float[] samples = new float[CHUNK_FRAMES * format.channels];
        long pos = start;
        long left = frames;
        while (left > 0) {
            int n = (int) Math.min(CHUNK_FRAMES, left);
            buf.clear().limit(n * format.blockAlign);
            readFully(ch, file, buf, pos);
            buf.flip();
            for (int f = 0, s = 0; f < n; f++) {
                int frameStart = f * format.blockAlign;
                for (int c = 0; c < format.channels; c++) {
                    samples[s++] = format.sample(buf, frameStart + c * bytesPerSample);
                }
            }
            mono.addInterleaved(samples, n);
            pos += (long) n * format.blockAlign;
            left -= n;
        }
        return new MonoAudio(mono.toArray(), format.sampleRate, format.channels);
    }

    /** The fmt chunk's facts that matter for decoding. */
    private record Format(boolean isFloat, int channels, int sampleRate, int bits, int blockAlign) {
        static Format parse(Path file, ByteBuffer fmt) {
            int tag = fmt.getShort(0) & 0xFFFF;
            int channels = fmt.getShort(2) & 0xFFFF;
            long rate = fmt.getInt(4) & 0xFFFFFFFFL;
            int blockAlign = fmt.getShort(12) & 0xFFFF;
            int bits = fmt.getShort(14) & 0xFFFF;
            if (tag == FORMAT_EXTENSIBLE) {
                if (fmt.limit() < 40) {
                    throw new InvalidInputException(file, "corrupt WAV: short WAVE_FORMAT_EXTENSIBLE header");
                }
                // fewer valid bits than the container holds (24 in 32, 20 in 24) are read as the whole
                // container, like libsox: the unused low bits are zero, so the scale is the container's
                tag = fmt.getShort(24) & 0xFFFF; // first two bytes of the sub-format GUID
            }
            boolean isFloat;
            if (tag == FORMAT_PCM) {
                isFloat = false;
                if (bits != 8 && bits != 16 && bits != 24 && bits != 32) {
                    throw new InvalidInputException(file, "unsupported WAV: " + bits + "-bit integer PCM"
                            + " (supported: 8, 16, 24, 32)");
                }
            } else if (tag == FORMAT_FLOAT) {
                isFloat = true;
                if (bits != 32 && bits != 64) {
                    throw new InvalidInputException(file, "unsupported WAV: " + bits + "-bit float (supported: 32, 64)");
                }
            } else {
                throw new InvalidInputException(file, String.format("unsupported WAV encoding 0x%04x"
                        + " (supported: integer PCM and IEEE float)", tag));
            }
            if (channels < 1 || channels > MAX_CHANNELS) {
                throw new InvalidInputException(file, "unsupported WAV: " + channels + " channels (1 to "
                        + MAX_CHANNELS + " supported)");
            }
            if (rate < 1 || rate > MAX_SAMPLE_RATE) {
                throw new InvalidInputException(file, "unsupported WAV: sample rate " + rate + " Hz (1 to "
                        + MAX_SAMPLE_RATE + " supported)");
            }
            if (blockAlign != channels * bits / 8) {
                throw new InvalidInputException(file, "corrupt WAV: block align " + blockAlign + " for "
                        + channels + " channels of " + bits + " bits");
            }
            return new Format(isFloat, channels, (int) rate, bits, blockAlign);
        }

        float sample(ByteBuffer b, int at) {
            if (isFloat) {
                return bits == 32 ? b.getFloat(at) : (float) b.getDouble(at);
            }
            switch (bits) {
                case 8:
                    return ((b.get(at) & 0xFF) - 128) / 128f;
                case 16:
                    return b.getShort(at) / 32768f;
                case 24:
                    return ((b.get(at) & 0xFF) | (b.get(at + 1) & 0xFF) << 8 | b.get(at + 2) << 16) / 8388608f;
                default:
                    return (float) b.getInt(at) / 2147483648f;
            }
        }
    }

    private static ByteBuffer read(FileChannel ch, Path file, long pos, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(n).order(ByteOrder.LITTLE_ENDIAN);
        readFully(ch, file, b, pos);
        b.flip();
        return b;
    }

    private static void readFully(FileChannel ch, Path file, ByteBuffer b, long pos) throws IOException {
        while (b.hasRemaining()) {
            int n = ch.read(b, pos);
            if (n < 0) {
                throw new InvalidInputException(file, "truncated WAV: the file ends inside a chunk");
            }
            pos += n;
        }
    }
}
