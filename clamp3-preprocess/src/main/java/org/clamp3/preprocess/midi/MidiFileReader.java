package org.clamp3.preprocess.midi;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.InputLimits;
import org.clamp3.core.io.InvalidInputException;

/**
 * Reads a Standard MIDI File exactly as mido 1.3's {@code MidiFile(path)} does with its defaults
 * (charset latin-1, clip off), failing where mido raises:
 * <ul>
 * <li>header: {@code MThd}, its length (extra bytes skipped, fewer than 6 an error), format,
 *     track count and division as signed 16-bit numbers; only that many tracks are read, anything
 *     after them is ignored; every track chunk must be {@code MTrk} (no unknown chunks);</li>
 * <li>a track ends when the bytes read equal its chunk length; a message crossing that boundary
 *     is an error (mido would read on to the end of the file and fail there);</li>
 * <li>running status: any status byte but 0xff sets it, including sysex (mido's quirk: a data
 *     byte after a sysex is swallowed and a new sysex is read); a data byte without one is an error;</li>
 * <li>data bytes above 127 are refused (channel, system and sysex data), meta data is free;</li>
 * <li>message data longer than 1,000,000 bytes is refused (mido's MAX_MESSAGE_LENGTH);</li>
 * <li>meta messages are decoded and checked as mido does (short data, bad key signature, SMPTE
 *     frame rate, minutes/seconds/sub-frames ranges, time-signature denominators); unknown meta
 *     types become {@code unknown_meta} with time 0 (mido drops their delta).</li>
 * </ul>
 * Variable-length numbers may be longer than 4 bytes, as in mido; values that do not fit in 63
 * bits are refused. At most {@link #MAX_MESSAGES} messages are read in all.
 */
public final class MidiFileReader {

    /** Largest MIDI file read from a path (larger ones are refused without reading them). */
    public static final long MAX_FILE_BYTES = InputLimits.MIDI;

    /** mido's MAX_MESSAGE_LENGTH: longest sysex / meta payload it reads. */
    public static final int MAX_MESSAGE_LENGTH = 1_000_000;

    /** Most messages read from one file (all tracks together) before giving up. */
    public static final int MAX_MESSAGES = 10_000_000;

    /** Exponents k for which Python's {@code math.log(2**k, 2)} is not an integer, so mido refuses denominator 2**k. */
    private static final boolean[] BAD_LOG2 = new boolean[256];

    static {
        int[] bad = {29, 31, 39, 47, 51, 55, 58, 59, 62, 78, 93, 94, 95, 101, 102, 109, 110, 116, 117, 118, 124, 125,
            141, 156, 171, 179, 186, 187, 188, 189, 190, 201, 202, 203, 204, 205, 217, 218, 219, 220, 221, 232, 233, 234,
            235, 236, 247, 248, 249, 250, 251};
        for (int k : bad) {
            BAD_LOG2[k] = true;
        }
    }

    private static final String[] KEYS_MAJOR = {"Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E", "B", "F#", "C#"};
    private static final String[] KEYS_MINOR = {"Abm", "Ebm", "Bbm", "Fm", "Cm", "Gm", "Dm", "Am", "Em", "Bm", "F#m", "C#m", "G#m", "D#m", "A#m"};

    private final byte[] buf;
    private final int maxMessages;
    private int pos;
    private int messages;

    private MidiFileReader(byte[] buf, int maxMessages) {
        this.buf = buf;
        this.maxMessages = maxMessages;
    }

    /**
     * Reads and parses a MIDI file of at most {@link #MAX_FILE_BYTES}; problems come as an
     * InvalidInputException naming it.
     */
    public static MidiFile read(Path file) {
        byte[] bytes = readFile(file, MAX_FILE_BYTES, "MIDI");
        // a message of ~3 bytes in the file is an object of ~50 on the heap
        InputLimits.checkHeap(file, 20L * bytes.length, "the MIDI file's messages");
        try {
            return read(bytes);
        } catch (MidiFormatException e) {
            throw unreadable(file, e);
        }
    }

