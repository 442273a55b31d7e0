package org.clamp3.preprocess.abc;

import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyList;
import org.clamp3.core.py.PyStr;

/**
 * The length of one bar in unit notes, computed from the text alone as abctoolkit's
 * {@code calculate_bartext_duration} does: notes and rests with their length numbers, broken
 * rhythm ({@code <}, {@code >}) and tuplets ({@code (3}, {@code (p:q:r}); chords count as one note.
 * Only used to warn about voices whose bars differ in length.
 */
final class BarDuration {
    private static final String NOTES = "AaBbCcDdEeFfGgXxZz";
    private static final String PITCH_SIGNS = "_=^',";
    /** Letters and signs the original deletes before reading lengths (decorations, ties, slur ends, dots). */
    private static final String IGNORED = "PSOsouvUVTM.-)" + PITCH_SIGNS;
    /**
     * Resolving tuplets takes one pass over the bar per nesting level; past this many element
     * visits in one bar beyond a few passes (far beyond real music) the bar is refused rather
     * than computed.
     */
    private static final long MAX_TUPLET_WORK = 5_000_000L;

    private BarDuration() {}

    /**
     * The bar's duration, or null when the original cannot compute it; then the bar text and
     * the reason are added to {@code messages}, as the original prints them. A chord holding
     * anything but notes throws, as it does in the original (that ends the whole conversion).
     */
    static Fraction of(String barText, List<PipelineMessage> messages) {
        String text = chordsAsNotes(AbcText.withoutInlineFields(
                AbcText.withoutBraces(AbcText.withoutDecorations(AbcText.withoutQuotes(barText)))));
        text = text.replace('x', 'z').replace('X', 'z');
        try {
            return sum(elements(withoutIgnored(text)));
        } catch (PyError e) {
            messages.add(PipelineMessage.plain(barText + " " + e.getMessage()));
            return null;
        }
    }

    /** Replaces each chord {@code […]} by a single note C; a chord with other symbols is an error. */
    private static String chordsAsNotes(String text) {
        List<String> chords = AbcText.squareBrackets(text);
        for (String chord : chords) {
            boolean legal = chord.codePoints().allMatch(c -> NOTES.indexOf(c) >= 0 || PITCH_SIGNS.indexOf(c) >= 0
                    || c == '[' || c == ']' || c == '-');
            if (!legal) {
                throw new PyError("Illegal symbol in [] " + chord);
            }
        }
        return AbcText.replaceEach(text, chords, "C");
    }

