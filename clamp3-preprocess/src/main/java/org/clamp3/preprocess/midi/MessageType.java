package org.clamp3.preprocess.midi;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The message types mido 1.3 knows, with mido's names and field order. The field order is the
 * order of {@code msg.dict()} after the type, which is the order of an MTF line: channel and
 * system messages have {@code time} first, meta messages have it last.
 */
public enum MessageType {
    // channel messages (status high nibble)
    NOTE_OFF("note_off", Kind.CHANNEL, 0x80, 3, "channel", "note", "velocity"),
    NOTE_ON("note_on", Kind.CHANNEL, 0x90, 3, "channel", "note", "velocity"),
    POLYTOUCH("polytouch", Kind.CHANNEL, 0xa0, 3, "channel", "note", "value"),
    CONTROL_CHANGE("control_change", Kind.CHANNEL, 0xb0, 3, "channel", "control", "value"),
    PROGRAM_CHANGE("program_change", Kind.CHANNEL, 0xc0, 2, "channel", "program"),
    AFTERTOUCH("aftertouch", Kind.CHANNEL, 0xd0, 2, "channel", "value"),
    PITCHWHEEL("pitchwheel", Kind.CHANNEL, 0xe0, 3, "channel", "pitch"),
    // system common / realtime
    SYSEX("sysex", Kind.SYSEX, 0xf0, -1, "data"),
    QUARTER_FRAME("quarter_frame", Kind.SYSTEM, 0xf1, 2, "frame_type", "frame_value"),
    SONGPOS("songpos", Kind.SYSTEM, 0xf2, 3, "pos"),
    SONG_SELECT("song_select", Kind.SYSTEM, 0xf3, 2, "song"),
    TUNE_REQUEST("tune_request", Kind.SYSTEM, 0xf6, 1),
    CLOCK("clock", Kind.SYSTEM, 0xf8, 1),
    START("start", Kind.SYSTEM, 0xfa, 1),
    CONTINUE("continue", Kind.SYSTEM, 0xfb, 1),
    STOP("stop", Kind.SYSTEM, 0xfc, 1),
    ACTIVE_SENSING("active_sensing", Kind.SYSTEM, 0xfe, 1),
    RESET("reset", Kind.SYSTEM, 0xff, 1),
    // meta messages (code = meta type byte)
    SEQUENCE_NUMBER("sequence_number", Kind.META, 0x00, -1, "number"),
    TEXT("text", Kind.TEXT_META, 0x01, -1, "text"),
    COPYRIGHT("copyright", Kind.TEXT_META, 0x02, -1, "text"),
    TRACK_NAME("track_name", Kind.TEXT_META, 0x03, -1, "name"),
    INSTRUMENT_NAME("instrument_name", Kind.TEXT_META, 0x04, -1, "name"),
    LYRICS("lyrics", Kind.TEXT_META, 0x05, -1, "text"),
    MARKER("marker", Kind.TEXT_META, 0x06, -1, "text"),
    CUE_MARKER("cue_marker", Kind.TEXT_META, 0x07, -1, "text"),
    DEVICE_NAME("device_name", Kind.TEXT_META, 0x09, -1, "name"),
    CHANNEL_PREFIX("channel_prefix", Kind.META, 0x20, -1, "channel"),
    MIDI_PORT("midi_port", Kind.META, 0x21, -1, "port"),
    END_OF_TRACK("end_of_track", Kind.META, 0x2f, -1),
    SET_TEMPO("set_tempo", Kind.META, 0x51, -1, "tempo"),
    SMPTE_OFFSET("smpte_offset", Kind.META, 0x54, -1, "frame_rate", "hours", "minutes", "seconds", "frames", "sub_frames"),
    TIME_SIGNATURE("time_signature", Kind.META, 0x58, -1, "numerator", "denominator", "clocks_per_click", "notated_32nd_notes_per_beat"),
    KEY_SIGNATURE("key_signature", Kind.META, 0x59, -1, "key"),
    SEQUENCER_SPECIFIC("sequencer_specific", Kind.META, 0x7f, -1, "data"),
    /** A meta type byte mido does not know; kept as type_byte and data. */
    UNKNOWN_META("unknown_meta", Kind.UNKNOWN_META, -1, -1, "type_byte", "data");

    public enum Kind { CHANNEL, SYSEX, SYSTEM, META, TEXT_META, UNKNOWN_META }

    private static final Map<String, MessageType> BY_NAME = new HashMap<>();
    private static final MessageType[] META_BY_BYTE = new MessageType[256];
    private static final MessageType[] BY_STATUS = new MessageType[256];

    static {
        for (MessageType t : values()) {
            BY_NAME.put(t.mtfName, t);
            switch (t.kind) {
                case CHANNEL -> {
                    for (int ch = 0; ch < 16; ch++) {
                        BY_STATUS[t.code | ch] = t;
                    }
                }
                case SYSEX, SYSTEM -> BY_STATUS[t.code] = t;
                case META, TEXT_META -> META_BY_BYTE[t.code] = t;
                default -> { }
            }
        }
    }

    private final String mtfName;
    private final Kind kind;
    private final int code;
    private final int length;
    private final List<String> fields;

    MessageType(String mtfName, Kind kind, int code, int length, String... fields) {
        this.mtfName = mtfName;
        this.kind = kind;
        this.code = code;
        this.length = length;
        this.fields = List.of(fields);
    }

    /** mido's type name, the first token of an MTF line. */
    public String mtfName() {
        return mtfName;
    }

    public Kind kind() {
        return kind;
    }

    /** Status byte (channel 0 for channel messages) or meta type byte; -1 for unknown_meta. */
    public int code() {
        return code;
    }

    /** mido's spec length (status byte included) for channel and system messages. */
    int length() {
        return length;
    }

    /** Field names after the type, without time (mido's value_names / meta attributes). */
    public List<String> fields() {
        return fields;
    }

    public boolean isMeta() {
        return kind == Kind.META || kind == Kind.TEXT_META || kind == Kind.UNKNOWN_META;
    }

    /** text, copyright, track_name, instrument_name, lyrics, marker, cue_marker, device_name. */
    public boolean isText() {
        return kind == Kind.TEXT_META;
    }

    /** mido's REALTIME_TYPES: refused when writing a MIDI file. */
    public boolean isRealtime() {
        return this == TUNE_REQUEST || this == CLOCK || this == START || this == CONTINUE || this == STOP;
    }

    /** The type named {@code name} in mido (null if none). */
    public static MessageType byName(String name) {
        return BY_NAME.get(name);
    }

    /** The channel/system type of a status byte, or null (undefined status, or 0xf7). */
    static MessageType byStatus(int status) {
        return BY_STATUS[status];
    }

    /** The meta type of a meta type byte, or null when mido does not know it. */
    static MessageType metaByByte(int typeByte) {
        return META_BY_BYTE[typeByte];
    }
}
