package org.clamp3.preprocess.midi;

import static org.clamp3.preprocess.midi.Smf.bytes;
import static org.clamp3.preprocess.midi.Smf.chunk;
import static org.clamp3.preprocess.midi.Smf.file;
import static org.clamp3.preprocess.midi.Smf.mtf;
import static org.clamp3.preprocess.midi.Smf.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.Random;

import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Broken and hostile MIDI files: each one either converts as mido would or fails with a clear
 * MidiFormatException (InvalidInputException naming the file through the Path API), quickly and
 * without any other exception.
 */
class MidiHostileInputTest {

    @TempDir
    Path dir;

    private static String fails(byte[] midi) {
        MidiFormatException e = assertThrows(MidiFormatException.class, () -> mtf(midi, true));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.getMessage();
    }

    @Test
    void notAMidiFile() {
        assertTrue(fails(bytes()).contains("not a MIDI file"));
        assertTrue(fails("MThx\0\0\0\6\0\0\0\0\0\0".getBytes()).contains("MThd not found"));
        assertTrue(fails("RIFF0000RMIDdata....".getBytes()).contains("MThd not found"));
    }

    @Test
    void truncatedOrShortHeader() {
        assertTrue(fails(chunk("MThd", 6, bytes(0, 1, 0))).contains("header chunk too short"));
        // a header length below 6 is an error even when more bytes follow (mido reads only that many)
        assertTrue(fails(Arrays.copyOf(chunk("MThd", 4, bytes(0, 1, 0, 0, 1, 0xe0)), 14)).contains("header chunk too short"));
    }

    @Test
    void badChunkLengths() {
        // track length past the end of the file
        assertTrue(fails(file(0, 480, chunk("MTrk", 0xffffffffL, bytes(0x00, 0x90, 0x3c, 0x40)))).contains("end of file"));
        // track length ending inside a message
        assertTrue(fails(file(0, 480, chunk("MTrk", 2, bytes(0x00, 0x90, 0x3c, 0x40)))).contains("runs past the end of the track"));
        // more tracks announced than present
        byte[] t = track(0x00, 0x90, 0x3c, 0x40);
        byte[] midi = file(1, 480, t, t);
        assertTrue(fails(Arrays.copyOf(midi, midi.length - t.length)).contains("more tracks"));
        // an unknown chunk where a track should be (mido does not skip it)
        assertTrue(fails(file(1, 480, chunk("XFIH", 2, bytes(1, 2)))).contains("no MTrk header"));
    }

