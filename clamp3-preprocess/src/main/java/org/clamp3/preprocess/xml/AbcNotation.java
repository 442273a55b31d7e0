package org.clamp3.preprocess.xml;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.clamp3.core.py.PyInt;

/** Pure translations of musical values to ABC text, as xml2abc writes them. */
final class AbcNotation {
    private static final String[] SHARPNESS = {"Fb", "Cb", "Gb", "Db", "Ab", "Eb", "Bb", "F", "C", "G", "D", "A", "E",
        "B", "F#", "C#", "G#", "D#", "A#", "E#", "B#"};
    private static final Map<String, Integer> MODE_OFFSET = Map.ofEntries(
            Map.entry("maj", 8), Map.entry("ion", 8), Map.entry("m", 11), Map.entry("min", 11), Map.entry("aeo", 11),
            Map.entry("mix", 9), Map.entry("dor", 10), Map.entry("phr", 12), Map.entry("lyd", 7), Map.entry("loc", 13),
            Map.entry("non", 8));
    private static final String SHARP_ORDER = "FCGDAEB";
    private static final String STEPS = "CDEFGAB";
    private static final int[] STEP_SEMITONES = {0, 2, 4, 5, 7, 9, 11};
    private static final Pattern ABC_NOTE = Pattern.compile("([_^]*)([A-Ga-g])([',]*)");

    private AbcNotation() {}

    /** Key name for the header/[K:] and the accidentals the key implies (step letter to alteration). */
    record Key(String name, Map<String, Integer> alterations) {}

    /** a/gcd, b/gcd with Python's sign rules. */
    static long[] simplify(long a, long b) {
        long x = a;
        long y = b;
        while (b != 0) {
            long t = PyInt.floorMod(a, b);
            a = b;
            b = t;
        }
        return new long[] {PyInt.floorDiv(x, a), PyInt.floorDiv(y, a)};
    }

    /** ABC length of a note relative to the unit 1/{@code unit}, given {@code divs} divisions per quarter. */
    static String duration(NoteItem n, long divs, int unit) {
        if (n.dur == 0) {
            return "";
        }
        long[] f = simplify(PyInt.mul(unit, n.dur), PyInt.mul(divs, 4));
        long num = f[0];
        long den = f[1];
        if (n.fact != null) {
            f = simplify(PyInt.mul(num, n.fact[0]), PyInt.mul(den, n.fact[1]));
            num = f[0];
            den = f[1];
        }
        if (den > 64) { // at most 1/64 resolution: round, snapping to a whole unit when just above it
            double x = (double) num / (double) den;
            double n0 = Math.floor(x);
            if (x - n0 < 0.1 * x) {
                num = (long) n0;
                den = 1;
            }
            double num64 = 64.0 * (double) num / (double) den + 1.0e-15;
            f = simplify((long) Math.rint(num64), 64);
            num = f[0];
            den = f[1];
        }
        if (num == 1) {
            return den == 1 ? "" : den == 2 ? "/" : "/" + den;
        }
        return den == 1 ? Long.toString(num) : num + "/" + den;
    }

    static Key key(long fifths, String mode) {
        String m = mode.toLowerCase(java.util.Locale.ROOT);
        m = m.substring(0, Math.min(3, m.length()));
        Integer off = MODE_OFFSET.get(m);
        if (off == null) {
            throw new ConversionFailure("unknown key mode '" + mode + "'");
        }
        long ix = off + fifths;
        if (ix < 0) {
            ix += SHARPNESS.length; // Python's negative index
        }
        if (ix < 0 || ix >= SHARPNESS.length) {
            throw new ConversionFailure("key with " + fifths + " fifths is out of range");
        }
        String name = SHARPNESS[(int) ix] + (off != 8 ? m : "");
        Map<String, Integer> alts = new HashMap<>();
        if (fifths >= 0) {
            for (int i = 0; i < Math.min(fifths, 7); i++) {
                alts.put(String.valueOf(SHARP_ORDER.charAt(i)), 1);
            }
        } else {
            int from = (int) Math.max(0, 7 + fifths);
            for (int i = from; i < 7; i++) {
                alts.put(String.valueOf(SHARP_ORDER.charAt(i)), -1);
            }
        }
        return new Key(name, alts);
    }

    /** ABC pitch without accidental of a step letter in an XML octave. */
    static String withOctave(String step, long octave) {
        String p = step;
        if (octave > 4) {
            p = step.toLowerCase(java.util.Locale.ROOT);
        }
        if (octave > 5) {
            p = p + "'".repeat(repeatCount(octave - 5));
        }
        if (octave < 4) {
            p = p + ",".repeat(repeatCount(4 - octave));
        }
        return p;
    }

    private static int repeatCount(long n) {
        if (n > 10_000) {
            throw new ConversionFailure("octave out of range");
        }
        return (int) n;
    }

    /** The step (letter and octave marks) a percussion note sits on, independent of the clef's octave rules. */
    static String staffStep(String step, long octave, String clef) {
        int ndif = 0;
        if (clef.contains("stafflines=1")) {
            ndif += 4; // one-line staff: the XML E means the ABC B
        }
        if (clef.startsWith("bass")) {
            ndif += 12; // bass staff positions read as treble
        }
        String ptc = step;
        long o = octave;
        if (ndif != 0) {
            int i = step.length() == 1 ? STEPS.indexOf(step) : -1;
            if (i < 0) {
                throw new ConversionFailure("invalid step '" + step + "'");
            }
            int n = i + ndif;
            ptc = String.valueOf(STEPS.charAt(n % 7));
            o = o + n / 7;
        }
        return withOctave(ptc, o);
    }

    /** MIDI pitch of an ABC note, or -1 when the text holds none. */
    static int midiPitch(String note) {
        Matcher m = ABC_NOTE.matcher(note);
        if (!m.find()) {
            return -1;
        }
        String acc = m.group(1);
        String n = m.group(2);
        String oct = m.group(3);
        String up = n.toUpperCase(java.util.Locale.ROOT);
        int p = 60 + STEP_SEMITONES[STEPS.indexOf(up)] + (up.equals(n) ? 0 : 12);
        if (!acc.isEmpty()) {
            p += (acc.charAt(0) == '^' ? 1 : -1) * acc.length();
        }
        if (!oct.isEmpty()) {
            p += (oct.charAt(0) == '\'' ? 12 : -12) * oct.length();
        }
        return p;
    }

    /** One measure's lyric line for a verse from the syllables of its notes; returns the text and the melisma state. */
    static Lyric lyricLine(List<String> syllables, boolean melisma) {
        if (String.join("", syllables).isEmpty()) {
            return new Lyric("", false);
        }
        List<String> out = new java.util.ArrayList<>();
        boolean melis = melisma;
        for (String x0 : syllables) {
            String x = x0;
            if (x.isEmpty()) {
                x = melis ? "_" : "*"; // note without a syllable: continues a melisma or is skipped
            } else if (x.endsWith("_") && !x.endsWith("\\_")) {
                x = x.replace("_", "");
                melis = true;
            } else {
                melis = false;
            }
            out.add(x);
        }
        return new Lyric(String.join(" ", out), melis);
    }

    /** A lyric line of one measure and whether a melisma runs on into the next. */
    record Lyric(String text, boolean melisma) {}
}
