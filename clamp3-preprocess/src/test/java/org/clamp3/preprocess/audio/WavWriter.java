package org.clamp3.preprocess.audio;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;

/** Builds small WAV files for decoder tests, including deliberately broken ones. */
public final class WavWriter {
    private WavWriter() {}

    /** A canonical WAV: RIFF header, 16-byte fmt chunk, data chunk holding {@code data}. */
    public static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data) {
        return wav(formatTag, channels, rate, bits, data, data.length);
    }

    /** As {@link #wav(int, int, int, int, byte[])}, with the data chunk announcing {@code declaredDataSize} bytes. */
    public static byte[] wav(int formatTag, int channels, int rate, int bits, byte[] data, long declaredDataSize) {
        ByteBuffer b = ByteBuffer.allocate(44 + data.length).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt((int) (36 + declaredDataSize)).put("WAVE".getBytes());
        b.put("fmt ".getBytes()).putInt(16).putShort((short) formatTag).putShort((short) channels).putInt(rate)
                .putInt(rate * channels * bits / 8).putShort((short) (channels * bits / 8)).putShort((short) bits);
        b.put("data".getBytes()).putInt((int) declaredDataSize).put(data);
        return b.array();
    }

    /** 16-bit PCM of the given interleaved sample values. */
    public static byte[] pcm16(int channels, int rate, short... samples) {
        ByteBuffer d = ByteBuffer.allocate(samples.length * 2).order(ByteOrder.LITTLE_ENDIAN);
        for (short s : samples) {
            d.putShort(s);
        }
        return wav(1, channels, rate, 16, d.array());
    }

    /** A mono 16-bit sine of {@code frames} frames, written to {@code file}. */
    public static Path sine(Path file, int rate, int channels, int frames) throws IOException {
        short[] s = new short[frames * channels];
        for (int f = 0; f < frames; f++) {
            for (int c = 0; c < channels; c++) {
                s[f * channels + c] = (short) (8000 * Math.sin(2 * Math.PI * (220 + 110 * c) * f / rate));
            }
        }
        return Files.write(file, pcm16(channels, rate, s));
    }
}
