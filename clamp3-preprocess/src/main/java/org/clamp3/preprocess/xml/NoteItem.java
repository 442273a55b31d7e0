package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A note, chord or rest of one voice, with what goes before and after it in ABC. */
final class NoteItem extends VoiceItem {
    /** Duration in XML divisions (0 for grace notes). */
    long dur;
    /** Time modification (actual, normal) of a tuplet note, or null. */
    long[] fact;
    /** Tuplet starts and stops still to be matched ("start", "stop", or null for a type-less tuplet element). */
    List<String> tup = new ArrayList<>();
    /** Tuplet prefix such as "(3" written before the note. */
    String tupabc = "";
    /** Number of continuing/ending beams, plus one for a grace note: nonzero means "no space before". */
    int beam;
    boolean grace;
    List<String> before = new ArrayList<>();
    String after = "";
    /** The ABC pitches of the chord (one for a single note), with decorations and tie marks. */
    List<String> ns = new ArrayList<>();
    /** Lyric syllables by verse number, in the order the lyrics came. */
    Map<Long, String> lyrs = new LinkedHashMap<>();
    /** Per-note decorations written before the pitch inside a chord (!courtesy!, string numbers). */
    String ntdec = "";

    NoteItem() {}

    /** A filler or plain rest of the given length. */
    NoteItem(long dur, String pitch) {
        this.dur = dur;
        ns.add(pitch);
    }

    boolean isRest() {
        return "zx".contains(ns.get(0));
    }
}
