package org.clamp3.preprocess.midi;

import static org.clamp3.preprocess.midi.Smf.file;
import static org.clamp3.preprocess.midi.Smf.mtf;
import static org.clamp3.preprocess.midi.Smf.track;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** mido's reading, merging and printing rules, one at a time (expected lines checked against mido 1.3). */
class MidiToMtfTest {

    @Test
    void channelMessagesHaveTimeFirstAndMetasTimeLast() {
        byte[] midi = file(1, 480,
                track(0x00, 0xff, 0x51, 0x03, 0x07, 0xa1, 0x20,
                        0x00, 0xff, 0x58, 0x04, 0x06, 0x03, 0x18, 0x08,
                        0x00, 0xff, 0x59, 0x02, 0xfe, 0x01,
                        0x00, 0xff, 0x2f, 0x00),
                track(0x00, 0xc2, 0x05,
                        0x10, 0x92, 0x3c, 0x40,
                        0x10, 0x3c, 0x00, // running status, velocity 0 stays note_on
                        0x00, 0xe2, 0x00, 0x40,
                        0x00, 0xb2, 0x07, 0x64,
                        0x00, 0xd2, 0x11,
                        0x00, 0xa2, 0x3c, 0x22,
                        0x00, 0x82, 0x3c, 0x00,
                        0x00, 0xff, 0x2f, 0x00));
        assertEquals(String.join("\n",
                "ticks_per_beat 480",
                "set_tempo 500000 0",
                "time_signature 6 8 24 8 0",
                "key_signature Gm 0",
                "program_change 0 2 5",
                "note_on 16 2 60 64",
                "note_on 16 2 60 0",
                "pitchwheel 0 2 0",
                "control_change 0 2 7 100",
                "aftertouch 0 2 17",
                "polytouch 0 2 60 34",
                "note_off 0 2 60 0",
                "end_of_track 0"), mtf(midi, true));
    }

    @Test
    void mergeIsAStableSortByAbsoluteTimeAndEndOfTrackDeltasMoveOn() {
        byte[] midi = file(1, 96,
                track(0x0a, 0x90, 0x01, 0x01, 0x0a, 0x90, 0x02, 0x02, 0x05, 0xff, 0x2f, 0x00),
                track(0x0a, 0x91, 0x03, 0x03, 0x14, 0xff, 0x2f, 0x00));
        assertEquals(String.join("\n",
                "ticks_per_beat 96",
                "note_on 10 0 1 1",
                "note_on 0 1 3 3",
                "note_on 10 0 2 2",
                "end_of_track 10"), mtf(midi, true));
    }

    @Test
    void m3DropsTextMetasAfterMergingSoTheirDeltaIsLost() {
        byte[] midi = file(0, 480, track(
                0x00, 0xff, 0x03, 0x00, // empty track name
                0x64, 0xff, 0x01, 0x04, 'F', 0xfc, 'r', '\\', // text at +100 with latin-1 and a backslash
                0x0a, 0x90, 0x3c, 0x40,
                0x00, 0xff, 0x2f, 0x00));
        assertEquals("ticks_per_beat 480\ntrack_name  0\ntext F\\xfcr\\\\ 100\nnote_on 10 0 60 64\nend_of_track 0", mtf(midi, false));
        assertEquals("ticks_per_beat 480\nnote_on 10 0 60 64\nend_of_track 0", mtf(midi, true));
    }

    @Test
    void textIsEscapedLikeUnicodeEscape() {
        byte[] midi = file(0, 1, track(0x00, 0xff, 0x06, 0x0a, '"', '\'', 0x09, 0x0a, 0x0d, 0x00, 0x7f, 0xa9, 0x20, 0x7e));
        assertEquals("ticks_per_beat 1\nmarker \"'\\t\\n\\r\\x00\\x7f\\xa9 ~ 0\nend_of_track 0", mtf(midi, false));
    }

    @Test
    void sysexIsAListAndSequencerSpecificATuple() {
        byte[] midi = file(0, 480, track(
                0x00, 0xf0, 0x04, 0x41, 0x10, 0x42, 0xf7,
                0x00, 0xf0, 0x01, 0xf7, // empty
                0x00, 0xff, 0x7f, 0x03, 0x00, 0x00, 0xc1,
                0x00, 0xff, 0x7f, 0x01, 0x05,
                0x00, 0xff, 0x7f, 0x00));
        assertEquals(String.join("\n", "ticks_per_beat 480", "sysex 0 [65, 16, 66]", "sysex 0 []",
                "sequencer_specific (0, 0, 193) 0", "sequencer_specific (5,) 0", "sequencer_specific () 0",
                "end_of_track 0"), mtf(midi, true));
    }

