package org.clamp3.preprocess.midi;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.py.PyCodecs;
import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyStr;

/**
 * MTF → MIDI, as the original's {@code batch_mtf2midi.py} with mido 1.3: the file is read as
 * UTF-8 and split with Python's {@code splitlines()}; line 1 gives ticks_per_beat (its second
 * space-separated token); every further line not containing {@code unknown_meta} becomes one
 * message of a single track, parsed like {@code str_to_msg}:
 * <ul>
 * <li>the type is the first space-separated token;</li>
 * <li>text-like metas: the text is everything between the first and the last space,
 *     {@code unicode_escape}-decoded; the last token is the time;</li>
 * <li>otherwise, if the line has {@code [} or {@code (}, the bracketed part is a list of integers
 *     separated by {@code ", "} and the other tokens are the non-empty pieces around it;</li>
 * <li>the tokens after the type are assigned by position to the fields in mido's order (extra ones
 *     ignored; a line with only the type keeps mido's defaults), numbers read as Python's
 *     {@code float()} and made int when whole, then checked as mido checks them.</li>
 * </ul>
 * Anything the original fails on fails here, with the line number.
 */
public final class MtfToMidi {
    private MtfToMidi() {}

    /** Largest MTF file converted. */
    public static final long MAX_FILE_BYTES = org.clamp3.core.io.InputLimits.TEXT;

    /** Converts an MTF file; problems come as an InvalidInputException naming it. */
    public static byte[] convert(Path file) {
        byte[] bytes = MidiFileReader.readFile(file, MAX_FILE_BYTES, "MTF");
        try {
            return convert(bytes);
        } catch (MidiFormatException e) {
            throw new InvalidInputException(file, "not a valid MTF file: " + e.getMessage(), e);
        }
    }