    /** The bytes of a {@code kind} (MIDI, MTF) file, refused without reading it when larger than {@code maxBytes}. */
    static byte[] readFile(Path file, long maxBytes, String kind) {
        try {
            InputLimits.check(file, maxBytes);
            return Files.readAllBytes(file);
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
    }

    /** A MIDI file that mido would not read (or convert), as the exception naming it. */
    static InvalidInputException unreadable(Path file, MidiFormatException e) {
        return new InvalidInputException(file, "not a MIDI file mido can read: " + e.getMessage(), e);
    }

    /** Parses the bytes of a MIDI file. */
    public static MidiFile read(byte[] bytes) {
        return read(bytes, MAX_MESSAGES);
    }

    static MidiFile read(byte[] bytes, int maxMessages) {
        return new MidiFileReader(bytes, maxMessages).readFile();
    }

    private MidiFile readFile() {
        if (buf.length < 8) {
            throw new MidiFormatException("not a MIDI file: shorter than a chunk header (" + buf.length + " bytes)");
        }
        if (!chunkName("MThd")) {
            throw new MidiFormatException("MThd not found. Probably not a MIDI file");
        }
        long size = u32(pos + 4);
        pos += 8;
        long available = Math.min(size, buf.length - pos);
        if (available < 6) {
            throw new MidiFormatException("MIDI header chunk too short (" + available + " bytes, need 6)");
        }
        int format = s16(pos);
        int ntracks = s16(pos + 2);
        int division = s16(pos + 4);
        pos += (int) available;
        List<List<MidiMessage>> tracks = new ArrayList<>(Math.max(0, Math.min(ntracks, 1024)));
        for (int i = 0; i < ntracks; i++) {
            tracks.add(readTrack(i));
        }
        return new MidiFile(format, division, tracks);
    }

    private boolean chunkName(String name) {
        for (int i = 0; i < 4; i++) {
            if (buf[pos + i] != name.charAt(i)) {
                return false;
            }
        }
        return true;
    }

    private List<MidiMessage> readTrack(int index) {
        if (buf.length - pos < 8) {
            throw new MidiFormatException("unexpected end of file: the header announces more tracks than there are (track " + index + " missing)");
        }
        if (!chunkName("MTrk")) {
            throw new MidiFormatException("no MTrk header at start of track " + index + " (at byte " + pos + ")");
        }
        long size = u32(pos + 4);
        pos += 8;
        long start = pos;
        long end = start + size;
        List<MidiMessage> track = new ArrayList<>((int) Math.min(size / 3 + 1, 1 << 16));
        int lastStatus = -1;
        while (pos != end) {
            if (pos > end) {
                throw new MidiFormatException("track " + index + ": a message runs past the end of the track chunk (length "
                        + size + ")");
            }
            if (++messages > maxMessages) {
                throw new MidiFormatException("more than " + maxMessages + " messages; refusing to read further");
            }
            long delta = readVarInt();
            int status = readByte();
            int peek = -1;
            if (status < 0x80) {
                if (lastStatus < 0) {
                    throw new MidiFormatException("track " + index + ", byte " + (pos - 1) + ": running status without last_status");
                }
                peek = status;
                status = lastStatus;
            } else if (status != 0xff) {
                // meta messages don't set running status; everything else does (sysex included)
                lastStatus = status;
            }
            MidiMessage msg;
            if (status == 0xff) {
                msg = readMeta(delta);
            } else if (status == 0xf0 || status == 0xf7) {
                msg = readSysex(delta);
            } else {
                msg = readMessage(status, peek, delta);
            }
            track.add(msg);
        }
        return track;
    }

    private MidiMessage readMessage(int status, int peek, long delta) {
        MessageType type = MessageType.byStatus(status);
        if (type == null) {
            throw new MidiFormatException(String.format("undefined status byte 0x%02x at byte %d", status, pos - 1));
        }
        int want = type.length() - 1;
        int[] data = new int[Math.max(want, peek >= 0 ? 1 : 0)];
        int n = 0;
        if (peek >= 0) {
            data[n++] = peek;
        }
        int toRead = want - n;
        for (int i = 0; i < toRead; i++) {
            data[n++] = readByte();
        }
        for (int i = 0; i < n; i++) {
            if (data[i] > 127) {
                throw new MidiFormatException("data byte must be in range 0..127 (byte " + (pos - n + i) + ")");
            }
        }
        if (n != want) {
            throw new MidiFormatException("wrong number of bytes for " + type.mtfName() + " message");
        }
        int ch = status & 0x0f;
        return switch (type) {
            case NOTE_OFF, NOTE_ON, POLYTOUCH, CONTROL_CHANGE -> MidiMessage.of(type, delta, ch, data[0], data[1]);
            case PROGRAM_CHANGE, AFTERTOUCH -> MidiMessage.of(type, delta, ch, data[0], 0);
            case PITCHWHEEL -> MidiMessage.of(type, delta, ch, data[0] + (data[1] << 7) - 8192, 0);
            case QUARTER_FRAME -> MidiMessage.of(type, delta, data[0] >> 4, data[0] & 15, 0);
            case SONGPOS -> MidiMessage.of(type, delta, data[0] | (data[1] << 7), 0, 0);
            case SONG_SELECT -> MidiMessage.of(type, delta, data[0], 0, 0);
            default -> MidiMessage.of(type, delta, 0, 0, 0);
        };
    }

    private MidiMessage readSysex(long delta) {
        int length = readLength();
        int from = pos;
        int to = pos + length;
        pos = to;
        if (length > 0 && (buf[from] & 0xff) == 0xf0) {
            from++;
        }
        if (to > from && (buf[to - 1] & 0xff) == 0xf7) {
            to--;
        }
        byte[] data = new byte[to - from];
        for (int i = from; i < to; i++) {
            if (buf[i] < 0) {
                throw new MidiFormatException("data byte must be in range 0..127 (sysex at byte " + from + ")");
            }
            data[i - from] = buf[i];
        }
        return MidiMessage.of(MessageType.SYSEX, delta, data);
    }

    private MidiMessage readMeta(long delta) {
        int typeByte = readByte();
        int length = readLength();
        int from = pos;
        pos += length;
        MessageType type = MessageType.metaByByte(typeByte);
        if (type == null) {
            // mido builds UnknownMetaMessage(type_byte, data) without passing the delta: its time is 0
            return new MidiMessage(MessageType.UNKNOWN_META, 0, typeByte, 0, 0, slice(from, length));
        }
        switch (type) {
            case SEQUENCE_NUMBER -> {
                if (length == 0) {
                    return MidiMessage.of(type, delta, 0, 0, 0);
                }
                need(type, length, 2);
                return MidiMessage.of(type, delta, (u8(from) << 8) | u8(from + 1), 0, 0);
            }
            case CHANNEL_PREFIX -> {
                need(type, length, 1);
                return MidiMessage.of(type, delta, u8(from), 0, 0);
            }
            case MIDI_PORT -> {
                return MidiMessage.of(type, delta, length == 0 ? 0 : u8(from), 0, 0);
            }
            case END_OF_TRACK -> {
                return MidiMessage.endOfTrack(delta);
            }
            case SET_TEMPO -> {
                need(type, length, 3);
                return MidiMessage.of(type, delta, (u8(from) << 16) | (u8(from + 1) << 8) | u8(from + 2), 0, 0);
            }
            case SMPTE_OFFSET -> {
                need(type, length, 5);
                int rate = u8(from) >> 5;
                if (rate > 3) {
                    throw new MidiFormatException("smpte_offset: undefined frame rate code " + rate);
                }
                int[] v = {rate, u8(from) & 0x1f, u8(from + 1), u8(from + 2), u8(from + 3), u8(from + 4)};
                if (v[2] > 59 || v[3] > 59) {
                    throw new MidiFormatException("smpte_offset: attribute must be in range 0..59");
                }
                if (v[5] > 99) {
                    throw new MidiFormatException("smpte_offset: attribute must be in range 0..99");
                }
                return MidiMessage.of(type, delta, v);
            }
            case TIME_SIGNATURE -> {
                need(type, length, 4);
                int k = u8(from + 1);
                if (BAD_LOG2[k]) {
                    throw new MidiFormatException("time_signature: denominator must be a power of 2 (2**" + k + " refused by mido)");
                }
                return MidiMessage.of(type, delta, new int[] {u8(from), k, u8(from + 2), u8(from + 3)});
            }
            case KEY_SIGNATURE -> {
                need(type, length, 2);
                String key = keyName((byte) buf[from], u8(from + 1));
                if (key == null) {
                    int k = buf[from];
                    throw new MidiFormatException(k < 7
                            ? "Could not decode key with " + Math.abs(k) + " flats and mode " + u8(from + 1)
                            : "Could not decode key with " + k + " sharps and mode " + u8(from + 1));
                }
                return MidiMessage.of(type, delta, key);
            }
            default -> {
                // text-like metas and sequencer_specific keep their bytes
                return MidiMessage.of(type, delta, slice(from, length));
            }
        }
    }

    /** mido's key name for a key signature (sharps/flats as a signed byte, mode 0 major / 1 minor), or null. */
    static String keyName(int key, int mode) {
        if (key < -7 || key > 7 || mode > 1) {
            return null;
        }
        return (mode == 0 ? KEYS_MAJOR : KEYS_MINOR)[key + 7];
    }

    /** The signed key and mode of a key name, or null if mido does not know it. */
    static int[] keyCode(String name) {
        for (int i = 0; i < 15; i++) {
            if (KEYS_MAJOR[i].equals(name)) {
                return new int[] {i - 7, 0};
            }
            if (KEYS_MINOR[i].equals(name)) {
                return new int[] {i - 7, 1};
            }
        }
        return null;
    }

    /** Whether mido accepts 2**k as a time-signature denominator (0 &lt;= k &lt;= 255). */
    static boolean denominatorExponentOk(int k) {
        return k >= 0 && k <= 255 && !BAD_LOG2[k];
    }

    private static void need(MessageType type, int length, int want) {
        if (length < want) {
            throw new MidiFormatException(type.mtfName() + " meta message too short (" + length + " data bytes, need " + want + ")");
        }
    }

    private byte[] slice(int from, int length) {
        byte[] out = new byte[length];
        System.arraycopy(buf, from, out, 0, length);
        return out;
    }

    /** A sysex / meta length: a variable-length number, at most MAX_MESSAGE_LENGTH, and the bytes must be there. */
    private int readLength() {
        long length = readVarInt();
        if (length > MAX_MESSAGE_LENGTH) {
            throw new MidiFormatException("Message length " + length + " exceeds maximum length " + MAX_MESSAGE_LENGTH);
        }
        if (length > buf.length - pos) {
            throw new MidiFormatException("unexpected end of file: a message of " + length + " bytes at byte " + pos
                    + " runs past the end of the file (" + buf.length + " bytes)");
        }
        return (int) length;
    }

    private long readVarInt() {
        long value = 0;
        while (true) {
            int b = readByte();
            if (value > (Long.MAX_VALUE >> 7)) {
                throw new MidiFormatException("variable-length number too large at byte " + (pos - 1));
            }
            value = (value << 7) | (b & 0x7f);
            if (b < 0x80) {
                return value;
            }
        }
    }

    private int readByte() {
        if (pos >= buf.length) {
            throw new MidiFormatException("unexpected end of file (" + buf.length + " bytes) inside a message");
        }
        return buf[pos++] & 0xff;
    }

    private int u8(int at) {
        return buf[at] & 0xff;
    }

    private int s16(int at) {
        return (short) ((u8(at) << 8) | u8(at + 1));
    }

    private long u32(int at) {
        return ((long) u8(at) << 24) | (u8(at + 1) << 16) | (u8(at + 2) << 8) | u8(at + 3);
    }
}