    @Test
    void aSysexSetsRunningStatusAndADataByteAfterItStartsAnotherSysex() {
        // mido's quirk: the data byte 0x05 is taken for a status byte (0xf0) and swallowed
        byte[] midi = file(0, 480, track(0x00, 0xf0, 0x02, 0x01, 0xf7, 0x00, 0x05, 0x02, 0x03, 0xf7));
        assertEquals("ticks_per_beat 480\nsysex 0 [1]\nsysex 0 [3]\nend_of_track 0", mtf(midi, true));
    }

    @Test
    void otherMetasAndTheirFormats() {
        byte[] midi = file(1, 0xe728 /* SMPTE division, negative */, track(
                0x00, 0xff, 0x54, 0x05, 0x41, 0x02, 0x03, 0x04, 0x05, // 29.97 fps, 1 h
                0x00, 0xff, 0x21, 0x01, 0x07,
                0x00, 0xff, 0x21, 0x00,
                0x00, 0xff, 0x20, 0x01, 0x09,
                0x00, 0xff, 0x00, 0x02, 0x01, 0x02,
                0x00, 0xff, 0x00, 0x00,
                0x00, 0xff, 0x58, 0x04, 0x03, 0x40, 0x18, 0x08, // denominator 2**64
                0x07, 0xff, 0x60, 0x02, 0x01, 0x02)); // unknown meta: mido drops its delta
        assertEquals(String.join("\n", "ticks_per_beat -6360",
                "smpte_offset 29.97 1 2 3 4 5 0",
                "midi_port 7 0",
                "midi_port 0 0",
                "channel_prefix 9 0",
                "sequence_number 258 0",
                "sequence_number 0 0",
                "time_signature 3 18446744073709551616 24 8 0",
                "unknown_meta 96 (1, 2) 0",
                "end_of_track 0"), mtf(midi, true));
    }

    @Test
    void systemMessagesAndFormatQuirks() {
        byte[] midi = file(3, 480, track(0x00, 0xf2, 0x01, 0x02, 0x00, 0xf1, 0x35, 0x00, 0xf3, 0x07, 0x00, 0xf8, 0x00, 0xfe),
                track()); // an empty track is fine
        assertEquals("ticks_per_beat 480\nsongpos 0 257\nquarter_frame 0 3 5\nsong_select 0 7\nclock 0\nactive_sensing 0\nend_of_track 0",
                mtf(midi, true));
    }

    @Test
    void noTracksGiveOnlyEndOfTrack() {
        assertEquals("ticks_per_beat 480\nend_of_track 0", mtf(file(1, 480), true));
    }

    @Test
    void aVariableLengthNumberLongerThanFourBytesIsReadAsMidoDoes() {
        byte[] midi = file(0, 480, track(0x80, 0x80, 0x80, 0x80, 0x80, 0x01, 0x90, 0x3c, 0x40));
        assertEquals("ticks_per_beat 480\nnote_on 1 0 60 64\nend_of_track 0", mtf(midi, true));
        byte[] huge = file(0, 480, track(0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x7f, 0x90, 0x3c, 0x40));
        MidiFormatException e = assertThrows(MidiFormatException.class, () -> mtf(huge, true));
        assertTrue(e.getMessage().contains("too large"), e.getMessage());
    }

    @Test
    void headerExtraBytesAreSkippedAndTrailingDataIgnored() {
        byte[] header = Smf.chunk("MThd", 8, Smf.bytes(0, 0, 0, 1, 0x01, 0xe0, 0xaa, 0xbb));
        byte[] t = track(0x00, 0x90, 0x3c, 0x40);
        byte[] midi = new byte[header.length + t.length + 3];
        System.arraycopy(header, 0, midi, 0, header.length);
        System.arraycopy(t, 0, midi, header.length, t.length);
        midi[midi.length - 1] = 0x55;
        assertEquals("ticks_per_beat 480\nnote_on 0 0 60 64\nend_of_track 0", mtf(midi, true));
    }
}
