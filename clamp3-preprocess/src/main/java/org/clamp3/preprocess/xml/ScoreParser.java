package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyList;
import org.clamp3.core.py.PyStr;

/**
 * Reads a MusicXML score part by part, measure by measure, into {@link VoiceBuffers} and
 * {@link AbcScore}, with xml2abc's rules under its options {@code -d 8 -x} (xml2abc's Parser).
 * One instance converts one score.
 */
final class ScoreParser {
    private static final Map<String, String> ORNAMENTS = new LinkedHashMap<>();
    private static final Map<String, String> DYNAMICS = new LinkedHashMap<>();
    private static final Map<String, String> CLEFS = Map.of("C1", "alto1", "C2", "alto2", "C3", "alto", "C4", "tenor",
            "F4", "bass", "F3", "bass3", "G2", "treble", "TAB", "tab", "percussion", "perc");
    private static final Map<String, Integer> ACCIDENTALS = Map.of("double-flat", -2, "flat-flat", -2, "flat", -1,
            "natural", 0, "sharp", 1, "sharp-sharp", 2, "double-sharp", 2);
    private static final String[] ACCIDENTAL_TEXT = {"__", "_", "=", "^", "^^"};
    private static final Pattern VERSE_PREFIX = Pattern.compile("^.*verse", Pattern.UNIX_LINES); // Python's '.' stops only at \n
    private static final Pattern NUMBER = Pattern.compile("[.\\d]+", Pattern.UNICODE_CHARACTER_CLASS); // Python's \d: any decimal digit
    private static final String[][] JUMPS = {{"dacapo", "D.C."}, {"dalsegno", "D.S."}, {"tocoda", "dacoda"},
        {"fine", "fine"}, {"coda", "O"}, {"segno", "S"}};
    private static final Map<String, long[]> BEAT_UNITS = Map.of("whole", new long[] {1, 1}, "half", new long[] {1, 2},
            "quarter", new long[] {1, 4}, "eighth", new long[] {1, 8});
    private static final Map<String, String> HARMONY_SHORT = Map.of("major", "", "minor", "m", "augmented", "+",
            "diminished", "dim", "dominant", "7", "half-diminished", "m7b5");
    private static final Map<String, String> HARMONY_TRIAD = Map.of("major", "maj", "dominant", "", "minor", "m",
            "diminished", "dim", "augmented", "+", "suspended", "sus");
    private static final Map<String, String> HARMONY_ADDED = Map.of("second", "2", "fourth", "4", "seventh", "7",
            "sixth", "6", "ninth", "9", "11th", "11", "13th", "13");
    /** A HashMap: it is asked about missing (null) texts too. */
    private static final Map<String, String> ALTER_SIGN = new HashMap<>(Map.of("1", "#", "0", "", "-1", "b"));
    private static final Map<String, String> OPENING = Map.of("down", "!8va(!", "up", "!8vb(!", "crescendo", "!<(!",
            "diminuendo", "!>(!", "start", "!ped!");

    static {
        // in the sorted order of the original's keys: several can apply to one note
        String[][] orn = {{"arpeggiate", "!arpeggio!"}, {"articulations/accent", "!>!"},
            {"articulations/breath-mark", "!breath!"}, {"articulations/detached-legato", "!tenuto!."},
            {"articulations/scoop", "!slide!"}, {"articulations/spiccato", "!wedge!"},
            {"articulations/staccatissimo", "!wedge!"}, {"articulations/staccato", "."},
            {"articulations/strong-accent", "!^!"}, {"articulations/tenuto", "!tenuto!"}, {"fermata", "!fermata!"},
            {"ornaments/inverted-mordent", "P"}, {"ornaments/inverted-turn", "!invertedturn!"},
            {"ornaments/mordent", "M"}, {"ornaments/trill-mark", "T"}, {"ornaments/turn", "!turn!"},
            {"technical/down-bow", "v"}, {"technical/harmonic", "!open!"}, {"technical/open-string", "!open!"},
            {"technical/snap-pizzicato", "!snap!"}, {"technical/stopped", "!plus!"},
            {"technical/thumb-position", "!thumb!"}, {"technical/up-bow", "u"}};
        for (String[] o : orn) {
            ORNAMENTS.put(o[0], o[1]);
        }
        for (String d : new String[] {"p", "pp", "ppp", "pppp", "f", "ff", "fff", "ffff", "mp", "mf", "sfz"}) {
            DYNAMICS.put(d, "!" + d + "!");
        }
    }

    /** An open slur end waiting for its partner. */
    private record SlurEnd(String type, int voice, NoteItem note, boolean grace) {}

    /** An open start/stop direction: its type and its voice, or for a stop seen first, the time it was seen. */
    private record OpenDirection(String type, long voiceOrTime) {}

    private record DrumKey(int voice, String note) implements Comparable<DrumKey> {
        @Override
        public int compareTo(DrumKey o) {
            int c = Integer.compare(voice, o.voice);
            return c != 0 ? c : note.compareTo(o.note);
        }
    }

    private record PitchInVoice(String pitch, int voice) {}