    @Test
    void runningStatusWithoutStatusByte() {
        assertTrue(fails(file(0, 480, track(0x00, 0x3c, 0x40))).contains("running status without last_status"));
        // a meta message does not set running status
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x2f, 0x00, 0x00, 0x3c, 0x40))).contains("running status"));
    }

    @Test
    void metaAndSysexLengthsPastTheEnd() {
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x01, 0x7f, 'a', 'b'))).contains("end of the file"));
        assertTrue(fails(file(0, 480, track(0x00, 0xf0, 0x10, 0x01))).contains("end of the file"));
        // longer than mido's MAX_MESSAGE_LENGTH: refused before reading
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x01, 0x8f, 0xff, 0xff, 0x7f))).contains("exceeds maximum length 1000000"));
    }

    @Test
    void truncatedVariableLengthNumber() {
        assertTrue(fails(file(0, 480, track(0x81, 0x82, 0x83, 0x84, 0x85))).contains("end of file"));
    }

    @Test
    void dataBytesAbove127AreRefusedLikeMido() {
        assertTrue(fails(file(0, 480, track(0x00, 0x90, 0x3c, 0x80))).contains("0..127"));
        assertTrue(fails(file(0, 480, track(0x00, 0xf0, 0x03, 0x01, 0x90, 0xf7))).contains("0..127"));
    }

    @Test
    void undecodableMessagesFailAsInMido() {
        assertTrue(fails(file(0, 480, track(0x00, 0xf4))).contains("undefined status byte 0xf4"));
        assertTrue(fails(file(0, 480, track(0x00, 0xf8, 0x00, 0x05))).contains("wrong number of bytes for clock"));
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x59, 0x02, 0x09, 0x00))).contains("Could not decode key with 9 sharps"));
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x51, 0x02, 0x07, 0xa1))).contains("set_tempo meta message too short"));
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x54, 0x05, 0x80, 0, 0, 0, 0))).contains("frame rate"));
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x54, 0x05, 0x00, 60, 0, 0, 0))).contains("0..59"));
        // Python's math.log(2**29, 2) is not exactly 29, so mido refuses this denominator
        assertTrue(fails(file(0, 480, track(0x00, 0xff, 0x58, 0x04, 4, 29, 24, 8))).contains("power of 2"));
    }

    @Test
    void type2FilesHaveNoMergedTrackInMido() {
        assertTrue(fails(file(2, 480, track(0x00, 0x90, 0x3c, 0x40))).contains("type 2"));
    }

    @Test
    void tooManyMessages() {
        byte[] midi = file(0, 480, track(0x00, 0x90, 0x3c, 0x40, 0x00, 0x3c, 0x00, 0x00, 0x3c, 0x40));
        MidiFormatException e = assertThrows(MidiFormatException.class, () -> MidiFileReader.read(midi, 2));
        assertTrue(e.getMessage().contains("more than 2 messages"));
    }

    @Test
    void aMillionMessagesConvertInAFewSeconds() {
        int n = 1_000_000;
        ByteArrayOutputStream ev = new ByteArrayOutputStream(3 * n + 8);
        ev.writeBytes(bytes(0x00, 0x90, 0x3c, 0x40));
        for (int i = 1; i < n; i++) {
            ev.write(1);
            ev.write(0x3c + i % 20);
            ev.write(i * 7 % 128);
        }
        ev.writeBytes(bytes(0x00, 0xff, 0x2f, 0x00));
        byte[] body = ev.toByteArray();
        byte[] midi = file(1, 480, chunk("MTrk", body.length, body));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
            byte[] mtf = MidiToMtf.convert(midi, true);
            int lines = 1;
            for (byte b : mtf) {
                if (b == '\n') {
                    lines++;
                }
            }
            assertEquals(n + 2, lines);
            byte[] back = MtfToMidi.convert(mtf);
            assertTrue(Arrays.equals(midi, back), "MTF -> MIDI gives the generated file back");
        });
    }

    @Test
    void everyTruncationOfARealFileFailsCleanly() throws IOException {
        byte[] real = Files.readAllBytes(MidiManifestTest.DATA.resolve("abcmidi_temperament_mid/input.mid"));
        for (int len = 0; len < real.length; len++) {
            byte[] cut = Arrays.copyOf(real, len);
            try {
                mtf(cut, true);
            } catch (MidiFormatException expected) {
                // fine
            }
        }
    }

    @Test
    void randomCorruptionNeverThrowsAnythingElse() throws IOException {
        Random rnd = new Random(4);
        for (String c : new String[] {"midifilets_song", "aijam_fur_elise", "midiconvert_funk_kit"}) {
            byte[] real = Files.readAllBytes(MidiManifestTest.DATA.resolve(c + "/input.mid"));
            for (int round = 0; round < 300; round++) {
                byte[] bad = real.clone();
                for (int k = rnd.nextInt(4) + 1; k > 0; k--) {
                    bad[rnd.nextInt(bad.length)] = (byte) rnd.nextInt(256);
                }
                try {
                    mtf(bad, round % 2 == 0);
                } catch (MidiFormatException expected) {
                    // fine
                }
            }
        }
    }

    @Test
    void thePathApiNamesTheFile() throws IOException {
        Path bad = dir.resolve("broken song.mid");
        Files.write(bad, file(0, 480, track(0x00, 0x3c, 0x40)));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MidiToMtf.convert(bad, true));
        assertTrue(e.getMessage().startsWith(bad.toString() + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("running status"), e.getMessage());
        assertEquals(bad, e.file());
        InvalidInputException missing = assertThrows(InvalidInputException.class, () -> MidiToMtf.convert(dir.resolve("nope.mid"), true));
        assertTrue(missing.getMessage().contains("nope.mid"));
    }
}
