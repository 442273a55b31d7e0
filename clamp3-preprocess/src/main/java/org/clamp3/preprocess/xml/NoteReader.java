package org.clamp3.preprocess.xml;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyList;
import org.clamp3.core.py.PyStr;

/**
 * The notes of a measure as xml2abc's {@code doNote}, {@code ntAbc} and {@code doNotations} read
 * them: pitch and the accidental it needs, length, grace notes, chords, ties, beams, lyrics,
 * slurs, ornaments, tremolos, fingerings and percussion notes.
 */
final class NoteReader {
    private static final Map<String, String> ORNAMENTS = new LinkedHashMap<>();
    private static final Map<String, Integer> ACCIDENTALS = Map.of("double-flat", -2, "flat-flat", -2, "flat", -1,
            "natural", 0, "sharp", 1, "sharp-sharp", 2, "double-sharp", 2);
    private static final String[] ACCIDENTAL_TEXT = {"__", "_", "=", "^", "^^"};
    private static final Pattern VERSE_PREFIX = Pattern.compile("^.*verse", Pattern.UNIX_LINES); // Python's '.' stops only at \n

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
    }

    /** An open slur end waiting for its partner. */
    private record SlurEnd(String type, int voice, NoteItem note, boolean grace) {}

    private record PitchInVoice(String pitch, int voice) {}

    private final ParseContext ctx;
    private final Map<String, SlurEnd> slurs = new HashMap<>();
    private boolean inGrace;
    private Map<PitchInVoice, Integer> measureAlterations = new HashMap<>();

    NoteReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** A new measure: the accidentals of the last one no longer apply. */
    void startMeasure() {
        measureAlterations = new HashMap<>();
    }

    /** Reads one note element into the voice it belongs to. */
    void read(XmlElement n) {
        NoteItem note = new NoteItem();
        int v = ctx.voiceOf(n);
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
            if (ctx.music.lastNote == null) {
                throw new ConversionFailure("grace notes without a note");
            }
            ctx.music.lastNote.after += "}";
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
            ctx.music.countUnpitched(v);
            o = "5"; // a note without pitch is written as E5
            p = "E";
        }
        boolean isTab = !ctx.currentClef.isEmpty()
                && ctx.currentClef.getOrDefault(ParseContext.need(ctx.currentStaff, v, "voice"), "").startsWith("tab");
        XmlElement notations = n.find("notations");
        if (notations != null) {
            readNotations(note, notations, isTab);
        }
        XmlElement stem = rest ? null : n.find("stem");
        if (stem != null && "none".equals(stem.text()) && (!isTab || ctx.hasStems.contains(v))) {
            note.before.add("s");
            ctx.out.stemless = true;
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
            ctx.music.addChordNote(note, noot);
        } else {
            int xmlStaff = ParseContext.smallInt(n.findText("staff", "1"));
            int cur = ParseContext.need(ctx.currentStaff, v, "voice");
            if (cur != xmlStaff) { // the note is on another staff than its voice
                ctx.currentStaff.put(v, xmlStaff);
                ctx.music.appendText(v, String.format("[I:staff %+d]", (long) xmlStaff - cur));
            }
            ctx.music.appendNote(v, note, noot);
        }
        for (XmlElement slur : n.findAll("notations/slur")) {
            matchSlur(slur.get("type"), slur.get("number"), v, ctx.music.lastNote, note.grace, stopGrace);
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
        String clef = ParseContext.need(ctx.currentClef, ParseContext.need(ctx.currentStaff, v, "voice"), "staff without clef:");
        if (p == null) {
            throw new ConversionFailure("unpitched note without display step");
        }
        String step = AbcNotation.staffStep(p, PyInt.parseLong(o), clef);
        XmlElement instrument = n.find("instrument");
        String instrumentId = instrument != null ? instrument.get("id") : "dummyId";
        long midi = ctx.drumInstruments.containsKey(instrumentId) ? ctx.drumInstruments.get(instrumentId) : AbcNotation.midiPitch(noot);
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
        ctx.drumNotes.put(new ParseContext.DrumKey(v, noot), new AbcScore.DrumNote(noot, step, midi, head));
        return noot;
    }

    /** The ABC pitch of a note with the accidental it needs given the key and earlier notes of the measure. */
    private String pitch(String step, long octave, XmlElement note, int v) {
        octave += ctx.clefOctave.getOrDefault(ParseContext.need(ctx.currentStaff, v, "voice"), 0L);
        String acc = note.findText("accidental");
        String altText = note.findText("pitch/alter");
        String p = AbcNotation.withOctave(step, octave);
        PitchInVoice here = new PitchInVoice(p, v);
        Integer alt = null;
        boolean noAlter = altText == null;
        if (noAlter && ctx.keyAlterations.getOrDefault(step, 0) != 0) {
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
            } else if (alt == ctx.keyAlterations.getOrDefault(step, 0).intValue()) {
                return p;
            }
            if (tieTypes(note).contains("stop")) {
                return p; // tied notes keep their accidental
            }
            ctx.messages.add("-- accidental " + alt + " added in part " + (ctx.msr.part + 1) + ", measure " + (ctx.msr.index + 1)
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
            ctx.messages.add("-- double slur numbers " + type + "-" + n + " in part " + (ctx.msr.part + 1) + ", measure "
                    + (ctx.msr.index + 1) + ", voice " + v + " note " + PyList.repr(note.ns) + ", first discarded");
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
}
