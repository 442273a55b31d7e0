package org.clamp3.preprocess.midi;

import java.util.Arrays;

/**
 * One MIDI message as mido holds it, kept compact because a file can have millions.
 *
 * <p>Where the values live, by type:
 * <ul>
 * <li>channel messages: {@code a} channel, {@code b} note / control / program / value / pitch
 *     (signed, -8192..8191), {@code c} velocity / value;</li>
 * <li>quarter_frame: {@code a} frame_type, {@code b} frame_value; songpos: {@code a} pos;
 *     song_select: {@code a} song;</li>
 * <li>sysex: {@code extra} = data bytes (0..127, without F0/F7);</li>
 * <li>sequence_number, channel_prefix, midi_port, set_tempo: {@code a};</li>
 * <li>text-like metas: {@code extra} = the raw bytes (mido decodes them as latin-1, one char per byte);</li>
 * <li>smpte_offset: {@code extra} = int[6] {frame-rate code 0..3, hours, minutes, seconds, frames, sub_frames};</li>
 * <li>time_signature: {@code extra} = int[4] {numerator, log2(denominator), clocks_per_click, notated_32nd};</li>
 * <li>key_signature: {@code extra} = the key name ({@code "C"}, {@code "F#m"}, ...);</li>
 * <li>sequencer_specific: {@code extra} = data bytes; unknown_meta: {@code a} type byte, {@code extra} data.</li>
 * </ul>
 * {@code time} is a delta or an absolute tick count, depending on where the message is.
 */
public final class MidiMessage {
    final MessageType type;
    final long time;
    final int a;
    final int b;
    final int c;
    final Object extra;

    MidiMessage(MessageType type, long time, int a, int b, int c, Object extra) {
        this.type = type;
        this.time = time;
        this.a = a;
        this.b = b;
        this.c = c;
        this.extra = extra;
    }

    static MidiMessage of(MessageType type, long time, int a, int b, int c) {
        return new MidiMessage(type, time, a, b, c, null);
    }

    static MidiMessage of(MessageType type, long time, Object extra) {
        return new MidiMessage(type, time, 0, 0, 0, extra);
    }

    static MidiMessage endOfTrack(long time) {
        return new MidiMessage(MessageType.END_OF_TRACK, time, 0, 0, 0, null);
    }

    public MessageType type() {
        return type;
    }

    public long time() {
        return time;
    }

    /**
     * The raw bytes of a text-like meta message ({@code track_name}, {@code lyrics}, ...; mido
     * shows them as latin-1, one char per byte), or null for any other type.
     */
    public byte[] textBytes() {
        return type.isText() ? ((byte[]) extra).clone() : null;
    }

    public MidiMessage withTime(long newTime) {
        return newTime == time ? this : new MidiMessage(type, newTime, a, b, c, extra);
    }

    /** This message as its MTF line (without line end). */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        MidiToMtf.appendLine(sb, this);
        return sb.toString();
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof MidiMessage m)) {
            return false;
        }
        if (type != m.type || time != m.time || a != m.a || b != m.b || c != m.c) {
            return false;
        }
        if (extra instanceof byte[] x && m.extra instanceof byte[] y) {
            return Arrays.equals(x, y);
        }
        if (extra instanceof int[] x && m.extra instanceof int[] y) {
            return Arrays.equals(x, y);
        }
        return java.util.Objects.equals(extra, m.extra);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(type, time, a, b, c);
    }
}
