package org.clamp3.preprocess.audio.mert;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.io.NpyArray;
import org.clamp3.preprocess.audio.AudioFixtures;
import org.clamp3.preprocess.audio.WavWriter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 5 s windows and the 1 s rule are in seconds of the model's sample rate, not fixed at 24 kHz. */
class AudioWindowsTest {

    @Test
    void atMertsTwentyFourKilohertz() {
        assertEquals(List.of(new AudioWindows.Window(0, 120_000), new AudioWindows.Window(120_000, 24_000)),
                AudioWindows.of(144_000, 24_000));
        assertEquals(List.of(new AudioWindows.Window(0, 120_000)), AudioWindows.of(143_999, 24_000));
        assertTrue(AudioWindows.of(23_999, 24_000).isEmpty());
    }

    @Test
    void atSixteenKilohertz() {
        assertEquals(List.of(new AudioWindows.Window(0, 80_000), new AudioWindows.Window(80_000, 80_000),
                new AudioWindows.Window(160_000, 16_000)), AudioWindows.of(176_000, 16_000));
        assertEquals(List.of(new AudioWindows.Window(0, 80_000)), AudioWindows.of(95_999, 16_000));
        assertEquals(List.of(new AudioWindows.Window(0, 16_000)), AudioWindows.of(16_000, 16_000));
        assertTrue(AudioWindows.of(15_999, 16_000).isEmpty());
    }

    @Test
    void theExtractorCutsAtTheRateItsConfigSays(@TempDir Path dir) throws IOException {
        // the fixture MERT with "sample_rate": 16000: the same weights, windows of 80 000 samples
        Path model = Files.createDirectories(dir.resolve("mert16k"));
        String config = Files.readString(AudioFixtures.MODEL.resolve("config.json"));
        assertTrue(config.contains("\"sample_rate\": 24000"));
        Files.writeString(model.resolve("config.json"), config.replace("\"sample_rate\": 24000", "\"sample_rate\": 16000"));
        Files.copy(AudioFixtures.MODEL.resolve("model.safetensors"), model.resolve("model.safetensors"));
        Path wav = WavWriter.sine(dir.resolve("11s.wav"), 16_000, 1, 11 * 16_000);
        try (MertModel mert = MertModel.load(model)) {
            assertEquals(16_000, mert.config().sampleRate());
            MertFeatureExtractor extractor = new MertFeatureExtractor(mert, 1);
            // 5 s + 5 s + 1 s at 16 kHz (at 24 kHz the same samples would make 2 windows)
            assertArrayEquals(new int[] {1, 3, 64}, extractor.extract(wav, true).shape());
            // 1.2 s at 16 kHz is one window (at 24 kHz it would be under 1 s: no window)
            NpyArray short16k = extractor.features(wav, new float[19_200], true);
            assertArrayEquals(new int[] {1, 1, 64}, short16k.shape());
        }
    }
}