    private final AbcScore out = new AbcScore();
    private final List<String> messages;
    private final VoiceBuffers music;
    private final Map<String, SlurEnd> slurs = new HashMap<>();
    private final Map<String, OpenDirection> openDirections = new HashMap<>();
    private boolean inGrace;
    private final List<List<List<Integer>>> partStaves = new ArrayList<>();
    private final List<List<AbcScore.DrumNote>> drumsPerVoice = new ArrayList<>();
    private final Map<String, Long> drumInstruments = new HashMap<>();
    private Map<DrumKey, AbcScore.DrumNote> drumNotes = new TreeMap<>();
    private final List<Set<String>> partInstruments = new ArrayList<>();
    private Map<String, Integer> keyAlterations = new HashMap<>();
    private Map<PitchInVoice, Integer> measureAlterations = new HashMap<>();
    private Map<Integer, List<Integer>> staffVoices = new LinkedHashMap<>();
    private final Map<Integer, Integer> voiceStaff = new HashMap<>();
    private Map<Integer, String> headerClefs = new HashMap<>();
    private Map<Integer, String> currentClef = new HashMap<>();
    private Map<Integer, Long> clefOctave = new HashMap<>();
    private final Map<Integer, Integer> currentStaff = new HashMap<>();
    private Map<Integer, String> voiceInstrument = new LinkedHashMap<>();
    private Set<Integer> hasStems = new HashSet<>();
    private Integer pedalVoice;
    private final Map<Integer, RepeatMark> measureRepeats = new LinkedHashMap<>();
    private boolean diatonicFretting;
    private boolean sibelius;
    private MeasureState msr;

    ScoreParser(List<String> messages) {
        this.messages = messages;
        this.music = new VoiceBuffers(out, messages);
    }

    /** Converts the score; null when no part has any notes (xml2abc then writes nothing, naming abcName). */
    String convert(XmlElement root, String abcName) {
        makeTitle(root);
        List<Object> partList = readPartList(root);
        Map<Integer, Integer> allVoices = new LinkedHashMap<>();
        List<XmlElement> parts = root.findAll("part");
        for (int ip = 0; ip < parts.size(); ip++) {
            XmlElement part = parts.get(ip);
            List<XmlElement> measures = part.findAll("measure");
            Set<Integer> voiceIds = mapStaves(part);
            drumNotes = new TreeMap<>();
            clefOctave = new HashMap<>();
            currentClef = new HashMap<>();
            diatonicFretting = false;
            music.startPart(voiceIds);
            List<Long> divisions = new ArrayList<>();
            msr = new MeasureState(ip);
            while (msr.index < measures.size()) {
                XmlElement measure = measures.get(msr.index);
                msr.reset();
                measureAlterations = new HashMap<>();
                List<XmlElement> es = measure.children();
                for (int i = 0; i < es.size(); i++) {
                    XmlElement e = es.get(i);
                    switch (e.tag()) {
                        case "note" -> readNote(e);
                        case "attributes" -> readAttributes(e);
                        case "direction" -> readDirection(e, i, es);
                        case "sound" -> readDirection(measure, i, es); // a sound directly in the measure
                        case "harmony" -> readHarmony(e, i, es);
                        case "barline" -> readBarline(e);
                        case "backup" -> {
                            long dt = PyInt.parseLong(e.findText("duration"));
                            if (VoiceBuffers.realGap(dt, msr, messages)) {
                                music.advance(-dt);
                            }
                        }
                        case "forward" -> {
                            long dt = PyInt.parseLong(e.findText("duration"));
                            if (VoiceBuffers.realGap(dt, msr, messages)) {
                                music.advance(dt);
                            }
                        }
                        default -> {
                            // print (line breaks are off with -x) and everything else: nothing to write
                        }
                    }
                }
                music.addBar(msr);
                divisions.add(msr.divs);
                msr.index++;
            }
            for (RepeatMark r : measureRepeats.values()) { // measure repeats without a stop
                r.abc = "[I:repeat " + PyStr.str(r.text) + " 1]";
            }
            Map<Integer, Integer> vvmap = music.outputPart(divisions, ip, sibelius);
            addStaffMap(vvmap);
            addDrumMap(ip, vvmap);
            allVoices.putAll(vvmap);
        }
        if (allVoices.isEmpty()) {
            messages.add("-- nothing written, " + abcName + " has no notes ...");
            return null;
        }
        return out.text(partList, partStaves, drumsPerVoice, messages);
    }

