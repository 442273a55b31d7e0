package org.clamp3.preprocess.midi;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import javax.sound.midi.MidiSystem;
import javax.sound.midi.Sequence;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * Every midi2mtf / mtf2midi / roundtrip entry of the symbolic fixtures reproduces the original byte
 * for byte; MIDI → MTF → MIDI → MTF is stable; the MIDI written opens in javax.sound.midi.
 */
class MidiManifestTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"), "symbolic");

    static List<JsonNode> entries() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(DATA.resolve("MANIFEST-midi.json").toFile());
        List<JsonNode> out = new ArrayList<>();
        manifest.get("entries").forEach(out::add);
        return out;
    }

    static Stream<Arguments> cases() throws IOException {
        return entries().stream().map(e -> Arguments.of(
                e.get("case").asText() + " " + e.get("step").asText() + " " + e.get("input").asText()
                        + (e.get("flags").asText().isEmpty() ? "" : " " + e.get("flags").asText()), e));
    }

    @Test
    void theManifestHasEveryStepOfEveryMidiCase() throws IOException {
        List<JsonNode> all = entries();
        assertTrue(all.size() >= 84, "entries: " + all.size());
        for (String step : List.of("midi2mtf", "mtf2midi", "roundtrip")) {
            assertTrue(all.stream().filter(e -> e.get("step").asText().equals(step)).count() >= 28, step);
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheOriginal(String name, JsonNode entry) throws Exception {
        Path input = DATA.resolve(entry.get("input").asText());
        byte[] expected = Files.readAllBytes(DATA.resolve(entry.get("expected_output").asText()));
        boolean m3 = entry.get("flags").asText().contains("m3_compatible");
        switch (entry.get("step").asText()) {
            case "midi2mtf", "roundtrip" -> {
                byte[] mtf = MidiToMtf.convert(input, m3);
                assertEquals(new String(expected, StandardCharsets.UTF_8), new String(mtf, StandardCharsets.UTF_8));
                assertArrayEquals(expected, mtf);
                if (entry.get("step").asText().equals("midi2mtf")) {
                    // MIDI -> MTF -> MIDI -> MTF is stable
                    byte[] again = MidiToMtf.convert(MtfToMidi.convert(mtf), m3);
                    assertArrayEquals(mtf, again);
                }
            }
            case "mtf2midi" -> {
                byte[] midi = MtfToMidi.convert(input);
                assertArrayEquals(expected, midi);
                Sequence seq = MidiSystem.getSequence(new ByteArrayInputStream(midi));
                assertEquals(1, seq.getTracks().length);
                assertTrue(seq.getTracks()[0].size() > 0);
                // and the MIDI converts back to the MTF it came from
                assertArrayEquals(Files.readAllBytes(input), MidiToMtf.convert(midi, input.getFileName().toString().contains("m3")));
            }
            default -> throw new AssertionError("unknown step " + entry);
        }
    }
}
