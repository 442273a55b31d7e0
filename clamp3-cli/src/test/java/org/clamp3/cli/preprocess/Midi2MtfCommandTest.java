package org.clamp3.cli.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clamp3 preprocess midi2mtf}: mirrored tree, m3 by default, --keep-meta, bad files reported and skipped. */
class Midi2MtfCommandTest {

    @TempDir
    Path dir;
    Path in;
    Path out;
    Path errors;

    @BeforeEach
    void tree() throws IOException {
        in = dir.resolve("midi");
        out = dir.resolve("mtf");
        errors = dir.resolve("errors.jsonl");
        Files.createDirectories(in.resolve("sub"));
        Files.copy(MidiCli.DATA.resolve("midifilets_song/input.mid"), in.resolve("song.mid"));
        Files.copy(MidiCli.DATA.resolve("midiconvert_funk_kit/input.mid"), in.resolve("sub/funk.MIDI"));
        Files.writeString(in.resolve("notes.txt"), "not a midi file, and not taken");
    }

    @Test
    void convertsATreeM3CompatibleByDefault() throws IOException {
        MidiCli r = MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString(), "--errors", errors.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(Files.readAllBytes(MidiCli.DATA.resolve("midifilets_song/mtf_m3.mtf")), Files.readAllBytes(out.resolve("song.mtf")));
        assertArrayEquals(Files.readAllBytes(MidiCli.DATA.resolve("midiconvert_funk_kit/mtf_m3.mtf")), Files.readAllBytes(out.resolve("sub/funk.mtf")));
        assertFalse(Files.exists(out.resolve("notes.mtf")));
        assertFalse(Files.exists(errors));
        // the alias the original's scripts use is accepted and changes nothing
        Path out2 = dir.resolve("mtf2");
        assertEquals(0, MidiCli.run("preprocess", "midi2mtf", in.toString(), out2.toString(), "--m3_compatible").exitCode());
        assertArrayEquals(Files.readAllBytes(out.resolve("song.mtf")), Files.readAllBytes(out2.resolve("song.mtf")));
    }

    @Test
    void keepMetaGivesTheOriginalWithoutM3Compatible() throws IOException {
        Path single = in.resolve("song.mid");
        MidiCli r = MidiCli.run("preprocess", "midi2mtf", single.toString(), out.toString(), "--keep-meta");
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(Files.readAllBytes(MidiCli.DATA.resolve("midifilets_song/mtf_raw.mtf")), Files.readAllBytes(out.resolve("song.mtf")));
    }

    @Test
    void aFileMidoCannotReadIsReportedAndGetsNoOutput() throws IOException {
        // like the original: the error goes to the report, the file gets no output, the others are converted
        byte[] good = Files.readAllBytes(in.resolve("song.mid"));
        Files.write(in.resolve("truncated.mid"), java.util.Arrays.copyOf(good, 200));
        Files.write(in.resolve("garbage.mid"), "hello, world".getBytes());
        MidiCli r = MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString(), "--errors", errors.toString(), "--threads", "2");
        assertEquals(1, r.exitCode(), r.toString());
        List<String> lines = r.errorLines();
        assertEquals(2, lines.size(), r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("truncated.mid") && l.contains("end of file")), r.toString());
        assertTrue(lines.stream().anyMatch(l -> l.contains("garbage.mid") && l.contains("MThd not found")), r.toString());
        assertFalse(r.err().contains("Exception"), r.toString());
        assertFalse(Files.exists(out.resolve("truncated.mtf")));
        assertFalse(Files.exists(out.resolve("garbage.mtf")));
        assertTrue(Files.exists(out.resolve("song.mtf")));
        assertTrue(Files.readString(errors).contains("garbage.mid"));
        try (var s = Files.list(out)) {
            assertTrue(s.noneMatch(p -> p.getFileName().toString().endsWith(".tmp")), "no half-written files");
        }
    }

    @Test
    void completeOutputsAreSkippedUnknownOnesRedone() throws IOException {
        MidiCli first = MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString());
        assertEquals(0, first.exitCode(), first.toString());
        String song = Files.readString(out.resolve("song.mtf"));
        MidiCli again = MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString());
        assertTrue(again.out().contains("2 skipped"), again.toString());
        // a text file this tool did not record as written (another tool's, or cut short) is redone
        Files.writeString(out.resolve("song.mtf"), "keep me");
        MidiCli third = MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString());
        assertEquals(0, third.exitCode(), third.toString());
        assertEquals(song, Files.readString(out.resolve("song.mtf")));
        assertTrue(third.out().contains("1 written") && third.out().contains("1 skipped"), third.toString());
    }

    @Test
    void usageErrors() {
        assertEquals(2, MidiCli.run("preprocess", "midi2mtf", in.toString(), out.toString(), "--keep-meta", "--m3-compatible").exitCode());
        MidiCli none = MidiCli.run("preprocess", "midi2mtf", dir.resolve("nowhere").toString(), out.toString());
        assertEquals(1, none.exitCode(), none.toString());
        assertTrue(none.err().contains("nowhere"), none.toString());
        MidiCli help = MidiCli.run("preprocess", "midi2mtf", "--help");
        assertEquals(0, help.exitCode());
        assertTrue(help.out().contains("--keep-meta"));
    }
}
