package org.clamp3.preprocess.audio.codec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;

import org.clamp3.preprocess.audio.AudioFixtures;
import org.clamp3.preprocess.audio.AudioLoader;
import org.clamp3.preprocess.audio.WavWriter;
import org.clamp3.preprocess.audio.mert.AudioWindows;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Decoding of every supported encoding, and clear one-line errors for broken or hostile files. */
class AudioDecoderTest {
    private static final Path C01 = AudioFixtures.ROOT.resolve("inputs/c01_chord_44k1_stereo_s16_3s.wav");
    private static final Path C12 = AudioFixtures.ROOT.resolve("inputs/c12_chord_44k1_stereo_3s.mp3");
    private static final Path C14 = AudioFixtures.ROOT.resolve("inputs/c14_chord_44k1_stereo_3s.flac");

    @TempDir
    Path dir;

    private Path write(String name, byte[] bytes) throws IOException {
        return Files.write(dir.resolve(name), bytes);
    }

    @Test
    void nonFiniteFloatSamplesAreRefusedBeforeTheyReachMert() throws IOException {
        ByteBuffer f32 = ByteBuffer.allocate(12).order(ByteOrder.LITTLE_ENDIAN).putFloat(0.5f).putFloat(Float.NaN).putFloat(0f);
        Path file = write("nan.wav", WavWriter.wav(3, 1, 8000, 32, f32.array()));
        org.clamp3.core.io.InvalidInputException e = org.junit.jupiter.api.Assertions.assertThrows(
                org.clamp3.core.io.InvalidInputException.class, () -> AudioDecoder.decode(file));
        assertEquals(file + ": sample 1 (at 0.000 s) is NaN; audio samples must be finite", e.getMessage());
    }

    @Test
    void integerWidthsScaleLikeTorchaudio() throws IOException {
        byte[] u8 = {0, (byte) 128, (byte) 255};
        assertArrayEquals(new float[] {-1f, 0f, 127 / 128f},
                AudioDecoder.decode(write("u8.wav", WavWriter.wav(1, 1, 8000, 8, u8))).samples());
        byte[] s24 = {0, 0, (byte) 0x80, (byte) 0xff, (byte) 0xff, 0x7f, 1, 0, 0};
        assertArrayEquals(new float[] {-1f, 8388607 / 8388608f, 1 / 8388608f},
                AudioDecoder.decode(write("s24.wav", WavWriter.wav(1, 1, 8000, 24, s24))).samples());
        ByteBuffer s32 = ByteBuffer.allocate(8).order(ByteOrder.LITTLE_ENDIAN).putInt(Integer.MIN_VALUE).putInt(1 << 30);
        assertArrayEquals(new float[] {-1f, 0.5f},
                AudioDecoder.decode(write("s32.wav", WavWriter.wav(1, 1, 8000, 32, s32.array()))).samples());
        ByteBuffer f64 = ByteBuffer.allocate(16).order(ByteOrder.LITTLE_ENDIAN).putDouble(0.25).putDouble(-0.75);
        assertArrayEquals(new float[] {0.25f, -0.75f},
                AudioDecoder.decode(write("f64.wav", WavWriter.wav(3, 1, 8000, 64, f64.array()))).samples());
    }

