package org.clamp3.preprocess.midi;

import static org.clamp3.preprocess.midi.Smf.file;
import static org.clamp3.preprocess.midi.Smf.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import javax.sound.midi.MidiSystem;

import org.junit.jupiter.api.Test;

/** {@link MidiFile#lengthSeconds()} is mido's {@code MidiFile.length}. */
class MidiFileLengthTest {
    private static final Path DATA = MidiManifestTest.DATA;

    /** mido 1.3's {@code sum(msg.time for msg in midi)}, literally: over the merged track, tempo after each message. */
    private static double midoLength(MidiFile f) {
        double total = 0;
        long tempo = 500_000;
        for (MidiMessage m : TrackMerger.merge(f.tracks())) {
            if (m.time > 0) {
                total += m.time * (tempo * 1e-6 / f.ticksPerBeat());
            }
            if (m.type == MessageType.SET_TEMPO) {
                tempo = m.a;
            }
        }
        return total;
    }

    @Test
    void everyFixtureHasMidosLengthAndJavaSoundsWithinAMillisecond() throws Exception {
        List<Path> inputs;
        try (Stream<Path> s = Files.list(DATA)) {
            inputs = s.map(d -> d.resolve("input.mid")).filter(Files::isRegularFile).sorted().toList();
        }
        assertTrue(inputs.size() >= 10, inputs.toString());
        for (Path p : inputs) {
            MidiFile f = MidiFileReader.read(p);
            double length = f.lengthSeconds();
            assertEquals(midoLength(f), length, 1e-9, p.toString());
            double javaSound = MidiSystem.getSequence(p.toFile()).getMicrosecondLength() / 1e6;
            assertEquals(javaSound, length, 1e-3, p.toString());
        }
    }

    @Test
    void tempoChangesInAnyTrackCountFromWhereTheyAreInTheMergedTrack() {
        // 480 ticks per beat; track 0: 480 ticks at 120 bpm, then a tempo of 1 s per beat; track 1: a note lasting 960 ticks
        byte[] midi = file(1, 480,
                track(0x83, 0x60, 0xff, 0x51, 0x03, 0x0f, 0x42, 0x40, 0x00, 0xff, 0x2f, 0x00),
                track(0x00, 0x90, 0x3c, 0x40, 0x87, 0x40, 0x80, 0x3c, 0x40, 0x00, 0xff, 0x2f, 0x00));
        MidiFile f = MidiFileReader.read(midi);
        assertEquals(0.5 + 1.0, f.lengthSeconds(), 1e-12);
        assertEquals(midoLength(f), f.lengthSeconds(), 0);
    }

    @Test
    void anEndOfTrackLaterThanEveryMessageCounts() {
        byte[] midi = file(0, 96, track(0x00, 0x90, 0x3c, 0x40, 0x60, 0x80, 0x3c, 0x40, 0x81, 0x40, 0xff, 0x2f, 0x00));
        assertEquals(0.5 + 1.0, MidiFileReader.read(midi).lengthSeconds(), 1e-12); // 96 + 192 ticks at 120 bpm
    }

    @Test
    void typeTwoAndSmpteFilesHaveNoLength() {
        byte[] eot = track(0x00, 0xff, 0x2f, 0x00);
        assertThrows(MidiFormatException.class, () -> MidiFileReader.read(file(2, 96, eot)).lengthSeconds());
        assertThrows(MidiFormatException.class, () -> MidiFileReader.read(file(1, 0xe7_28, eot)).lengthSeconds());
        assertEquals(0.0, MidiFileReader.read(file(1, 96)).lengthSeconds());
    }

    @Test
    void thePathReaderNamesTheFileAndRefusesWhatIsNoMidi(@org.junit.jupiter.api.io.TempDir Path dir) throws IOException {
        Path bad = Files.write(dir.resolve("x.mid"), "MThd but not really".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
        var e = assertThrows(org.clamp3.core.io.InvalidInputException.class, () -> MidiFileReader.read(bad));
        assertTrue(e.getMessage().startsWith(bad + ": not a MIDI file mido can read"), e.getMessage());
    }
}
