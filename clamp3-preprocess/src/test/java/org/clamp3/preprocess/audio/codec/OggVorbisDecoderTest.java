package org.clamp3.preprocess.audio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;

import org.clamp3.core.io.Npy;
import org.clamp3.preprocess.audio.AudioFixtures;
import org.clamp3.preprocess.audio.AudioLoader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Ogg Vorbis against torchaudio 0.13's decodes (src-test-data/audio-ogg), and damaged or foreign Ogg files. */
class OggVorbisDecoderTest {
    private static final Path ROOT = AudioFixtures.ROOT.resolveSibling("audio-ogg");
    /** One step of the 16-bit grid libsox reads Vorbis on. */
    private static final float STEP = 1f / 32768;

    @TempDir
    Path dir;

    @ParameterizedTest
    @ValueSource(strings = {"stereo_22050.ogg", "three_channels_11025.ogg", "mono_24000_1s.ogg", "mono_16000_one_sample.ogg"})
    void decodesLikeTorchaudio(String name) {
        float[] expected = Npy.read(ROOT.resolve(name + ".npy")).floats();
        MonoAudio audio = AudioDecoder.decode(ROOT.resolve(name));
        float[] actual = audio.samples();
        assertEquals(expected.length, actual.length, "samples");
        int differing = 0;
        for (int i = 0; i < expected.length; i++) {
            float d = Math.abs(expected[i] - actual[i]);
            assertTrue(d <= STEP * 1.0001f, name + " sample " + i + ": " + expected[i] + " vs " + actual[i]);
            if (d > 0) {
                differing++;
            }
        }
        // JOrbis rounds a few samples to the neighbouring 16-bit step; most are identical
        assertTrue(differing <= expected.length / 100 + 1, differing + " of " + expected.length + " samples differ");
    }

    @ParameterizedTest
    @ValueSource(strings = {"stereo_22050.ogg", "three_channels_11025.ogg"})
    void resampledTo24kHzLikeTheOriginalLoader(String name) {
        float[] expected = Npy.read(ROOT.resolve(name + ".24k.npy")).floats();
        float[] actual = AudioLoader.load(ROOT.resolve(name), 24_000);
        assertEquals(expected.length, actual.length);
        assertTrue(AudioFixtures.maxAbsDiff(expected, actual) < 1e-4);
    }

    @Test
    void truncatedAndDamagedFilesAreErrors() throws IOException {
        byte[] ogg = Files.readAllBytes(ROOT.resolve("stereo_22050.ogg"));
        Path half = Files.write(dir.resolve("half.ogg"), Arrays.copyOf(ogg, ogg.length / 2));
        assertTrue(AudioFixtures.decodeError(half).contains("truncated Ogg Vorbis: the stream stops before its last page"));
        Path headersOnly = Files.write(dir.resolve("headers.ogg"), Arrays.copyOf(ogg, 3000));
        assertTrue(AudioFixtures.decodeError(headersOnly).contains("truncated Ogg Vorbis"));
        byte[] flipped = ogg.clone();
        flipped[ogg.length / 2] ^= 0x55;
        assertTrue(AudioFixtures.decodeError(Files.write(dir.resolve("flipped.ogg"), flipped)).contains("corrupt Ogg"));
        Path garbage = Files.write(dir.resolve("garbage.ogg"), "OggS and then nothing like a page".getBytes(StandardCharsets.US_ASCII));
        assertTrue(AudioFixtures.decodeError(garbage).contains("corrupt Ogg"));
    }

    @Test
    void opusIsNamedAsUnsupported() throws IOException {
        byte[] head = "OpusHead\u0001\u0002\u0038\u0001\u0080\u00bb\u0000\u0000\u0000\u0000\u0000".getBytes(StandardCharsets.ISO_8859_1);
        Path opus = Files.write(dir.resolve("voice.ogg"), oggPage(head, 0x1234, 2, 0));
        assertTrue(AudioFixtures.decodeError(opus).contains("unsupported: Ogg Opus audio"));
    }

    @Test
    void codebooksAskingForGigabytesAreRefusedBeforeDecoding() throws IOException {
        ByteBuffer id = ByteBuffer.allocate(30).order(ByteOrder.LITTLE_ENDIAN);
        id.put((byte) 1).put("vorbis".getBytes(StandardCharsets.US_ASCII)).putInt(0).put((byte) 1).putInt(8000)
                .putInt(0).putInt(0).putInt(0).put((byte) 0xB8).put((byte) 1);
        byte[] comments = {3, 'v', 'o', 'r', 'b', 'i', 's', 0, 0, 0, 0, 0, 0, 0, 0, 1};
        // one codebook of 2^24 - 1 entries x 65535 dimensions, its lengths in "ordered" form (a few bits)
        byte[] setup = {5, 'v', 'o', 'r', 'b', 'i', 's', 0, 0x42, 0x43, 0x56, (byte) 0xFF, (byte) 0xFF,
            (byte) 0xFF, (byte) 0xFF, (byte) 0xFF, 1, 0, 0, 0, 0};
        ByteArrayOutputStream file = new ByteArrayOutputStream();
        file.writeBytes(oggPage(id.array(), 7, 2, 0));
        file.writeBytes(oggPage(comments, 7, 0, 1));
        file.writeBytes(oggPage(setup, 7, 0, 2));
        Path hostile = Files.write(dir.resolve("bomb.ogg"), file.toByteArray());
        assertTrue(AudioFixtures.decodeError(hostile).contains("refused Ogg Vorbis: codebooks declaring 16777215 entries"));
    }

    /** One Ogg page holding one packet, with a valid checksum. */
    private static byte[] oggPage(byte[] packet, int serial, int headerType, int pageNo) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteBuffer h = ByteBuffer.allocate(27).order(ByteOrder.LITTLE_ENDIAN);
        h.put("OggS".getBytes(StandardCharsets.US_ASCII)).put((byte) 0).put((byte) headerType).putLong(0)
                .putInt(serial).putInt(pageNo).putInt(0).put((byte) 1);
        out.writeBytes(h.array());
        out.write(packet.length);
        out.writeBytes(packet);
        byte[] page = out.toByteArray();
        int crc = oggCrc(page);
        ByteBuffer.wrap(page).order(ByteOrder.LITTLE_ENDIAN).putInt(22, crc);
        return page;
    }

    /** Ogg's CRC-32: polynomial 0x04c11db7, no reflection, initial value 0. */
    private static int oggCrc(byte[] bytes) {
        int crc = 0;
        for (byte b : bytes) {
            crc ^= (b & 0xFF) << 24;
            for (int k = 0; k < 8; k++) {
                crc = (crc & 0x80000000) != 0 ? (crc << 1) ^ 0x04c11db7 : crc << 1;
            }
        }
        return crc;
    }
}