    @Test
    void extensibleWithFewerValidBitsReadsTheWholeContainer() throws IOException {
        // WAVE_FORMAT_EXTENSIBLE, mono, 24-bit containers holding 20 valid bits, as libsox reads it
        ByteBuffer b = ByteBuffer.allocate(68 + 6).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes()).putInt(66).put("WAVE".getBytes()).put("fmt ".getBytes()).putInt(40)
                .putShort((short) 0xFFFE).putShort((short) 1).putInt(32000).putInt(96000).putShort((short) 3)
                .putShort((short) 24).putShort((short) 22).putShort((short) 20).putInt(4)
                .putShort((short) 1).put(new byte[14]);
        b.put("data".getBytes()).putInt(6).put(new byte[] {0x10, 0, (byte) 0x80, 0, 0x10, 0x40});
        assertArrayEquals(new float[] {-1f + 16 / 8388608f, 0x401000 / 8388608f},
                AudioDecoder.decode(write("ext20.wav", b.array())).samples());
    }

    @Test
    void eightChannelsMixToTheirMean() throws IOException {
        short[] frame = {800, 1600, 2400, 3200, -800, -1600, 0, 8000};
        MonoAudio a = AudioDecoder.decode(write("8ch.wav", WavWriter.pcm16(8, 48000, frame)));
        assertEquals(8, a.channels());
        assertEquals(13600 / 8f / 32768f, a.samples()[0], 1e-9);
    }

    @Test
    void highSampleRatesResample() throws IOException {
        Path file = WavWriter.sine(dir.resolve("192k.wav"), 192_000, 2, 192_000 + 1);
        MonoAudio a = AudioDecoder.decode(file);
        assertEquals(192_000, a.sampleRate());
        assertEquals(24_001, AudioLoader.resample(a, 24_000).length); // ceil(192001 / 8)
    }

    @Test
    void formatComesFromTheBytesNotTheName() throws IOException {
        Path disguised = write("really-a-wav.mp3", Files.readAllBytes(C01));
        assertArrayEquals(AudioDecoder.decode(C01).samples(), AudioDecoder.decode(disguised).samples());
    }

    @Test
    void id3TagBeforeTheFramesChangesNothing() throws IOException {
        byte[] mp3 = Files.readAllBytes(C12);
        byte[] title = "Title".getBytes();
        int frameBytes = 10 + 1 + title.length;
        ByteBuffer tagged = ByteBuffer.allocate(10 + frameBytes + mp3.length);
        tagged.put("ID3".getBytes()).put(new byte[] {3, 0, 0, 0, 0, 0, (byte) frameBytes});
        tagged.put("TIT2".getBytes()).putInt(1 + title.length).putShort((short) 0).put((byte) 0).put(title);
        tagged.put(mp3);
        float[] plain = AudioDecoder.decode(C12).samples();
        assertArrayEquals(plain, AudioDecoder.decode(write("tagged.mp3", tagged.array())).samples());
    }

    @Test
    void flacIsBitExactAgainstTheWav() {
        assertArrayEquals(AudioDecoder.decode(C01).samples(), AudioDecoder.decode(C14).samples());
    }

    @Test
    void emptyAndZeroLengthAudio() throws IOException {
        assertTrue(AudioFixtures.decodeError(write("empty.wav", new byte[0])).contains("empty file"));
        assertTrue(AudioFixtures.decodeError(write("nodata.wav", WavWriter.pcm16(2, 44100))).contains("no audio"));
    }

    @Test
    void oneSampleDecodesAndIsTooShortForFeatures() throws IOException {
        MonoAudio a = AudioDecoder.decode(write("one.wav", WavWriter.pcm16(1, 44100, (short) 1000)));
        assertEquals(1, a.samples().length);
        assertEquals(1, AudioLoader.resample(a, 24000).length);
        assertTrue(AudioWindows.of(1, 24_000).isEmpty());
    }

    @Test
    void truncatedFiles() throws IOException {
        byte[] wav = Files.readAllBytes(C01);
        assertTrue(AudioFixtures.decodeError(write("half.wav", Arrays.copyOf(wav, wav.length / 2))).contains("truncated WAV"));
        assertTrue(AudioFixtures.decodeError(write("header-only.wav", Arrays.copyOf(wav, 30))).contains("fmt chunk"));
        byte[] flac = Files.readAllBytes(C14);
        String flacError = AudioFixtures.decodeError(write("half.flac", Arrays.copyOf(flac, flac.length / 2)));
        assertTrue(flacError.contains("FLAC"), flacError);
        // a cut MP3 keeps its whole frames, as libmad does
        byte[] mp3 = Files.readAllBytes(C12);
        float[] cut = AudioDecoder.decode(write("half.mp3", Arrays.copyOf(mp3, mp3.length / 2))).samples();
        assertTrue(cut.length > 50_000 && cut.length < 70_000, "samples: " + cut.length);
    }

    @Test
    void headersClaimingGigabytesAllocateNothing() throws IOException {
        byte[] hugeData = WavWriter.wav(1, 2, 44100, 16, new byte[400], 0xFFFFFFF0L);
        assertTrue(AudioFixtures.decodeError(write("huge.wav", hugeData)).contains("announces 4294967280 bytes"));
        byte[] hugeChannels = WavWriter.wav(1, 65535, 44100, 16, new byte[400]);
        assertTrue(AudioFixtures.decodeError(write("channels.wav", hugeChannels)).contains("65535 channels"));
        byte[] hugeRate = WavWriter.wav(1, 1, Integer.MAX_VALUE, 16, new byte[400]);
        assertTrue(AudioFixtures.decodeError(write("rate.wav", hugeRate)).contains("sample rate"));
        byte[] flac = Files.readAllBytes(C14);
        // STREAMINFO's 36-bit total-samples field set to its maximum (about 68.7 billion)
        flac[21] = (byte) (flac[21] | 0x0F);
        Arrays.fill(flac, 22, 26, (byte) 0xFF);
        assertTrue(AudioFixtures.decodeError(write("huge.flac", flac)).contains("truncated FLAC"));
    }

    @Test
    void corruptAndUnsupportedFiles() throws IOException {
        byte[] noise = new byte[5000];
        new Random(1).nextBytes(noise);
        noise[0] = 'x';
        assertTrue(AudioFixtures.decodeError(write("noise.wav", noise)).contains("not a WAV, FLAC, Ogg Vorbis or MP3"));
        assertTrue(AudioFixtures.decodeError(write("noise.mp3", noise)).contains("MP3"));
        byte[] twelveBit = WavWriter.wav(1, 1, 8000, 12, new byte[4]);
        assertTrue(AudioFixtures.decodeError(write("12bit.wav", twelveBit)).contains("12-bit"));
        byte[] alaw = WavWriter.wav(6, 1, 8000, 8, new byte[4]);
        assertTrue(AudioFixtures.decodeError(write("alaw.wav", alaw)).contains("encoding 0x0006"));
        assertTrue(AudioFixtures.decodeError(write("x.ogg", "OggS\0\2\0\0\0\0\0\0\0\0".getBytes())).contains("Ogg"));
        assertTrue(AudioFixtures.decodeError(write("riff.wav", "RIFF\0\0\0\0AVI LIST".getBytes())).contains("not a RIFF/WAVE"));
        assertTrue(AudioFixtures.decodeError(dir.resolve("missing.wav")).contains("no such file"));
    }

    @Test
    void chunksBeforeFmtAreSkipped() throws IOException {
        byte[] plain = WavWriter.pcm16(1, 8000, (short) 100, (short) -200);
        ByteBuffer b = ByteBuffer.allocate(plain.length + 8 + 5 + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(plain, 0, 12).put("LIST".getBytes()).putInt(5).put(new byte[6]).put(plain, 12, plain.length - 12);
        assertArrayEquals(new float[] {100 / 32768f, -200 / 32768f}, AudioDecoder.decode(write("list.wav", b.array())).samples());
    }
}
