package org.clamp3.preprocess.midi;

import static org.clamp3.preprocess.midi.Smf.mtf;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Random;

import javax.sound.midi.MidiSystem;

import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** MTF → MIDI: str_to_msg's parsing rules, mido's writing rules, and MTF files with garbage in them. */
class MtfToMidiTest {

    @TempDir
    Path dir;

    private static byte[] midi(String mtf) {
        return MtfToMidi.convert(mtf.getBytes(StandardCharsets.UTF_8));
    }

    /** MTF → MIDI → MTF (raw). */
    private static String back(String mtf) {
        return mtf(midi(mtf), false);
    }

    private static String fails(String mtf) {
        MidiFormatException e = assertThrows(MidiFormatException.class, () -> midi(mtf));
        assertTrue(e.getMessage() != null && !e.getMessage().isBlank());
        return e.getMessage();
    }

    @Test
    void writesOneTrackWithRunningStatusLikeMido() {
        byte[] out = midi("ticks_per_beat 96\nnote_on 0 0 60 64\nnote_on 10 0 60 0\nset_tempo 500000 0\nnote_on 0 0 62 64\ncontrol_change 0 0 7 100\nend_of_track 5");
        assertArrayEquals(Smf.bytes(
                'M', 'T', 'h', 'd', 0, 0, 0, 6, 0, 1, 0, 1, 0, 96,
                'M', 'T', 'r', 'k', 0, 0, 0, 26,
                0x00, 0x90, 60, 64,
                0x0a, 60, 0, // running status
                0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20, // meta resets it
                0x00, 0x90, 62, 64,
                0x00, 0xb0, 7, 100,
                0x05, 0xff, 0x2f, 0x00), out);
    }

    @Test
    void endOfTrackDeltasMoveToTheNextMessageAndOneEndOfTrackIsAppended() {
        assertEquals("ticks_per_beat 480\nnote_on 7 0 60 64\nend_of_track 0",
                back("ticks_per_beat 480\nend_of_track 3\nnote_on 4 0 60 64"));
        // a negative end_of_track delta is fine as long as the sum is not negative (mido adds first, checks after)
        assertEquals("ticks_per_beat 480\nnote_on 5 0 60 64\nend_of_track 0",
                back("ticks_per_beat 480\nend_of_track -5\nnote_on 10 0 60 64\nend_of_track 0"));
    }

    @Test
    void textFieldsAreUnicodeEscapeDecodedAndWrittenAsLatin1() {
        String line = "text F\\xfcr \\\\ \\t \\101\\u00e9\\N{DEGREE SIGN} \\q  x 12";
        assertEquals("ticks_per_beat 1\ntext F\\xfcr \\\\ \\t A\\xe9\\xb0 \\\\q  x 12\nend_of_track 0", back("ticks_per_beat 1\n" + line));
        // raw UTF-8 in the MTF ends up as its bytes (the original decodes the UTF-8 bytes as latin-1)
        assertEquals("ticks_per_beat 1\nlyrics \\xc3\\xbc 0\nend_of_track 0", back("ticks_per_beat 1\nlyrics ü 0"));
        assertEquals("ticks_per_beat 1\ntrack_name  0\nend_of_track 0", back("ticks_per_beat 1\ntrack_name  0"));
        assertTrue(fails("ticks_per_beat 1\ntext \\u0100 0").contains("latin-1"));
        assertTrue(fails("ticks_per_beat 1\ntext \\x4 0").contains("truncated"));
        assertTrue(fails("ticks_per_beat 1\ntext abc\\ 0").contains("end of string"));
    }

    @Test
    void numbersAreReadLikePythonFloatThenInt() {
        assertEquals("ticks_per_beat 480\nnote_on 100 1 60 64\nend_of_track 0", back("ticks_per_beat 480\nnote_on 1e2 1.0 6_0 +64"));
        assertTrue(fails("ticks_per_beat 480\nnote_on 0 0 60.5 64").contains("line 2"));
        assertTrue(fails("ticks_per_beat 480\nnote_on 1.5 0 60 64").contains("time"));
        assertTrue(fails("ticks_per_beat 480\nnote_on nan 0 60 64").contains("time"));
        assertTrue(fails("ticks_per_beat 480\nnote_on 0 16 60 64").contains("channel"));
        assertTrue(fails("ticks_per_beat 480\nnote_on -1 0 60 64").contains("non-negative"));
        assertTrue(fails("ticks_per_beat 480\npitchwheel 0 0 8192").contains("-8192..8191"));
    }

    @Test
    void positionalFieldsDefaultsAndExtras() {
        // only the type: mido's defaults; extra tokens are ignored
        assertEquals("ticks_per_beat 480\nnote_on 0 0 0 64\nset_tempo 500000 0\ntime_signature 4 4 24 8 0\nkey_signature C 0\ncontrol_change 0 0 1 2\nend_of_track 0",
                back("ticks_per_beat 480\nnote_on\nset_tempo\ntime_signature\nkey_signature\ncontrol_change 0 0 1 2 3 4"));
        assertTrue(fails("ticks_per_beat 480\nnote_on 0 0 60").contains("too few"));
    }

