package org.clamp3.preprocess.xml;

import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

import org.clamp3.core.py.PyInt;

/**
 * What the readers of one score share while they work through it, as the attributes of xml2abc's
 * Parser are shared by its methods: the ABC being built, the measure being read, and the staff,
 * voice, clef, key and drum maps of the current part. {@link ScoreParser} resets the per-part
 * maps; {@link NoteReader}, {@link AttributeReader} and {@link DirectionReader} read and update them.
 */
final class ParseContext {
    /** A percussion note of a voice, in the order the original sorts its drum map. */
    record DrumKey(int voice, String note) implements Comparable<DrumKey> {
        @Override
        public int compareTo(DrumKey o) {
            int c = Integer.compare(voice, o.voice);
            return c != 0 ? c : note.compareTo(o.note);
        }
    }

    final AbcScore out = new AbcScore();
    final List<String> messages;
    final VoiceBuffers music;
    MeasureState msr;
    boolean sibelius;
    boolean diatonicFretting;
    /** XML staff -> the voices whose home staff it is. */
    Map<Integer, List<Integer>> staffVoices = new LinkedHashMap<>();
    /** Voice -> its home staff (where most of its notes are). */
    final Map<Integer, Integer> voiceStaff = new HashMap<>();
    /** Voice -> the staff it is on now (a cross-staff note moves it). */
    final Map<Integer, Integer> currentStaff = new HashMap<>();
    /** Staff -> clef of the first measure, written on the V: lines. */
    Map<Integer, String> headerClefs = new HashMap<>();
    /** Staff -> its clef now. */
    Map<Integer, String> currentClef = new HashMap<>();
    /** Staff -> octaves from sounding to notated pitch. */
    Map<Integer, Long> clefOctave = new HashMap<>();
    /** Voices with at least one stemmed note. */
    Set<Integer> hasStems = new HashSet<>();
    /** Voice -> the instrument id its notes name. */
    Map<Integer, String> voiceInstrument = new LinkedHashMap<>();
    /** Step -> its alteration in the current key. */
    Map<String, Integer> keyAlterations = new HashMap<>();
    /** Instrument id -> MIDI pitch of its percussion sound. */
    final Map<String, Long> drumInstruments = new HashMap<>();
    /** The percussion notes of the part. */
    Map<DrumKey, AbcScore.DrumNote> drumNotes = new TreeMap<>();

    ParseContext(List<String> messages) {
        this.messages = messages;
        this.music = new VoiceBuffers(out, messages);
    }

    /** map[key], or the failure that the original's KeyError would be. */
    static <K, V> V need(Map<K, V> map, K key, String what) {
        V v = map.get(key);
        if (v == null) {
            throw new ConversionFailure(what + " " + key + " is not known here");
        }
        return v;
    }

    /** int() of a voice, staff or similar number, which this port keeps well inside an int. */
    static int smallInt(String s) {
        long v = PyInt.parseLong(s);
        if (v < Integer.MIN_VALUE / 2 || v > Integer.MAX_VALUE / 2) {
            throw new ConversionFailure("number out of range: '" + s + "'");
        }
        return (int) v;
    }

    /** The voice of a note; Sibelius reuses voice numbers on each staff. */
    int voiceOf(XmlElement note) {
        int v = smallInt(note.findText("voice", "1"));
        if (sibelius) {
            v += 100 * smallInt(note.findText("staff", "1"));
        }
        return v;
    }
}
