package org.clamp3.preprocess.audio;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.core.io.NpyArray;
import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.junit.jupiter.api.Test;

class SincResamplerTest {

    @Test
    void kernelsMatchTorchaudio() throws IOException {
        JsonNode resamplers = AudioFixtures.json("resample_kernels/resamplers.json");
        for (Iterator<Map.Entry<String, JsonNode>> it = resamplers.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode r = e.getValue();
            SincResampler s = new SincResampler(Integer.parseInt(e.getKey()), r.get("new_freq").asInt());
            assertEquals(r.get("reduced_orig").asInt(), s.reducedOrig(), e.getKey());
            assertEquals(r.get("reduced_new").asInt(), s.reducedNew(), e.getKey());
            assertEquals(r.get("width").asInt(), s.width(), e.getKey());
            NpyArray expected = AudioFixtures.npy(r.get("kernel_file").asText());
            float[][] dense = s.denseKernel();
            int cols = dense[0].length;
            assertEquals(expected.shape()[2], cols, e.getKey());
            float[] flat = new float[dense.length * cols];
            for (int j = 0; j < dense.length; j++) {
                System.arraycopy(dense[j], 0, flat, j * cols, cols);
            }
            double diff = AudioFixtures.maxAbsDiff(flat, expected.floats());
            assertTrue(diff <= 1e-7, e.getKey() + " Hz kernel differs by " + diff);
        }
    }

    @Test
    void resamplesLikeTorchaudio() {
        float[] mono = AudioDecoder.decode(AudioFixtures.ROOT.resolve("inputs/c01_chord_44k1_stereo_s16_3s.wav")).samples();
        float[] expected = AudioFixtures.npy("intermediates/c01_chord_44k1_stereo_s16_3s/resampled.npy").floats();
        float[] got = new SincResampler(44100, 24000).resample(mono);
        double diff = AudioFixtures.maxAbsDiff(got, expected);
        assertTrue(diff <= 1e-6, "max abs diff " + diff);
    }

    @Test
    void outputLengthIsCeilOfRatio() {
        SincResampler s = new SincResampler(44100, 24000);
        assertEquals(72000, s.outputLength(132300));
        assertEquals(1, s.outputLength(1));
        assertEquals(1, s.resample(new float[1]).length);
        assertEquals(0, s.resample(new float[0]).length);
    }

    @Test
    void coprimeRatesStayCompact() {
        // 44101 and 24000 share no factor: torchaudio's dense kernel would be 24000 x 44125 floats
        SincResampler s = new SincResampler(44101, 24000);
        float[] tone = new float[44101];
        for (int i = 0; i < tone.length; i++) {
            tone[i] = (float) Math.sin(2 * Math.PI * 440 * i / 44101.0);
        }
        float[] out = s.resample(tone);
        assertEquals(24000, out.length);
        for (int i = 1000; i < 23000; i += 997) {
            assertEquals(Math.sin(2 * Math.PI * 440 * i / 24000.0), out[i], 2e-3, "sample " + i);
        }
    }
}
