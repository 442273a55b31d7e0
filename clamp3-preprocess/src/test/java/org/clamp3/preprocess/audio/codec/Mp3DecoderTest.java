package org.clamp3.preprocess.audio.codec;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.clamp3.core.io.Npy;
import org.clamp3.preprocess.audio.AudioFixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** MP3 against torchaudio 0.13's libsox/libmad decodes (src-test-data/audio-mp3): lengths exact, samples to 5e-6. */
class Mp3DecoderTest {
    private static final Path ROOT = AudioFixtures.ROOT.resolveSibling("audio-mp3");

    @ParameterizedTest
    @ValueSource(strings = {"lsf_24000_stereo.mp3", "vbr_xing_44100_mono.mp3", "id3v2_tlen_44100_stereo.mp3",
        "id3v1_16000_mono.mp3", "vbr_noinfo_22050_stereo.mp3"})
    void decodesLikeLibsoxWithLibmad(String name) {
        float[] expected = Npy.read(ROOT.resolve(name + ".npy")).floats();
        float[] actual = AudioDecoder.decode(ROOT.resolve(name)).samples();
        assertEquals(expected.length, actual.length, "samples");
        // libmad synthesises in fixed point, JLayer in float
        assertTrue(AudioFixtures.maxAbsDiff(expected, actual) < 5e-6, name);
    }

    @Test
    void tlenIsReadLikeStrtoul() {
        assertEquals(2299, Id3v2Tag.strtoulPositive("2299"));
        assertEquals(2299, Id3v2Tag.strtoulPositive("  2299 ms"));
        assertEquals(0, Id3v2Tag.strtoulPositive("0"));
        assertEquals(0, Id3v2Tag.strtoulPositive("abc"));
        assertEquals(0, Id3v2Tag.strtoulPositive("-1"));
        assertEquals(Long.MAX_VALUE, Id3v2Tag.strtoulPositive("-5")); // a huge length: nothing is cut
        assertEquals(0, Id3v2Tag.strtoulPositive("99999999999999999999999"));
    }
}