    /** Converts MTF bytes (UTF-8) to the bytes of a MIDI file. */
    public static byte[] convert(byte[] mtf) {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(mtf)).toString();
        } catch (CharacterCodingException e) {
            throw new MidiFormatException("not UTF-8 text");
        }
        List<String> lines = PyStr.splitLines(text);
        if (lines.isEmpty()) {
            throw new MidiFormatException("empty file (no ticks_per_beat line)");
        }
        List<String> head = PyStr.split(lines.get(0), " ");
        if (head.size() < 2) {
            throw new MidiFormatException("line 1: expected 'ticks_per_beat N'");
        }
        long tpb;
        try {
            tpb = PyInt.parseLong(head.get(1));
        } catch (PyError e) {
            throw new MidiFormatException("line 1: " + e.getMessage());
        }
        List<MidiMessage> track = new ArrayList<>(lines.size());
        for (int i = 1; i < lines.size(); i++) {
            String line = lines.get(i);
            if (line.contains("unknown_meta")) {
                continue;
            }
            try {
                track.add(parseLine(line));
            } catch (MidiFormatException | PyError e) {
                throw new MidiFormatException("line " + (i + 1) + ": " + e.getMessage() + " in '" + abbreviate(line) + "'");
            }
        }
        if (tpb < Short.MIN_VALUE || tpb > Short.MAX_VALUE) {
            throw new MidiFormatException("line 1: ticks_per_beat " + tpb + " does not fit a MIDI header (-32768..32767)");
        }
        return MidiFileWriter.write((int) tpb, track);
    }

    private static String abbreviate(String line) {
        return line.length() <= 80 ? line : line.substring(0, 77) + "...";
    }

    /** A bracketed list of ints (sysex: list, sequencer_specific: tuple). */
    private record IntList(long[] values) {}

    /**
     * One MTF line → the message the original would build (time may be negative until written).
     *
     * @throws MidiFormatException where the original fails on the line
     * @throws PyError where Python's int(), float() or codecs refuse a field
     */
    public static MidiMessage parseLine(String line) {
        List<String> tokens = PyStr.split(line, " ");
        String typeName = tokens.get(0);
        MessageType type = MessageType.byName(typeName);
        if (type == null || type == MessageType.UNKNOWN_META) {
            throw new MidiFormatException("unknown message type '" + typeName + "'");
        }
        List<Object> values;
        if (type.isText()) {
            values = new ArrayList<>(3);
            values.add(typeName);
            values.add(String.join(" ", tokens.subList(1, Math.max(1, tokens.size() - 1))));
            values.add(tokens.get(tokens.size() - 1));
        } else if (line.indexOf('[') >= 0 || line.indexOf('(') >= 0) {
            boolean bracket = line.indexOf('[') >= 0;
            int left = line.indexOf(bracket ? '[' : '(');
            int right = line.indexOf(bracket ? ']' : ')');
            if (right < 0) {
                throw new MidiFormatException("no closing " + (bracket ? "']'" : "')'"));
            }
            String inner = right > left ? line.substring(left + 1, right) : "";
            List<String> parts = PyStr.split(inner, ", ");
            long[] nums = new long[parts.size()];
            for (int k = 0; k < nums.length; k++) {
                nums[k] = PyInt.parseLong(parts.get(k));
            }
            values = new ArrayList<>();
            for (String s : PyStr.split(line.substring(0, left), " ")) {
                if (!s.isEmpty()) {
                    values.add(s);
                }
            }
            values.add(new IntList(nums));
            for (String s : PyStr.split(line.substring(right + 1), " ")) {
                if (!s.isEmpty()) {
                    values.add(s);
                }
            }
        } else {
            values = new ArrayList<>(tokens);
        }
        return build(type, values);
    }

    /** Positional assignment onto a fresh mido message of the type, with mido's defaults and checks. */
    private static MidiMessage build(MessageType type, List<Object> values) {
        boolean meta = type.isMeta();
        List<String> fields = type.fields();
        int n = fields.size() + 1; // + time
        boolean assign = values.size() != 1;
        if (assign && values.size() < n + 1) {
            throw new MidiFormatException("too few values for " + type.mtfName() + " (list index out of range)");
        }
        // value for field i (0-based over fields, time excluded)
        java.util.function.IntFunction<Object> field = i -> values.get(meta ? 1 + i : 2 + i);
        long time = assign ? time(values.get(meta ? n : 1)) : 0;
        switch (type.kind()) {
            case CHANNEL -> {
                int ch = assign ? intIn(field.apply(0), "channel", 0, 15) : 0;
                int b;
                int c = 0;
                if (type == MessageType.PITCHWHEEL) {
                    b = assign ? intIn(field.apply(1), "pitchwheel value", -8192, 8191) : 0;
                } else {
                    b = assign ? intIn(field.apply(1), "data byte", 0, 127) : 0;
                }
                if (fields.size() == 3) {
                    int dflt = type == MessageType.NOTE_ON || type == MessageType.NOTE_OFF ? 64 : 0;
                    c = assign ? intIn(field.apply(2), "data byte", 0, 127) : dflt;
                }
                return MidiMessage.of(type, time, ch, b, c);
            }
            case SYSEX -> {
                byte[] data = assign ? bytes(field.apply(0), 127) : new byte[0];
                return MidiMessage.of(type, time, data);
            }
            case SYSTEM -> {
                int a = 0;
                int b = 0;
                if (assign) {
                    switch (type) {
                        case QUARTER_FRAME -> {
                            a = intIn(field.apply(0), "frame_type", 0, 7);
                            b = intIn(field.apply(1), "frame_value", 0, 15);
                        }
                        case SONGPOS -> a = intIn(field.apply(0), "song pos", 0, 16383);
                        case SONG_SELECT -> a = intIn(field.apply(0), "data byte", 0, 127);
                        default -> { }
                    }
                }
                return MidiMessage.of(type, time, a, b, 0);
            }
            case TEXT_META -> {
                byte[] text = assign ? textBytes((String) field.apply(0)) : new byte[0];
                return MidiMessage.of(type, time, text);
            }
            default -> {
                return buildMeta(type, assign, field, time);
            }
        }
    }

    private static MidiMessage buildMeta(MessageType type, boolean assign, java.util.function.IntFunction<Object> field, long time) {
        switch (type) {
            case SEQUENCE_NUMBER:
                return MidiMessage.of(type, time, assign ? intIn(field.apply(0), "attribute", 0, 0xffff) : 0, 0, 0);
            case CHANNEL_PREFIX, MIDI_PORT:
                return MidiMessage.of(type, time, assign ? intIn(field.apply(0), "attribute", 0, 255) : 0, 0, 0);
            case SET_TEMPO:
                return MidiMessage.of(type, time, assign ? intIn(field.apply(0), "attribute", 0, 0xffffff) : 500000, 0, 0);
            case END_OF_TRACK:
                return MidiMessage.endOfTrack(time);
            case SMPTE_OFFSET: {
                int[] v = {0, 0, 0, 0, 0, 0};
                if (assign) {
                    double rate = number(field.apply(0));
                    v[0] = rate == 24 ? 0 : rate == 25 ? 1 : rate == 29.97 ? 2 : rate == 30 ? 3 : -1;
                    if (v[0] < 0) {
                        throw new MidiFormatException("frame_rate must be one of 24, 25, 29.97, 30");
                    }
                    v[1] = intIn(field.apply(1), "attribute", 0, 255);
                    v[2] = intIn(field.apply(2), "attribute", 0, 59);
                    v[3] = intIn(field.apply(3), "attribute", 0, 59);
                    v[4] = intIn(field.apply(4), "attribute", 0, 255);
                    v[5] = intIn(field.apply(5), "attribute", 0, 99);
                }
                return MidiMessage.of(type, time, v);
            }
            case TIME_SIGNATURE: {
                int[] v = {4, 2, 24, 8};
                if (assign) {
                    v[0] = intIn(field.apply(0), "attribute", 0, 255);
                    v[1] = denominatorExponent(field.apply(1));
                    v[2] = intIn(field.apply(2), "attribute", 0, 255);
                    v[3] = intIn(field.apply(3), "attribute", 0, 255);
                }
                return MidiMessage.of(type, time, v);
            }
            case KEY_SIGNATURE: {
                String key = "C";
                if (assign) {
                    Object o = field.apply(0);
                    if (!(o instanceof String s) || MidiFileReader.keyCode(s) == null) {
                        throw new MidiFormatException("invalid key " + describe(o));
                    }
                    key = s;
                }
                return MidiMessage.of(type, time, key);
            }
            case SEQUENCER_SPECIFIC:
                return MidiMessage.of(type, time, assign ? bytes(field.apply(0), 255) : new byte[0]);
            default:
                throw new MidiFormatException("cannot build " + type.mtfName());
        }
    }

    /** The original's {@code s.encode('utf-8').decode('unicode_escape').encode('latin-1')}: a text meta's bytes. */
    private static byte[] textBytes(String s) {
        return PyCodecs.latin1Encode(PyCodecs.unicodeEscapeDecode(s.getBytes(StandardCharsets.UTF_8)));
    }

    /** A data field: a bracketed list, or an empty string (= no data, as in the original). */
    private static byte[] bytes(Object o, int max) {
        if (o instanceof String s) {
            if (s.isEmpty()) {
                return new byte[0];
            }
            throw new MidiFormatException("data must be a bracketed list of numbers, not '" + s + "'");
        }
        long[] v = ((IntList) o).values();
        byte[] out = new byte[v.length];
        for (int i = 0; i < v.length; i++) {
            if (v[i] < 0 || v[i] > max) {
                throw new MidiFormatException("data byte must be in range 0.." + max + " (got " + v[i] + ")");
            }
            out[i] = (byte) v[i];
        }
        return out;
    }

    /** Python: {@code v = float(s); if v % 1 == 0: v = int(v)}. */
    private static double number(Object o) {
        if (!(o instanceof String s)) {
            throw new MidiFormatException("float() argument must be a string or a real number, not 'list'");
        }
        return PyFloat.parse(s);
    }

    private static int intIn(Object o, String what, int lo, int hi) {
        double d = number(o);
        if (d != Math.floor(d) || Double.isInfinite(d)) {
            throw new MidiFormatException(what + " must be int (got " + o + ")");
        }
        if (d < lo || d > hi) {
            throw new MidiFormatException(what + " must be in range " + lo + ".." + hi + " (got " + o + ")");
        }
        return (int) d;
    }

    /** A time: any whole number (a fraction always ends in an error in the original's writer). */
    private static long time(Object o) {
        double d = number(o);
        if (d != Math.floor(d) || Double.isInfinite(d)) {
            throw new MidiFormatException("message time must be int in MIDI file (got " + o + ")");
        }
        if (Math.abs(d) >= 0x1p63) {
            throw new MidiFormatException("message time too large (" + o + ")");
        }
        return (long) d;
    }

    /** The exponent k of a time-signature denominator 2**k, as mido checks it. */
    private static int denominatorExponent(Object o) {
        double d = number(o);
        if (d != Math.floor(d) || Double.isInfinite(d)) {
            throw new MidiFormatException("attribute must be an integer (denominator " + o + ")");
        }
        if (d < 1 || d > 0x1p255) {
            throw new MidiFormatException("attribute must be in range 1..2**255 (denominator " + o + ")");
        }
        BigInteger big = new BigDecimal(d).toBigInteger();
        int k = big.bitLength() - 1;
        if (big.bitCount() != 1 || !MidiFileReader.denominatorExponentOk(k)) {
            throw new MidiFormatException("denominator must be a power of 2 (got " + o + ")");
        }
        return k;
    }

    private static String describe(Object o) {
        return o instanceof IntList l ? java.util.Arrays.toString(l.values()) : "'" + o + "'";
    }
}