    /** Deletes the ignored characters, and each '(' not followed by a number (slurs). */
    private static String withoutIgnored(String text) {
        StringBuilder kept = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            if (IGNORED.indexOf(text.charAt(i)) < 0) {
                kept.append(text.charAt(i));
            }
        }
        int[] cps = kept.codePoints().toArray();
        StringBuilder b = new StringBuilder(kept.length());
        for (int i = 0; i < cps.length; i++) {
            if (cps[i] != '(' || (i + 1 < cps.length && PyStr.isNumeric(cps[i + 1]))) {
                b.appendCodePoint(cps[i]);
            }
        }
        return b.toString();
    }

    /**
     * Cuts the text into elements: a note letter with what follows up to the next note, '(',
     * '<' or '>'; a tuplet sign '(' with its digits and colons; a run of '<'/'>'. Anything
     * before the first element is skipped.
     */
    private static List<String> elements(String text) {
        int[] cps = text.codePoints().toArray();
        List<String> elements = new ArrayList<>();
        int i = 0;
        while (i < cps.length) {
            int c = cps[i];
            int end = i + 1;
            if (NOTES.indexOf(c) >= 0) {
                while (end < cps.length && NOTES.indexOf(cps[end]) < 0 && cps[end] != '(' && cps[end] != '<' && cps[end] != '>') {
                    end++;
                }
            } else if (c == '(') {
                while (codePointAt(cps, end) == ':' || PyStr.isNumeric(codePointAt(cps, end))) {
                    end++;
                }
            } else if (c == '<' || c == '>') {
                while (codePointAt(cps, end) == '<' || codePointAt(cps, end) == '>') {
                    end++;
                }
            } else {
                i++;
                continue;
            }
            elements.add(PyStr.strip(new String(cps, i, end - i)));
            i = end;
        }
        return elements;
    }

    private static int codePointAt(int[] cps, int i) {
        if (i >= cps.length) {
            throw PyError.stringIndex();
        }
        return cps[i];
    }

    /** Adds up the elements' lengths, resolving broken rhythm and tuplets as the original does. */
    private static Fraction sum(List<String> elements) {
        int n = elements.size();
        Fraction[] dur = new Fraction[n];
        Arrays.fill(dur, Fraction.MINUS_ONE);
        for (int i = 0; i < n; i++) {
            if (PyStr.isAlpha(elements.get(i).codePointAt(0))) {
                dur[i] = noteLength(elements.get(i));
            }
        }
        // broken rhythm: the pair's total sits on the sign; i - 1 is Python's -1 (the last) for i = 0
        for (int i = 0; i < n; i++) {
            char c = elements.get(i).charAt(0);
            if (c == '<' || c == '>') {
                int before = i == 0 ? n - 1 : i - 1;
                if (i + 1 >= n) {
                    throw PyError.listIndex();
                }
                dur[i] = dur[before].plus(dur[i + 1]);
                dur[before] = Fraction.ZERO;
                dur[i + 1] = Fraction.ZERO;
            }
        }
        resolveTuplets(elements, dur);
        Fraction total = Fraction.ZERO;
        for (Fraction d : dur) {
            total = total.plus(d);
        }
        return total;
    }

    /**
     * Gives each tuplet sign the scaled length of the r notes it covers (zeroing theirs), inner
     * tuplets first: passes over the elements until no sign is left unresolved.
     */
    private static void resolveTuplets(List<String> elements, Fraction[] dur) {
        long budget = MAX_TUPLET_WORK + 4L * elements.size();
        long work = 0;
        boolean unresolved = Arrays.asList(dur).contains(Fraction.MINUS_ONE);
        while (unresolved) {
            unresolved = false;
            work = spend(work, elements.size(), budget);
            for (int i = 0; i < elements.size(); i++) {
                String e = elements.get(i);
                if (!dur[i].equals(Fraction.MINUS_ONE)) {
                    continue;
                }
                if (e.charAt(0) != '(') {
                    throw new PyError("Uncertain element");
                }
                unresolved = true;
                BigInteger[] pqr = tupletRatio(e);
                BigInteger p = pqr[0];
                BigInteger q = pqr[1];
                BigInteger r = pqr[2];
                if (p.signum() == 0 || q.signum() == 0 || r.signum() == 0) {
                    throw new PyError("Illegal (p:q:r (" + p + ":" + q + ":" + r);
                }
                int end = i + 1;
                BigInteger notes = BigInteger.ZERO;
                boolean blocked = false;
                while (notes.compareTo(r) < 0) {
                    work = spend(work, 1, budget);
                    String covered = PyList.get(elements, end);
                    if (PyStr.isAlpha(covered.codePointAt(0))) {
                        notes = notes.add(BigInteger.ONE);
                    } else if (dur[end].equals(Fraction.MINUS_ONE)) {
                        blocked = true;
                        break;
                    }
                    end++;
                }
                if (blocked) {
                    continue;
                }
                Fraction covered = Fraction.ZERO;
                for (int k = i + 1; k < end; k++) {
                    covered = covered.plus(dur[k]);
                    dur[k] = Fraction.ZERO;
                }
                dur[i] = covered.times(Fraction.of(q, p)).snappedToInteger();
            }
        }
    }

    private static long spend(long work, long steps, long budget) {
        if (work + steps > budget) {
            throw new TooComplexException("tuplets chained too deep in one bar");
        }
        return work + steps;
    }

    /** p, q, r of a tuplet sign: "(3" is 3:2:3, otherwise "(p:q:r" with all three given. */
    private static BigInteger[] tupletRatio(String sign) {
        if (sign.equals("(3")) {
            return new BigInteger[] {BigInteger.valueOf(3), BigInteger.valueOf(2), BigInteger.valueOf(3)};
        }
        List<String> parts = Arrays.asList(sign.substring(1).split(":", -1));
        return new BigInteger[] {PyInt.parse(PyList.get(parts, 0)), PyInt.parse(PyList.get(parts, 1)), PyInt.parse(PyList.get(parts, 2))};
    }

    /** A note's length: the number after it (letters removed), "/" meaning 1/2 and "/n" meaning 1/n. */
    private static Fraction noteLength(String note) {
        String digits = PyStr.strip(note).replaceAll("[a-zA-Z]", "");
        if (digits.isEmpty()) {
            return Fraction.ONE;
        }
        if (digits.equals("/")) {
            return Fraction.of(BigInteger.ONE, BigInteger.TWO);
        }
        return Fraction.parse(digits.startsWith("/") ? "1" + digits : digits);
    }
}