    @Test
    void bracketsListsAndTuples() {
        assertEquals("ticks_per_beat 480\nsysex 5 [1, 2, 3]\nsequencer_specific (0, 200) 0\nsysex 0 []\nend_of_track 0",
                back("ticks_per_beat 480\nsysex 5 [1, 2, 3]\nsequencer_specific (0, 200) 0\nsysex 0 "));
        // the original cannot read back an empty list or a one-element tuple
        assertTrue(fails("ticks_per_beat 480\nsysex 0 []").contains("int()"));
        assertTrue(fails("ticks_per_beat 480\nsequencer_specific (5,) 0").contains("int()"));
        assertTrue(fails("ticks_per_beat 480\nsysex 0 [1, 200]").contains("0..127"));
        assertTrue(fails("ticks_per_beat 480\nsysex 0 [1, 2").contains("']'"));
    }

    @Test
    void unknownMetaLinesAreSkippedAndRealtimeMessagesRefused() {
        assertEquals("ticks_per_beat 480\nnote_on 0 0 60 64\nend_of_track 0",
                back("ticks_per_beat 480\nunknown_meta 96 (1, 2) 0\nnote_on 0 0 60 64\nmarker unknown_meta 0"));
        assertTrue(fails("ticks_per_beat 480\nclock 0").contains("realtime"));
    }

    @Test
    void metaValuesAreCheckedLikeMido() {
        assertEquals("ticks_per_beat 480\nsmpte_offset 29.97 1 2 3 4 5 0\nkey_signature F#m 0\nend_of_track 0",
                back("ticks_per_beat 480\nsmpte_offset 29.97 1 2 3 4 5 0\nkey_signature F#m 0"));
        assertTrue(fails("ticks_per_beat 480\nsmpte_offset 31 1 2 3 4 5 0").contains("frame_rate"));
        assertTrue(fails("ticks_per_beat 480\nkey_signature H 0").contains("invalid key"));
        assertTrue(fails("ticks_per_beat 480\ntime_signature 4 3 24 8 0").contains("power of 2"));
        assertTrue(fails("ticks_per_beat 480\ntime_signature 4 536870912 24 8 0").contains("power of 2")); // 2**29, see MidiFileReader
        assertTrue(fails("ticks_per_beat 480\nset_tempo 16777216 0").contains("range"));
    }

    @Test
    void lineSplittingIsPythonsSplitlines() {
        assertEquals("ticks_per_beat 480\nnote_on 0 0 60 64\nnote_on 0 0 61 64\nend_of_track 0",
                back("ticks_per_beat 480\r\nnote_on 0 0 60 64\u2028note_on 0 0 61 64\n"));
        // an empty line in the middle is an unknown message type
        assertTrue(fails("ticks_per_beat 480\n\nnote_on 0 0 60 64").contains("line 2"));
    }

    @Test
    void badHeaderLines() {
        assertTrue(fails("").contains("empty"));
        assertTrue(fails("ticks_per_beat").contains("line 1"));
        assertTrue(fails("ticks_per_beat 480.0").contains("int()"));
        assertTrue(fails("ticks_per_beat 40000").contains("-32768..32767"));
        assertTrue(fails("ticks_per_beat 480\nnote_on 0 0 60 64 \u0000\nfoo 1 2").contains("line 3"));
        byte[] notUtf8 = {'t', 'i', 'c', 'k', (byte) 0xff, ' ', '1'};
        assertThrows(MidiFormatException.class, () -> MtfToMidi.convert(notUtf8));
    }

    @Test
    void garbageLinesNeverThrowAnythingElse() throws IOException {
        Random rnd = new Random(11);
        List<String> base = Files.readAllLines(MidiManifestTest.DATA.resolve("midifilets_song/mtf_raw.mtf"));
        String[] junk = {"", " ", "[", "(", "]", ")", "[1, 2]", "(1,)", "1e400", "-0", "nan", "inf", "\\", "\\x", "\\N{", "unknown_meta",
            "note_on", "text", "sysex", "0", "999999999999999999999", "٣", "\t", "é", "\uFFFF", ",", ", ", "29.97", "C", "[-5]"};
        for (int round = 0; round < 2000; round++) {
            StringBuilder sb = new StringBuilder(base.get(0));
            int lines = 1 + rnd.nextInt(6);
            for (int i = 0; i < lines; i++) {
                String[] tokens = base.get(1 + rnd.nextInt(base.size() - 1)).split(" ", -1);
                tokens[rnd.nextInt(tokens.length)] = junk[rnd.nextInt(junk.length)];
                if (rnd.nextBoolean()) {
                    tokens[rnd.nextInt(tokens.length)] = junk[rnd.nextInt(junk.length)];
                }
                sb.append('\n').append(String.join(" ", tokens));
            }
            try {
                byte[] out = midi(sb.toString());
                MidiSystem.getSequence(new ByteArrayInputStream(out));
            } catch (MidiFormatException expected) {
                // fine
            } catch (javax.sound.midi.InvalidMidiDataException e) {
                // javax refuses some things mido writes (e.g. a reset status 0xff); not ours to judge
            }
        }
    }

    @Test
    void aHugeGarbageFileIsRefusedQuickly() {
        String line = "x".repeat(1000);
        StringBuilder sb = new StringBuilder("ticks_per_beat 480");
        for (int i = 0; i < 20_000; i++) {
            sb.append('\n').append(line);
        }
        assertTimeoutPreemptively(Duration.ofSeconds(5), () -> fails(sb.toString()));
    }

    @Test
    void thePathApiNamesTheFile() throws IOException {
        Path bad = dir.resolve("bad.mtf");
        Files.writeString(bad, "ticks_per_beat 480\nnote_on 0 0 sixty 64");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MtfToMidi.convert(bad));
        assertTrue(e.getMessage().startsWith(bad + ": "), e.getMessage());
        assertTrue(e.getMessage().contains("line 2"), e.getMessage());
    }
}
