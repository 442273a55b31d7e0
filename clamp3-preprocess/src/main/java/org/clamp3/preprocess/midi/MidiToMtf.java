package org.clamp3.preprocess.midi;

import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.py.PyCodecs;

/**
 * MIDI → MTF, as the original's {@code batch_midi2mtf.py::load_midi} with mido 1.3: the line
 * {@code ticks_per_beat N}, then one line per message of mido's merged track, lines joined by
 * {@code \n} without a trailing one. A line is the values of {@code msg.dict()} (type first)
 * through Python's {@code str()}, joined by spaces, {@code unicode_escape}d.
 *
 * <p>{@code m3Compatible} (the original's {@code --m3_compatible}, needed for CLaMP 3) drops the
 * text-like metas after merging, so their delta times are lost.
 */
public final class MidiToMtf {
    private MidiToMtf() {}

    /** Largest MIDI file converted (larger ones are refused without reading them). */
    public static final long MAX_FILE_BYTES = MidiFileReader.MAX_FILE_BYTES;

    private static final String[] FRAME_RATES = {"24", "25", "29.97", "30"};

    /** Converts a MIDI file; problems come as an InvalidInputException naming it. */
    public static byte[] convert(Path file, boolean m3Compatible) {
        MidiFile midi = MidiFileReader.read(file);
        try {
            return toMtf(midi, m3Compatible).getBytes(StandardCharsets.US_ASCII);
        } catch (MidiFormatException e) {
            throw MidiFileReader.unreadable(file, e);
        }
    }

    /** Converts the bytes of a MIDI file to MTF text (ASCII). */
    public static byte[] convert(byte[] midi, boolean m3Compatible) {
        return toMtf(MidiFileReader.read(midi), m3Compatible).getBytes(StandardCharsets.US_ASCII);
    }

    /** The MTF text of a parsed file. */
    public static String toMtf(MidiFile file, boolean m3Compatible) {
        if (file.format() == 2) {
            throw new MidiFormatException("type 2 (asynchronous) file: mido has no merged track for it, so the original writes no MTF");
        }
        List<MidiMessage> merged = TrackMerger.merge(file.tracks());
        StringBuilder sb = new StringBuilder(16 + merged.size() * 20);
        sb.append("ticks_per_beat ").append(file.ticksPerBeat());
        for (MidiMessage m : merged) {
            if (m3Compatible && m.type.isText()) {
                continue;
            }
            sb.append('\n');
            appendLine(sb, m);
        }
        return sb.toString();
    }

    /**
     * One message as the original writes it. (The original also strips the line; that never
     * changes anything, as a line starts with the type and ends with a number or ']'.)
     */
    static void appendLine(StringBuilder sb, MidiMessage m) {
        MessageType t = m.type;
        sb.append(t.mtfName());
        switch (t.kind()) {
            case CHANNEL -> {
                sb.append(' ').append(m.time).append(' ').append(m.a).append(' ').append(m.b);
                if (t.fields().size() == 3) {
                    sb.append(' ').append(m.c);
                }
            }
            case SYSEX -> {
                sb.append(' ').append(m.time).append(' ');
                appendSequence(sb, (byte[]) m.extra, false, 0x7f);
            }
            case SYSTEM -> {
                sb.append(' ').append(m.time);
                if (t == MessageType.QUARTER_FRAME) {
                    sb.append(' ').append(m.a).append(' ').append(m.b);
                } else if (t == MessageType.SONGPOS || t == MessageType.SONG_SELECT) {
                    sb.append(' ').append(m.a);
                }
            }
            case TEXT_META -> {
                sb.append(' ');
                sb.append(PyCodecs.unicodeEscapeEncode(new String((byte[]) m.extra, StandardCharsets.ISO_8859_1)));
                sb.append(' ').append(m.time);
            }
            case UNKNOWN_META -> {
                sb.append(' ').append(m.a).append(' ');
                appendSequence(sb, (byte[]) m.extra, true, 0xff);
                sb.append(' ').append(m.time);
            }
            case META -> {
                switch (t) {
                    case SEQUENCE_NUMBER, CHANNEL_PREFIX, MIDI_PORT, SET_TEMPO -> sb.append(' ').append(m.a);
                    case SMPTE_OFFSET -> {
                        int[] v = (int[]) m.extra;
                        sb.append(' ').append(FRAME_RATES[v[0]]);
                        for (int i = 1; i < 6; i++) {
                            sb.append(' ').append(v[i]);
                        }
                    }
                    case TIME_SIGNATURE -> {
                        int[] v = (int[]) m.extra;
                        sb.append(' ').append(v[0]).append(' ');
                        if (v[1] < 62) {
                            sb.append(1L << v[1]);
                        } else {
                            sb.append(BigInteger.ONE.shiftLeft(v[1]));
                        }
                        sb.append(' ').append(v[2]).append(' ').append(v[3]);
                    }
                    case KEY_SIGNATURE -> sb.append(' ').append((String) m.extra);
                    case SEQUENCER_SPECIFIC -> {
                        sb.append(' ');
                        appendSequence(sb, (byte[]) m.extra, true, 0xff);
                    }
                    default -> { }
                }
                sb.append(' ').append(m.time);
            }
            default -> throw new IllegalStateException(t.toString());
        }
    }

    /** Python's str() of a list ({@code [1, 2]}) or tuple ({@code (1, 2)}, {@code (1,)}, {@code ()}). */
    private static void appendSequence(StringBuilder sb, byte[] data, boolean tuple, int mask) {
        sb.append(tuple ? '(' : '[');
        for (int i = 0; i < data.length; i++) {
            if (i > 0) {
                sb.append(", ");
            }
            sb.append(data[i] & mask);
        }
        if (tuple && data.length == 1) {
            sb.append(',');
        }
        sb.append(tuple ? ')' : ']');
    }
}
