package org.clamp3.cli.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import javax.sound.midi.MidiSystem;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clamp3 preprocess mtf2midi}: byte-identical MIDI, readable by javax.sound.midi; bad MTF reported with its line. */
class Mtf2MidiCommandTest {

    @TempDir
    Path dir;

    @Test
    void convertsATreeAndTheOutputOpensInJavaxSound() throws Exception {
        Path in = dir.resolve("mtf");
        Path out = dir.resolve("midi");
        Files.createDirectories(in.resolve("a"));
        Files.copy(MidiCli.DATA.resolve("blupi_music004/mtf_m3.mtf"), in.resolve("a/blupi.mtf"));
        Files.copy(MidiCli.DATA.resolve("midifilets_song/mtf_raw.mtf"), in.resolve("song.mtf"));
        Files.writeString(in.resolve("broken.mtf"), "ticks_per_beat 480\nnote_on 0 0 60 64\nthis is not a message\n");
        Path errors = dir.resolve("errors.jsonl");
        MidiCli r = MidiCli.run("preprocess", "mtf2midi", in.toString(), out.toString(), "--errors", errors.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertArrayEquals(Files.readAllBytes(MidiCli.DATA.resolve("blupi_music004/roundtrip_from_m3.mid")), Files.readAllBytes(out.resolve("a/blupi.mid")));
        assertArrayEquals(Files.readAllBytes(MidiCli.DATA.resolve("midifilets_song/roundtrip_from_raw.mid")), Files.readAllBytes(out.resolve("song.mid")));
        assertTrue(MidiSystem.getSequence(out.resolve("song.mid").toFile()).getTracks().length == 1);
        assertEquals(1, r.errorLines().size(), r.toString());
        String line = r.errorLines().get(0);
        assertTrue(line.contains("broken.mtf") && line.contains("line 3"), line);
        assertFalse(Files.exists(out.resolve("broken.mid")));
        assertFalse(r.err().contains("Exception"), r.toString());
    }

    @Test
    void noMtfFiles() {
        MidiCli r = MidiCli.run("preprocess", "mtf2midi", dir.toString(), dir.resolve("out").toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(r.err().contains("no .mtf files"), r.toString());
    }
}
