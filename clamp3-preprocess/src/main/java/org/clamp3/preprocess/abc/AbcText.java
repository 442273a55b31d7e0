package org.clamp3.preprocess.abc;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.py.PyStr;

/**
 * Finding and removing the delimited pieces of ABC music text the original works with: quoted
 * strings {@code "…"}, decorations {@code !…!}, grace groups {@code {…}} and square-bracket groups
 * {@code […]} (chords and inline fields). Hand-written scanners with the exact matches of the
 * original's regular expressions, linear in the text whatever its brackets and quotes.
 */
final class AbcText {
    /**
     * The original removes matches one after another, each {@code str.replace} going over the whole
     * text again; past this much work (matches × text length) a text is refused rather than
     * spending minutes on it.
     */
    static final long MAX_REPLACE_WORK = 200_000_000L;

    private AbcText() {}

    /** Non-overlapping matches of {@code "[^"]*"} ({@code re.findall}). */
    static List<String> quotes(String s) {
        return delimited(s, '"', '"', true);
    }

    /** Non-overlapping matches of {@code \[[^\]]+\]}. */
    static List<String> squareBrackets(String s) {
        return delimited(s, '[', ']', false);
    }

    /** {@code re.sub("[^"]*", '', s)}. */
    static String withoutQuotes(String s) {
        return removeDelimited(s, '"', '"', true);
    }

    /** {@code re.sub(![^!]+!, '', s)}: decorations. */
    static String withoutDecorations(String s) {
        return removeDelimited(s, '!', '!', false);
    }

    /** {@code re.sub(\{[^}]+\}, '', s)}: grace-note groups. */
    static String withoutBraces(String s) {
        return removeDelimited(s, '{', '}', false);
    }

    /** Removes every {@code [X:…]} inline field (a letter then ':' after the bracket), as the original does. */
    static String withoutInlineFields(String s) {
        List<String> fields = new ArrayList<>();
        for (String m : squareBrackets(s)) {
            int first = m.codePointAt(1);
            int second = 1 + Character.charCount(first);
            if (PyStr.isAlpha(first) && m.charAt(second) == ':') {
                fields.add(m);
            }
        }
        return replaceEach(s, fields, "");
    }

    /** Removes quoted text annotations ({@code "^…"}, {@code "_…"}, {@code "<…"}, {@code ">…"}, {@code "@…"}); chord symbols stay. */
    static String withoutTextAnnotations(String s) {
        List<String> annotations = new ArrayList<>();
        for (String m : quotes(s)) {
            if ("^_<>@".indexOf(m.charAt(1)) >= 0) {
                annotations.add(m);
            }
        }
        return replaceEach(s, annotations, "");
    }

    /** {@code for t in targets: s = s.replace(t, replacement)}, refused when it would take too long. */
    static String replaceEach(String s, List<String> targets, String replacement) {
        if ((long) targets.size() * s.length() > MAX_REPLACE_WORK) {
            throw new TooComplexException(targets.size() + " quoted or bracketed groups in a text of "
                    + s.length() + " characters");
        }
        for (String t : targets) {
            s = s.replace(t, replacement);
        }
        return s;
    }

    private static List<String> delimited(String s, char open, char close, boolean emptyAllowed) {
        List<String> found = new ArrayList<>();
        int i = s.indexOf(open);
        while (i >= 0) {
            int end = s.indexOf(close, i + 1);
            if (end < 0) {
                break;
            }
            if (end == i + 1 && !emptyAllowed) {
                // "[]" or "!!": no match starts here; the closing character may open the next one
                i = s.indexOf(open, i + 1);
                continue;
            }
            found.add(s.substring(i, end + 1));
            i = s.indexOf(open, end + 1);
        }
        return found;
    }

    private static String removeDelimited(String s, char open, char close, boolean emptyAllowed) {
        StringBuilder b = null;
        int copied = 0;
        int i = s.indexOf(open);
        while (i >= 0) {
            int end = s.indexOf(close, i + 1);
            if (end < 0) {
                break;
            }
            if (end == i + 1 && !emptyAllowed) {
                i = s.indexOf(open, i + 1);
                continue;
            }
            if (b == null) {
                b = new StringBuilder(s.length());
            }
            b.append(s, copied, i);
            copied = end + 1;
            i = s.indexOf(open, end + 1);
        }
        return b == null ? s : b.append(s, copied, s.length()).toString();
    }
}