    private static <K, V> V need(Map<K, V> map, K key, String what) {
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

    private int voiceOf(XmlElement note) {
        int v = smallInt(note.findText("voice", "1"));
        if (sibelius) {
            v += 100 * smallInt(note.findText("staff", "1")); // Sibelius reuses voice numbers across staves
        }
        return v;
    }

    // ---------------------------------------------------------------- header data

    private void makeTitle(XmlElement root) {
        String title = ScoreTitle.fields(root);
        if (title != null) {
            out.title = title;
        }
        String software = root.findText("identification/encoding/software");
        sibelius = software != null && software.contains("Sibelius");
        if (sibelius) {
            messages.add("-- Sibelius MusicXMl is unreliable");
        }
    }

    private List<Object> readPartList(XmlElement root) {
        for (XmlElement sp : root.findAll("part-list/score-part")) {
            Set<String> ids = new HashSet<>();
            for (XmlElement m : sp.findAll("midi-instrument")) {
                // validated like the original reads them, though only percussion pitches are used with -m 0
                String ch = m.findText("midi-channel");
                String prg = m.findText("midi-program");
                String vol = m.findText("volume");
                String pan = m.findText("pan");
                if (ch != null) {
                    PyInt.parseLong(ch);
                }
                if (prg != null) {
                    PyInt.parseLong(prg);
                }
                if (vol != null) {
                    PyFloat.parse(vol);
                }
                if (pan != null) {
                    PyFloat.parse(pan);
                }
                ids.add(m.get("id"));
                String up = m.findText("midi-unpitched");
                if (up != null && !up.isEmpty()) {
                    drumInstruments.put(m.get("id"), PyInt.parseLong(up) - 1);
                }
            }
            partInstruments.add(ids);
        }
        return PartGroups.parse(root.find("part-list"));
    }

    // ---------------------------------------------------------------- staves and voices

    /** Assigns each voice of the part to the staff most of its notes are on; returns the voices in order of appearance. */
    private Set<Integer> mapStaves(XmlElement part) {
        Map<Integer, Map<Integer, Integer>> counts = new LinkedHashMap<>();
        voiceInstrument = new LinkedHashMap<>();
        Set<Integer> ids = new LinkedHashSet<>();
        hasStems = new HashSet<>();
        staffVoices = new LinkedHashMap<>();
        headerClefs = new HashMap<>();
        for (XmlElement n : part.findAll("measure/note")) {
            int v = voiceOf(n);
            ids.add(v);
            int sn = smallInt(n.findText("staff", "1"));
            staffVoices.put(sn, new ArrayList<>());
            counts.computeIfAbsent(v, k -> new LinkedHashMap<>()).merge(sn, 1, Integer::sum);
            XmlElement instrument = n.find("instrument");
            if (instrument != null) {
                voiceInstrument.put(v, instrument.get("id"));
            }
            String stem = n.findText("stem");
            if (n.find("rest") == null && (stem == null || stem.isEmpty() || !stem.equals("none"))) {
                hasStems.add(v);
            }
        }
        List<Integer> vks = new ArrayList<>(counts.keySet());
        if (sibelius) {
            vks.sort(null);
        }
        for (int v : vks) {
            int bestStaff = 0;
            int bestCount = -1;
            for (Map.Entry<Integer, Integer> e : counts.get(v).entrySet()) {
                // max by (count, staff): a tie goes to the higher staff number
                if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() > bestStaff)) {
                    bestCount = e.getValue();
                    bestStaff = e.getKey();
                }
            }
            staffVoices.get(bestStaff).add(v);
            voiceStaff.put(v, bestStaff);
            currentStaff.put(v, bestStaff);
        }
        return ids;
    }

    private void addStaffMap(Map<Integer, Integer> vvmap) {
        List<List<Integer>> part = new ArrayList<>();
        for (Map.Entry<Integer, List<Integer>> e : new TreeMap<>(staffVoices).entrySet()) {
            List<Integer> locmap = new ArrayList<>();
            List<Boolean> nostem = new ArrayList<>();
            for (int iv : e.getValue()) {
                if (vvmap.containsKey(iv)) {
                    locmap.add(vvmap.get(iv));
                    nostem.add(!hasStems.contains(iv));
                }
            }
            if (locmap.isEmpty()) {
                continue;
            }
            part.add(locmap);
            String clef = headerClefs.getOrDefault(e.getKey(), "treble");
            for (int i = 0; i < locmap.size(); i++) {
                String attr = "";
                if (clef.startsWith("tab")) {
                    if (nostem.get(i) && !clef.contains("nostems")) {
                        attr = " nostems";
                    }
                    if (diatonicFretting && !clef.contains("diafret")) {
                        attr += " diafret";
                    }
                }
                out.clefs.put(locmap.get(i), clef + attr);
            }
        }
        partStaves.add(part);
    }

    private void addDrumMap(int ip, Map<Integer, Integer> vvmap) {
        if (ip >= partInstruments.size()) {
            throw new ConversionFailure("part " + (ip + 1) + " has no score-part in the part-list");
        }
        TreeMap<Integer, List<AbcScore.DrumNote>> byAbcVoice = new TreeMap<>();
        for (Map.Entry<Integer, Integer> e : vvmap.entrySet()) {
            List<AbcScore.DrumNote> ds = new ArrayList<>();
            for (Map.Entry<DrumKey, AbcScore.DrumNote> d : drumNotes.entrySet()) {
                if (d.getKey().voice() == e.getKey()) {
                    ds.add(d.getValue());
                }
            }
            byAbcVoice.put(e.getValue(), ds);
        }
        drumsPerVoice.addAll(byAbcVoice.values());
    }

    // ---------------------------------------------------------------- notes

    private void readNote(XmlElement n) {
        NoteItem note = new NoteItem();
        int v = voiceOf(n);
        boolean chord = n.find("chord") != null;
        String p = firstNonEmpty(n.findText("pitch/step"), n.findText("unpitched/display-step"));
        String o = firstNonEmpty(n.findText("pitch/octave"), n.findText("unpitched/display-octave"));
        boolean rest = n.find("rest") != null;
        String numer = n.findText("time-modification/actual-notes");
        if (numer != null && !numer.isEmpty()) {
            String denom = n.findText("time-modification/normal-notes");
            note.fact = new long[] {PyInt.parseLong(numer), PyInt.parseLong(denom)};
        }
        for (XmlElement t : n.findAll("notations/tuplet")) {
            note.tup.add(t.get("type"));
        }
        String dur = n.findText("duration");
        XmlElement grace = n.find("grace");
        note.grace = grace != null;
        if (note.grace && !inGrace) { // open a grace sequence
            inGrace = true;
            note.before.add("{");
            if ("yes".equals(grace.get("slash"))) {
                note.before.add("/"); // acciaccatura
            }
        }
        boolean stopGrace = !note.grace && inGrace;
        if (stopGrace) { // the grace sequence ends on the note before this one
            inGrace = false;
            if (music.lastNote == null) {
                throw new ConversionFailure("grace notes without a note");
            }
            music.lastNote.after += "}";
        }
        boolean invisible = "no".equals(n.get("print-object"));
        if (!rest && invisible) {
            if (chord) {
                return;
            }
            rest = true; // an invisible note that takes time becomes an invisible rest
        }
        note.dur = dur == null || note.grace ? 0 : PyInt.parseLong(dur);
        if (!rest && (p == null || p.isEmpty() || o == null || o.isEmpty())) {
            music.countUnpitched(v);
            o = "5"; // a note without pitch is written as E5
            p = "E";
        }
        boolean isTab = !currentClef.isEmpty()
                && currentClef.getOrDefault(need(currentStaff, v, "voice"), "").startsWith("tab");
        XmlElement notations = n.find("notations");
        if (notations != null) {
            readNotations(note, notations, isTab);
        }
        XmlElement stem = rest ? null : n.find("stem");
        if (stem != null && "none".equals(stem.text()) && (!isTab || hasStems.contains(v))) {
            note.before.add("s");
            out.stemless = true;
        }
        XmlElement acc = n.find("accidental");
        if (acc != null && "yes".equals(acc.get("parentheses"))) {
            note.ntdec += "!courtesy!";
        }
        String noot;
        if (rest) {
            noot = invisible || isTab ? "x" : "z";
        } else {
            noot = pitch(p, PyInt.parseLong(o), n, v);
        }
        if (n.find("unpitched") != null) {
            noot = percussion(n, v, p, o, noot);
        }
        if (tieTypes(n).contains("start")) {
            noot = noot + "-";
        }
        int beams = 0;
        for (XmlElement b : n.findAll("beam")) {
            if ("continue".equals(b.text()) || "end".equals(b.text())) {
                beams++;
            }
        }
        note.beam = beams + (note.grace ? 1 : 0);
        long lastVerse = 0;
        for (XmlElement lyric : n.findAll("lyric")) {
            long verse = PyInt.parseLong(VERSE_PREFIX.matcher(lyric.get("number", "1")).replaceFirst(""));
            if (verse == 0) {
                verse = lastVerse + 1; // Sibelius numbering
            } else {
                lastVerse = verse;
            }
            note.lyrs.put(verse, syllable(lyric));
        }
        if (chord) {
            music.addChordNote(note, noot);
        } else {
            int xmlStaff = smallInt(n.findText("staff", "1"));
            int cur = need(currentStaff, v, "voice");
            if (cur != xmlStaff) { // the note is on another staff than its voice
                currentStaff.put(v, xmlStaff);
                music.appendText(v, String.format("[I:staff %+d]", (long) xmlStaff - cur));
            }
            music.appendNote(v, note, noot);
        }
        for (XmlElement slur : n.findAll("notations/slur")) {
            matchSlur(slur.get("type"), slur.get("number"), v, music.lastNote, note.grace, stopGrace);
        }
    }

    private static String firstNonEmpty(String a, String b) {
        return a != null && !a.isEmpty() ? a : b;
    }

    private static List<String> tieTypes(XmlElement n) {
        List<String> types = new ArrayList<>();
        for (XmlElement t : n.findAll("tie")) {
            types.add(t.get("type"));
        }
        for (XmlElement t : n.findAll("notations/tied")) {
            types.add(t.get("type"));
        }
        return types;
    }

    private String percussion(XmlElement n, int v, String p, String o, String noot) {
        String clef = need(currentClef, need(currentStaff, v, "voice"), "staff without clef:");
        if (p == null) {
            throw new ConversionFailure("unpitched note without display step");
        }
        String step = AbcNotation.staffStep(p, PyInt.parseLong(o), clef);
        XmlElement instrument = n.find("instrument");
        String instrumentId = instrument != null ? instrument.get("id") : "dummyId";
        long midi = drumInstruments.containsKey(instrumentId) ? drumInstruments.get(instrumentId) : AbcNotation.midiPitch(noot);
        String head = n.findText("notehead", "").replace(' ', '-');
        if (head.equals("x")) {
            noot = "^" + noot.replace("^", "").replace("_", "");
        }
        if (head.equals("circle-x") || head.equals("diamond") || head.equals("triangle")) {
            noot = "_" + noot.replace("^", "").replace("_", "");
        }
        if (!head.isEmpty() && "yes".equals(n.find("notehead").get("filled", ""))) {
            head += "+";
        }
        if (!head.isEmpty() && "no".equals(n.find("notehead").get("filled", ""))) {
            head += "-";
        }
        drumNotes.put(new DrumKey(v, noot), new AbcScore.DrumNote(noot, step, midi, head));
        return noot;
    }

    /** The ABC pitch of a note with the accidental it needs given the key and earlier notes of the measure. */
    private String pitch(String step, long octave, XmlElement note, int v) {
        octave += clefOctave.getOrDefault(need(currentStaff, v, "voice"), 0L);
        String acc = note.findText("accidental");
        String altText = note.findText("pitch/alter");
        String p = AbcNotation.withOctave(step, octave);
        PitchInVoice here = new PitchInVoice(p, v);
        Integer alt = null;
        boolean noAlter = altText == null;
        if (noAlter && keyAlterations.getOrDefault(step, 0) != 0) {
            alt = 0; // the key alters this step: a natural is meant
        }
        if (noAlter && alt == null && measureAlterations.containsKey(here)) {
            alt = 0; // an earlier note of the measure was altered: a natural is meant
        }
        if (acc == null && noAlter && alt == null) {
            return p;
        }
        if (acc != null) {
            Integer a = ACCIDENTALS.get(acc);
            if (a == null) {
                throw new ConversionFailure("unsupported accidental '" + acc + "'");
            }
            alt = a; // the notated accidental wins over the pitch
        } else {
            if (alt == null) {
                double f = PyFloat.parse(altText);
                if (Double.isNaN(f) || Double.isInfinite(f)) {
                    throw new ConversionFailure("invalid alter '" + altText + "'");
                }
                alt = (int) Math.max(-100, Math.min(100, (long) f));
            }
            Integer before = measureAlterations.get(here);
            if (before != null) {
                if (alt.equals(before)) {
                    return p;
                }
            } else if (alt == keyAlterations.getOrDefault(step, 0).intValue()) {
                return p;
            }
            if (tieTypes(note).contains("stop")) {
                return p; // tied notes keep their accidental
            }
            messages.add("-- accidental " + alt + " added in part " + (msr.part + 1) + ", measure " + (msr.index + 1)
                    + ", voice " + (v + 1) + " note " + p);
        }
        measureAlterations.put(here, alt);
        int ix = alt + 2;
        if (ix < 0) {
            ix += ACCIDENTAL_TEXT.length; // Python's negative index
        }
        if (ix < 0 || ix >= ACCIDENTAL_TEXT.length) {
            throw new ConversionFailure("alteration " + alt + " out of range");
        }
        return ACCIDENTAL_TEXT[ix] + p;
    }

    private static String syllable(XmlElement lyric) {
        StringBuilder txt = new StringBuilder();
        for (XmlElement e : lyric.children()) {
            if (e.tag().equals("elision")) {
                txt.append('~');
            } else if (e.tag().equals("text")) { // escape - and space characters
                String t = e.text() == null ? "" : e.text();
                txt.append(t.replace("_", "\\_").replace("-", "\\-").replace(" ", "~"));
            }
        }
        if (txt.length() == 0) {
            return "";
        }
        String syllabic = lyric.findText("syllabic");
        if ("begin".equals(syllabic) || "middle".equals(syllabic)) {
            txt.append('-');
        }
        if (lyric.find("extend") != null) {
            txt.append('_');
        }
        return txt.toString();
    }

    private void matchSlur(String type, String number, int v, NoteItem note, boolean grace, boolean stopGrace) {
        if (!"start".equals(type) && !"stop".equals(type)) {
            return; // "continue" has no ABC equivalent
        }
        String n = number == null ? "1" : number;
        SlurEnd open = slurs.get(n);
        if (open == null) {
            slurs.put(n, new SlurEnd(type, v, note, grace));
        } else if (!type.equals(open.type())) {
            if (v == open.voice() && open.type().equals("start") && (!open.grace() || !stopGrace)) {
                open.note().before.add(0, "(");
                note.after += ")";
            }
            slurs.remove(n);
        } else { // doubly defined: the last one counts
            messages.add("-- double slur numbers " + type + "-" + n + " in part " + (msr.part + 1) + ", measure "
                    + (msr.index + 1) + ", voice " + v + " note " + PyList.repr(note.ns) + ", first discarded");
            slurs.put(n, new SlurEnd(type, v, note, grace));
        }
    }

    private void readNotations(NoteItem note, XmlElement nttn, boolean isTab) {
        for (Map.Entry<String, String> o : ORNAMENTS.entrySet()) {
            if (nttn.find(o.getKey()) != null) {
                note.before.add(o.getValue());
            }
        }
        XmlElement trem = nttn.find("ornaments/tremolo");
        if (trem != null) {
            String type = trem.get("type");
            if ("single".equals(type)) {
                note.before.add(0, "!" + slashes(trem.text()) + "!");
            } else {
                note.fact = null; // no time modification in ABC
                if ("start".equals(type)) {
                    note.before.add(0, "!" + slashes(trem.text()) + "-!");
                }
            }
        }
        for (XmlElement finger : nttn.findAll("technical/fingering")) {
            if (!isTab) {
                note.before.add("!" + PyStr.str(finger.text()) + "!");
            }
        }
        XmlElement string = nttn.find("technical/string");
        if (string != null && isTab) {
            String deco = "!" + PyStr.str(string.text()) + "!";
            if (!note.ntdec.contains(deco)) {
                note.ntdec += deco;
            }
        }
        XmlElement wavy = nttn.find("ornaments/wavy-line");
        if (wavy != null) {
            if ("start".equals(wavy.get("type"))) {
                note.before.add(0, "!trill(!");
            } else if ("stop".equals(wavy.get("type"))) {
                note.before.add(0, "!trill)!");
            }
        }
        XmlElement glis = nttn.find("glissando");
        if (glis == null) {
            glis = nttn.find("slide");
        }
        if (glis != null) {
            String lt = "wavy".equals(glis.get("line-type")) ? "~" : "-";
            if ("start".equals(glis.get("type"))) {
                note.before.add(0, "!" + lt + "(!");
            } else if ("stop".equals(glis.get("type"))) {
                note.before.add(0, "!" + lt + ")!");
            }
        }
    }

    private static String slashes(String count) {
        long n = PyInt.parseLong(count);
        if (n > 1000) {
            throw new ConversionFailure("tremolo with " + n + " marks");
        }
        return "/".repeat((int) Math.max(0, n));
    }

    // ---------------------------------------------------------------- attributes

    private void readAttributes(XmlElement e) {
        String dvs = e.findText("divisions");
        if (dvs != null && !dvs.isEmpty()) {
            msr.divs = PyInt.parseLong(dvs);
        }
        long steps = PyInt.parseLong(e.findText("transpose/chromatic", "0"));
        String fifths = e.findText("key/fifths");
        boolean first = music.time == 0 && msr.index == 0;
        if (fifths != null && !fifths.isEmpty()) {
            AbcNotation.Key key = AbcNotation.key(PyInt.parseLong(fifths), e.findText("key/mode", "major"));
            keyAlterations = key.alterations();
            if (first && steps == 0 && out.key.equals("none")) {
                out.key = key.name(); // first key of the score goes to the header, unless transposing
            } else if (!key.name().equals(out.key) || !first) {
                msr.attr += "[K:" + key.name() + "]";
            }
        }
        String beats = e.findText("time/beats");
        if (beats != null && !beats.isEmpty()) {
            String unit = e.findText("time/beat-type");
            if (unit == null) {
                throw new ConversionFailure("time signature without beat-type");
            }
            String mtr = beats + "/" + unit;
            if (first) {
                out.meter = mtr;
            } else {
                msr.attr += "[M:" + mtr + "]";
            }
            msr.beats = PyInt.parseLong(beats);
            msr.beatType = PyInt.parseLong(unit);
        }
        msr.nominalLength = PyInt.floorDiv(PyInt.mul(PyInt.mul(msr.divs, msr.beats), 4), msr.beatType);
        for (XmlElement ms : e.findAll("measure-style")) {
            int n = smallInt(ms.get("number", "1"));
            List<Integer> voices = need(staffVoices, n, "staff");
            for (XmlElement mr : ms.findAll("measure-repeat")) {
                String type = mr.get("type");
                if ("start".equals(type)) {
                    RepeatMark mark = new RepeatMark(msr.index, mr.text());
                    measureRepeats.put(n, mark);
                    for (int v : voices) {
                        music.insertRepeat(v, mark);
                    }
                } else if ("stop".equals(type)) {
                    RepeatMark mark = need(measureRepeats, n, "measure repeat on staff");
                    if (mark.abc != null) { // left open by an earlier part: the original fails on it
                        throw new ConversionFailure("measure repeat stopped in another part than it started");
                    }
                    long count = msr.index - mark.startMeasure;
                    String mid = "";
                    if (mark.text != null && !mark.text.isEmpty()) {
                        mid = mark.text + " ";
                        long k = PyInt.parseLong(mark.text);
                        if (k == 0) {
                            throw new ConversionFailure("measure repeat of 0 measures");
                        }
                        count = (long) ((double) count / (double) k);
                    }
                    mark.abc = "[I:repeat " + mid + count + "]";
                    measureRepeats.remove(n);
                }
            }
        }
        String toct = e.findText("transpose/octave-change", "");
        if (!toct.isEmpty()) {
            steps += 12 * PyInt.parseLong(toct); // transposition by octaves as well
        }
        for (XmlElement clef : e.findAll("clef")) {
            readClef(e, clef, steps, first);
        }
    }

    private void readClef(XmlElement attributes, XmlElement clef, long steps, boolean first) {
        int n = smallInt(clef.get("number", "1"));
        String sign = clef.findText("sign");
        if (sign == null) {
            throw new ConversionFailure("clef without sign");
        }
        String line = sign.equals("percussion") || sign.equals("TAB") ? "" : clef.findText("line", "");
        String cs = CLEFS.getOrDefault(sign + line, "");
        String oct = clef.findText("clef-octave-change", "");
        if (oct.isEmpty()) {
            oct = "0";
        }
        long octave = PyInt.parseLong(oct);
        cs += octave == -2 ? "-15" : octave == -1 ? "-8" : octave == 1 ? "+8" : octave == 2 ? "+15" : "";
        clefOctave.put(n, -octave); // XML sounding pitch -> notated ABC pitch
        if (steps != 0) {
            cs += " transpose=" + steps;
        }
        XmlElement details = attributes.find("staff-details");
        if (details != null && details.hasChildren() && PyInt.parseLong(details.get("number", "1")) == n) {
            String lines = details.findText("staff-lines");
            if (lines != null && !lines.isEmpty()) {
                String lns = lines.equals("3") && sign.equals("TAB") ? "|||" : lines;
                cs += " stafflines=" + lns;
                PyInt.parseLong(lines);
            }
            List<XmlElement> strings = details.findAll("staff-tuning");
            if (!strings.isEmpty()) {
                List<String> tuning = new ArrayList<>();
                for (XmlElement st : strings) {
                    String s = st.findText("tuning-step");
                    String o = st.findText("tuning-octave");
                    if (s == null || o == null) {
                        throw new ConversionFailure("staff-tuning without step or octave");
                    }
                    tuning.add(s + o);
                }
                cs += " strings=" + String.join(",", tuning);
            }
            String capo = details.findText("capo");
            if (capo != null && !capo.isEmpty()) {
                cs += " capo=" + capo;
            }
        }
        currentClef.put(n, cs);
        if (first) {
            headerClefs.put(n, cs); // clefs of the first measure go to the V: lines
        } else {
            for (int v : need(staffVoices, n, "staff")) { // a clef change goes to all voices of the staff
                int cur = need(currentStaff, v, "voice");
                if (n != cur) {
                    currentStaff.put(v, n);
                    music.appendText(v, String.format("[I:staff %+d]", (long) n - cur));
                }
                music.appendText(v, "[K:" + cs + "]");
            }
        }
    }

    // ---------------------------------------------------------------- directions, harmony, barlines

    /** The staff of a direction, the voice it goes to (that of the next note) and the staff's first voice. */
    private int[] findVoice(int i, List<XmlElement> es) {
        String staffText = es.get(i).findText("staff");
        int stfnum = staffText == null ? 1 : smallInt(staffText);
        List<Integer> vs = need(staffVoices, stfnum, "staff");
        int v1 = vs.isEmpty() ? 1 : vs.get(0);
        for (int k = i + 1; k < es.size(); k++) {
            XmlElement e = es.get(k);
            if (e.tag().equals("note")) {
                int v = voiceOf(e);
                return new int[] {need(voiceStaff, v, "voice"), v, v1};
            }
            if (e.tag().equals("backup")) {
                break;
            }
        }
        return new int[] {stfnum, v1, v1};
    }

    private void readDirection(XmlElement e, int i, List<XmlElement> es) {
        String tempo = null;
        long[] tempoUnits = null;
        StringBuilder words = new StringBuilder();
        String placement = e.get("placement");
        int[] found = findVoice(i, es);
        int stf = found[0];
        int vs = found[1];
        int v1 = found[2];
        String jump = "";
        String plc = "^";
        XmlElement sound = e.find("sound");
        if (sound != null) {
            XmlElement minst = sound.find("midi-instrument");
            if (minst != null && minst.hasChildren()) {
                String prg = sound.findText("midi-instrument/midi-program");
                for (Map.Entry<Integer, String> vi : voiceInstrument.entrySet()) {
                    if (Objects.equals(vi.getValue(), minst.get("id"))) {
                        vs = vi.getKey(); // the direction is for that instrument's voice
                        break;
                    }
                }
                if (prg != null && !prg.isEmpty()) {
                    PyInt.parseLong(prg);
                }
            }
            String t = sound.get("tempo");
            if (t != null && !t.isEmpty()) {
                tempo = PyFloat.formatFixed(PyFloat.parse(t), 0);
                tempoUnits = new long[] {1, 4}; // always a quarter for sound elements
            }
            for (String[] j : JUMPS) {
                if (!sound.get(j[0], "").isEmpty()) {
                    jump = j[1];
                    break;
                }
            }
        }
        for (XmlElement dirtyp : e.findAll("direction-type")) {
            XmlElement metronome = dirtyp.find("metronome");
            if (metronome != null) {
                long[] u = BEAT_UNITS.getOrDefault(metronome.findText("beat-unit", ""), BEAT_UNITS.get("quarter"));
                if (metronome.find("beat-unit-dot") != null) {
                    u = AbcNotation.simplify(u[0] * 3, u[1] * 2);
                }
                tempoUnits = u;
                String perMinute = metronome.findText("per-minute");
                if (perMinute == null) {
                    throw new ConversionFailure("metronome without per-minute");
                }
                Matcher m = NUMBER.matcher(perMinute);
                if (m.find()) {
                    tempo = m.group();
                }
            }
            XmlElement wedge = dirtyp.find("wedge");
            if (wedge != null) {
                startStop("wedge", wedge, vs, 1);
            }
            List<XmlElement> allWords = dirtyp.findAll("words");
            if (allWords.isEmpty()) {
                allWords = dirtyp.findAll("rehearsal"); // a rehearsal mark is shown as text
            }
            for (XmlElement w : allWords) {
                if (!jump.isEmpty()) { // the jump replaces the words
                    music.appendCountedText(vs, "!" + jump + "!");
                    break;
                }
                plc = "below".equals(placement) ? "_" : "^";
                if (PyFloat.parse(w.get("default-y", "0")) < 0) {
                    plc = "_";
                }
                String t = w.text() == null ? "" : w.text();
                words.append(t.replace("\"", "\\\"").replace("\n", "\\n"));
            }
            String stripped = PyStr.strip(words.toString());
            words.setLength(0);
            words.append(stripped);
            for (Map.Entry<String, String> d : DYNAMICS.entrySet()) {
                if (dirtyp.find("dynamics/" + d.getKey()) != null) {
                    music.appendCountedText(vs, d.getValue());
                }
            }
            if (dirtyp.find("coda") != null) {
                music.appendCountedText(vs, "O");
            }
            if (dirtyp.find("segno") != null) {
                music.appendCountedText(vs, "S");
            }
            XmlElement shift = dirtyp.find("octave-shift");
            if (shift != null) {
                startStop("octave-shift", shift, vs, stf);
            }
            XmlElement pedal = dirtyp.find("pedal");
            if (pedal != null) {
                if (pedalVoice == null || pedalVoice == 0) {
                    pedalVoice = vs;
                }
                startStop("pedal", pedal, pedalVoice, 1);
            }
            if ("diatonic fretting".equals(dirtyp.findText("other-direction"))) {
                diatonicFretting = true;
            }
        }
        if (tempo != null && !tempo.isEmpty()) {
            tempo = PyFloat.formatFixed(PyFloat.parse(tempo), 0);
            if (music.time == 0 && msr.index == 0) {
                out.tempo = tempo;
                out.tempoUnits = tempoUnits;
            } else {
                music.appendText(v1, "[Q:" + tempoUnits[0] + "/" + tempoUnits[1] + "=" + tempo + "]");
            }
        }
        if (words.length() > 0) {
            music.appendCountedText(vs, "\"" + plc + words + "\"");
        }
    }

    /** Wedges, octave shifts and pedals: an opening decoration now, the closing one when its stop comes. */
    private void startStop(String kind, XmlElement t, int vs, int staff) {
        String type = t.get("type", "");
        String k = kind + t.get("number", "1");
        String x;
        int voice = vs;
        if (OPENING.containsKey(type)) {
            x = OPENING.get(type);
            OpenDirection open = openDirections.remove(k);
            if (open != null) {
                if (open.type().equals("stop")) { // the stop came first: close it where it was
                    addDirection(x, vs, open.voiceOrTime(), staff);
                } else {
                    messages.add("-- " + kind + " direction " + open.type() + " has no stop in part " + (msr.part + 1)
                            + ", measure " + (msr.index + 1) + ", voice " + (vs + 1));
                    openDirections.put(k, new OpenDirection(type, vs));
                }
            } else {
                openDirections.put(k, new OpenDirection(type, vs));
            }
        } else if (type.equals("stop")) {
            OpenDirection open = openDirections.remove(k);
            if (open != null) {
                voice = (int) open.voiceOrTime();
                if (open.type().equals("stop")) {
                    messages.add("-- " + kind + " direction stop has double stop in part " + (msr.part + 1) + ", measure "
                            + (msr.index + 1) + ", voice " + (open.voiceOrTime() + 1));
                    x = "";
                } else {
                    x = closing(OPENING.get(open.type()));
                }
            } else {
                openDirections.put(k, new OpenDirection("stop", music.time));
                x = ""; // written when the opening comes
            }
        } else {
            throw new ConversionFailure("wrong direction type '" + type + "' for " + kind);
        }
        addDirection(x, voice, null, staff);
    }

    private static String closing(String opening) {
        return opening.replace('(', ')').replace("ped", "ped-up");
    }

    private void addDirection(String x, int v, Long at, int staff) {
        if (x.isEmpty()) {
            return;
        }
        List<Integer> voices = x.contains("!8v") ? need(staffVoices, staff, "staff") : List.of(v); // ottavas: whole staff
        for (int voice : voices) {
            if (at != null) {
                music.appendTextAt(voice, closing(x), at);
            } else {
                music.appendText(voice, x);
            }
        }
    }

    private void readHarmony(XmlElement e, int i, List<XmlElement> es) {
        int vt = findVoice(i, es)[1];
        String root = e.findText("root/root-step", "");
        String alt = ALTER_SIGN.getOrDefault(e.findText("root/root-alter"), "");
        String sus = "";
        String kind = e.findText("kind", "");
        if (HARMONY_SHORT.containsKey(kind)) {
            kind = HARMONY_SHORT.get(kind);
        } else if (kind.contains("-")) { // <triad>-<added note>
            String[] parts = kind.split("-", -1);
            if (parts.length != 2) {
                throw new ConversionFailure("unsupported chord kind '" + kind + "'");
            }
            kind = HARMONY_TRIAD.getOrDefault(parts[0], "") + HARMONY_ADDED.getOrDefault(parts[1], "");
            if (kind.startsWith("sus")) { // sus goes to the end
                sus = kind;
                kind = "";
            }
        } else if (kind.equals("none")) {
            kind = e.find("kind").get("text", "");
        }
        StringBuilder k = new StringBuilder(kind);
        for (XmlElement d : e.findAll("degree")) {
            k.append(ALTER_SIGN.getOrDefault(d.findText("degree-alter"), "")).append(d.findText("degree-value", ""));
        }
        kind = k.toString().replace("79", "9").replace("713", "13").replace("maj6", "6");
        String bass = e.findText("bass/bass-step", "") + ALTER_SIGN.getOrDefault(e.findText("bass/bass-alter"), "");
        music.appendCountedText(vt, "\"" + root + alt + kind + sus + (bass.isEmpty() ? "" : "/" + bass) + "\"");
    }

    private void readBarline(XmlElement e) {
        XmlElement repeat = e.find("repeat");
        String direction = repeat == null ? null : repeat.get("direction");
        if (e.get("location", "right").equals("right")) { // only the right barline has a style in ABC
            String style = e.findText("bar-style");
            if ("light-light".equals(style)) {
                msr.rightBar = "||";
            } else if ("light-heavy".equals(style)) {
                msr.rightBar = "|]";
            }
        }
        if (direction != null) {
            if (direction.equals("forward")) {
                msr.leftBar = ":";
            } else {
                msr.rightBar = ":|";
            }
        }
        XmlElement ending = e.find("ending");
        if (ending != null) {
            if ("start".equals(ending.get("type"))) {
                String n = ending.get("number", "1").replace(".", "").replace(" ", "");
                if (!allIntegers(n)) {
                    n = "\"" + PyStr.strip(n) + "\""; // not a list of numbers: shown as text
                }
                msr.volta = n;
            } else if (msr.rightBar.equals("|")) {
                msr.rightBar = "||";
            }
        }
    }

    private static boolean allIntegers(String list) {
        for (String s : list.split(",", -1)) {
            try {
                PyInt.parseLong(s);
            } catch (PyError e) {
                return false;
            }
        }
        return true;
    }
}
