package org.clamp3.preprocess.midi;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * Writes a type-1, one-track Standard MIDI File the way mido 1.3's {@code MidiFile.save} does:
 * header {@code MThd 6 1 1 division}; in the track every end_of_track is removed (its delta goes
 * to the next message) and one is appended; running status for consecutive channel messages with
 * the same status byte, reset by any meta, sysex or system message; sysex as
 * {@code F0 len(data)+1 data F7}; meta as {@code FF type len data}.
 */
public final class MidiFileWriter {
    private MidiFileWriter() {}

    public static byte[] write(int ticksPerBeat, List<MidiMessage> track) {
        if (ticksPerBeat < Short.MIN_VALUE || ticksPerBeat > Short.MAX_VALUE) {
            throw new MidiFormatException("ticks_per_beat " + ticksPerBeat + " does not fit the MIDI header ('h' format requires -32768 <= number <= 32767)");
        }
        Bytes data = new Bytes(track.size() * 3 + 16);
        int running = -1;
        for (MidiMessage m : TrackMerger.fixEndOfTrack(track)) {
            if (m.time < 0) {
                throw new MidiFormatException("message time must be non-negative in MIDI file (" + m.type.mtfName() + " " + m.time + ")");
            }
            if (m.type.isRealtime()) {
                throw new MidiFormatException("realtime messages are not allowed in MIDI files (" + m.type.mtfName() + ")");
            }
            data.varInt(m.time);
            switch (m.type.kind()) {
                case META, TEXT_META, UNKNOWN_META -> {
                    byte[] payload = metaData(m);
                    data.write(0xff);
                    data.write(m.type == MessageType.UNKNOWN_META ? m.a : m.type.code());
                    data.varInt(payload.length);
                    data.write(payload);
                    running = -1;
                }
                case SYSEX -> {
                    byte[] payload = (byte[]) m.extra;
                    data.write(0xf0);
                    data.varInt(payload.length + 1);
                    data.write(payload);
                    data.write(0xf7);
                    running = -1;
                }
                default -> {
                    int[] bytes = messageBytes(m);
                    int status = bytes[0];
                    for (int i = status == running ? 1 : 0; i < bytes.length; i++) {
                        data.write(bytes[i]);
                    }
                    running = status < 0xf0 ? status : -1;
                }
            }
        }
        Bytes out = new Bytes(data.size() + 22);
        out.write("MThd".getBytes(StandardCharsets.US_ASCII));
        out.u32(6);
        out.u16(1);
        out.u16(1);
        out.u16(ticksPerBeat & 0xffff);
        out.write("MTrk".getBytes(StandardCharsets.US_ASCII));
        out.u32(data.size());
        out.write(data.buf(), 0, data.size());
        return out.toByteArray();
    }

    private static int[] messageBytes(MidiMessage m) {
        MessageType t = m.type;
        int status = t.code() | (t.kind() == MessageType.Kind.CHANNEL ? m.a : 0);
        return switch (t) {
            case NOTE_OFF, NOTE_ON, POLYTOUCH, CONTROL_CHANGE -> new int[] {status, m.b, m.c};
            case PROGRAM_CHANGE, AFTERTOUCH -> new int[] {status, m.b};
            case PITCHWHEEL -> {
                int p = m.b + 8192;
                yield new int[] {status, p & 0x7f, p >> 7};
            }
            case QUARTER_FRAME -> new int[] {status, m.a << 4 | m.b};
            case SONGPOS -> new int[] {status, m.a & 0x7f, m.a >> 7};
            case SONG_SELECT -> new int[] {status, m.a};
            default -> new int[] {status};
        };
    }

    private static byte[] metaData(MidiMessage m) {
        switch (m.type) {
            case SEQUENCE_NUMBER:
                return new byte[] {(byte) (m.a >> 8), (byte) m.a};
            case CHANNEL_PREFIX, MIDI_PORT:
                return new byte[] {(byte) m.a};
            case END_OF_TRACK:
                return new byte[0];
            case SET_TEMPO:
                return new byte[] {(byte) (m.a >> 16), (byte) (m.a >> 8), (byte) m.a};
            case SMPTE_OFFSET: {
                int[] v = (int[]) m.extra;
                return new byte[] {(byte) (v[0] << 5 | v[1]), (byte) v[2], (byte) v[3], (byte) v[4], (byte) v[5]};
            }
            case TIME_SIGNATURE: {
                int[] v = (int[]) m.extra;
                return new byte[] {(byte) v[0], (byte) v[1], (byte) v[2], (byte) v[3]};
            }
            case KEY_SIGNATURE: {
                int[] kc = MidiFileReader.keyCode((String) m.extra);
                return new byte[] {(byte) kc[0], (byte) kc[1]};
            }
            default:
                return (byte[]) m.extra; // text-like, sequencer_specific, unknown_meta
        }
    }

    /** An unsynchronized growable byte array. */
    static final class Bytes {
        private byte[] buf;
        private int n;

        Bytes(int capacity) {
            buf = new byte[Math.max(16, capacity)];
        }

        void write(int b) {
            if (n == buf.length) {
                grow(1);
            }
            buf[n++] = (byte) b;
        }

        void write(byte[] b) {
            write(b, 0, b.length);
        }

        void write(byte[] b, int off, int len) {
            if (n + len > buf.length) {
                grow(len);
            }
            System.arraycopy(b, off, buf, n, len);
            n += len;
        }

        /** mido's encode_variable_int. */
        void varInt(long value) {
            int groups = 1;
            for (long v = value >>> 7; v != 0; v >>>= 7) {
                groups++;
            }
            for (int g = groups - 1; g >= 0; g--) {
                int b = (int) (value >>> (7 * g)) & 0x7f;
                write(g > 0 ? b | 0x80 : b);
            }
        }

        void u16(int v) {
            write(v >> 8);
            write(v);
        }

        void u32(long v) {
            write((int) (v >>> 24));
            write((int) (v >>> 16));
            write((int) (v >>> 8));
            write((int) v);
        }

        int size() {
            return n;
        }

        byte[] buf() {
            return buf;
        }

        byte[] toByteArray() {
            return java.util.Arrays.copyOf(buf, n);
        }

        private void grow(int extra) {
            long want = Math.max((long) buf.length * 2, (long) n + extra);
            if (want > Integer.MAX_VALUE - 16) {
                throw new MidiFormatException("MIDI output too large");
            }
            buf = java.util.Arrays.copyOf(buf, (int) want);
        }
    }
}
