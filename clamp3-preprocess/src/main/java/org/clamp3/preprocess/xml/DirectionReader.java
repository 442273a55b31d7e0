package org.clamp3.preprocess.xml;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyStr;

/**
 * Directions, chord symbols and barlines as xml2abc's {@code doDirection}, {@code doHarmony} and
 * {@code doBarline} read them: tempo, words, dynamics, jumps, wedges, ottavas and pedals (opened
 * and closed across notes), chord symbols, repeats and voltas.
 */
final class DirectionReader {
    private static final Map<String, String> DYNAMICS = new LinkedHashMap<>();
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
        for (String d : new String[] {"p", "pp", "ppp", "pppp", "f", "ff", "fff", "ffff", "mp", "mf", "sfz"}) {
            DYNAMICS.put(d, "!" + d + "!");
        }
    }

    /** An open start/stop direction: its type and its voice, or for a stop seen first, the time it was seen. */
    private record OpenDirection(String type, long voiceOrTime) {}

    private final ParseContext ctx;
    private final Map<String, OpenDirection> openDirections = new HashMap<>();
    private Integer pedalVoice;

    DirectionReader(ParseContext ctx) {
        this.ctx = ctx;
    }

    /** The staff of a direction, the voice it goes to (that of the next note) and the staff's first voice. */
    private int[] findVoice(int i, List<XmlElement> es) {
        String staffText = es.get(i).findText("staff");
        int stfnum = staffText == null ? 1 : ParseContext.smallInt(staffText);
        List<Integer> vs = ParseContext.need(ctx.staffVoices, stfnum, "staff");
        int v1 = vs.isEmpty() ? 1 : vs.get(0);
        for (int k = i + 1; k < es.size(); k++) {
            XmlElement e = es.get(k);
            if (e.tag().equals("note")) {
                int v = ctx.voiceOf(e);
                return new int[] {ParseContext.need(ctx.voiceStaff, v, "voice"), v, v1};
            }
            if (e.tag().equals("backup")) {
                break;
            }
        }
        return new int[] {stfnum, v1, v1};
    }

    void readDirection(XmlElement e, int i, List<XmlElement> es) {
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
                for (Map.Entry<Integer, String> vi : ctx.voiceInstrument.entrySet()) {
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
                    ctx.music.appendCountedText(vs, "!" + jump + "!");
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
                    ctx.music.appendCountedText(vs, d.getValue());
                }
            }
            if (dirtyp.find("coda") != null) {
                ctx.music.appendCountedText(vs, "O");
            }
            if (dirtyp.find("segno") != null) {
                ctx.music.appendCountedText(vs, "S");
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
                ctx.diatonicFretting = true;
            }
        }
        if (tempo != null && !tempo.isEmpty()) {
            tempo = PyFloat.formatFixed(PyFloat.parse(tempo), 0);
            if (ctx.music.time == 0 && ctx.msr.index == 0) {
                ctx.out.tempo = tempo;
                ctx.out.tempoUnits = tempoUnits;
            } else {
                ctx.music.appendText(v1, "[Q:" + tempoUnits[0] + "/" + tempoUnits[1] + "=" + tempo + "]");
            }
        }
        if (words.length() > 0) {
            ctx.music.appendCountedText(vs, "\"" + plc + words + "\"");
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
                    ctx.messages.add("-- " + kind + " direction " + open.type() + " has no stop in part " + (ctx.msr.part + 1)
                            + ", measure " + (ctx.msr.index + 1) + ", voice " + (vs + 1));
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
                    ctx.messages.add("-- " + kind + " direction stop has double stop in part " + (ctx.msr.part + 1) + ", measure "
                            + (ctx.msr.index + 1) + ", voice " + (open.voiceOrTime() + 1));
                    x = "";
                } else {
                    x = closing(OPENING.get(open.type()));
                }
            } else {
                openDirections.put(k, new OpenDirection("stop", ctx.music.time));
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
        List<Integer> voices = x.contains("!8v") ? ParseContext.need(ctx.staffVoices, staff, "staff") : List.of(v); // ottavas: whole staff
        for (int voice : voices) {
            if (at != null) {
                ctx.music.appendTextAt(voice, closing(x), at);
            } else {
                ctx.music.appendText(voice, x);
            }
        }
    }

    void readHarmony(XmlElement e, int i, List<XmlElement> es) {
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
        ctx.music.appendCountedText(vt, "\"" + root + alt + kind + sus + (bass.isEmpty() ? "" : "/" + bass) + "\"");
    }

    void readBarline(XmlElement e) {
        XmlElement repeat = e.find("repeat");
        String direction = repeat == null ? null : repeat.get("direction");
        if (e.get("location", "right").equals("right")) { // only the right barline has a style in ABC
            String style = e.findText("bar-style");
            if ("light-light".equals(style)) {
                ctx.msr.rightBar = "||";
            } else if ("light-heavy".equals(style)) {
                ctx.msr.rightBar = "|]";
            }
        }
        if (direction != null) {
            if (direction.equals("forward")) {
                ctx.msr.leftBar = ":";
            } else {
                ctx.msr.rightBar = ":|";
            }
        }
        XmlElement ending = e.find("ending");
        if (ending != null) {
            if ("start".equals(ending.get("type"))) {
                String n = ending.get("number", "1").replace(".", "").replace(" ", "");
                if (!allIntegers(n)) {
                    n = "\"" + PyStr.strip(n) + "\""; // not a list of numbers: shown as text
                }
                ctx.msr.volta = n;
            } else if (ctx.msr.rightBar.equals("|")) {
                ctx.msr.rightBar = "||";
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
