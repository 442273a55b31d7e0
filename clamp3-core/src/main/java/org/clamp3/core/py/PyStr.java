package org.clamp3.core.py;

import java.util.ArrayList;
import java.util.List;
import java.util.function.IntPredicate;

/**
 * Python's {@code str}: the character classes ({@code isspace}, {@code isalpha}, {@code isdecimal},
 * {@code isnumeric}, {@code isalnum}), {@code strip}, {@code split}, {@code splitlines}, {@code len},
 * {@code repr} and {@code str(None)}. Lengths and positions are in code points, as in Python.
 */
public final class PyStr {
    /** Characters {@code str.isnumeric()} accepts beyond the Unicode number categories (Unihan numerals). */
    private static final String HAN_NUMERALS =
            "㐅㒃㠪㭍一七万三九二五亖亿什仟仨伍佰億兆兩八六十千卄卅卌叁参參叄四壱壹幺廾廿弌弍弎弐拾捌柒漆玖百肆萬貮貳贰阡陆陌陸零參拾兩零六陸什"
            + "𠀁𠁤𠃢𠄡𠤪𠦃𠦌𠦜𠫪𠫽𠬙𢎐𢦘𣬛𦉭廾";

    private PyStr() {}

    /**
     * {@code str.isspace()} for one character; also what {@code strip()} removes and what
     * {@code \s} matches in a {@code re} pattern on text. ({@code int()} and {@code float()} trim less:
     * not U+001C..U+001F.)
     */
    public static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code str.isalpha()} for one code point (categories Lu, Ll, Lt, Lm, Lo). */
    public static boolean isAlpha(int c) {
        return Character.isLetter(c);
    }

    /** {@code str.isdecimal()} for one code point; also what {@code \d} matches in a {@code re} pattern on text. */
    public static boolean isDecimal(int c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code str.isnumeric()} for one code point. */
    public static boolean isNumeric(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || (c >= 0x3400 && HAN_NUMERALS.indexOf(Character.toString(c)) >= 0);
    }

    /** {@code str.isalnum()} for one code point; with '_' it is what {@code \w} matches in a {@code re} pattern on text. */
    public static boolean isAlnum(int c) {
        return isAlpha(c) || isNumeric(c);
    }

    /** {@code s.strip()}: Python whitespace removed from both ends. */
    public static String strip(String s) {
        return strip(s, PyStr::isSpace);
    }

    /** {@code s.strip(chars)}: the characters of {@code chars} removed from both ends. */
    public static String strip(String s, String chars) {
        return strip(s, c -> chars.indexOf(c) >= 0);
    }

    /** s without the code points at either end that {@code drop} accepts. */
    static String strip(String s, IntPredicate drop) {
        int start = 0;
        int end = s.length();
        while (start < end && drop.test(s.codePointAt(start))) {
            start += Character.charCount(s.codePointAt(start));
        }
        while (end > start && drop.test(s.codePointBefore(end))) {
            end -= Character.charCount(s.codePointBefore(end));
        }
        return s.substring(start, end);
    }

    /** {@code len(s)}: code points, not UTF-16 units. */
    public static int len(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    /** {@code s.split(sep)}: every occurrence of sep separates, empty pieces kept. */
    public static List<String> split(String s, String sep) {
        if (sep.isEmpty()) {
            throw new PyError("empty separator");
        }
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(sep, from);
            if (at < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, at));
            from = at + sep.length();
        }
    }

    /** {@code s.splitlines()}: every Unicode line boundary ends a line, {@code \r\n} counting as one. */
    public static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            if (!isLineBoundary(ch)) {
                i++;
                continue;
            }
            out.add(s.substring(start, i));
            i += (ch == '\r' && i + 1 < n && s.charAt(i + 1) == '\n') ? 2 : 1;
            start = i;
        }
        if (start < n) {
            out.add(s.substring(start));
        }
        return out;
    }

    private static boolean isLineBoundary(char ch) {
        return ch == '\n' || ch == '\r' || ch == 0x0B || ch == 0x0C || ch == 0x1C || ch == 0x1D || ch == 0x1E
                || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
    }

    /** {@code str(s)} where s may be None. */
    public static String str(String s) {
        return s == null ? "None" : s;
    }

    /** {@code repr(s)}: quoted and escaped as Python 3 prints a string. */
    public static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        String shortEscapes = "\\\t\n\r" + quote;
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        s.codePoints().forEach(c -> {
            if (!appendShortEscape(b, c, shortEscapes)) {
                if (isPrintable(c)) {
                    b.appendCodePoint(c);
                } else {
                    appendHexEscape(b, c);
                }
            }
        });
        return b.append(quote).toString();
    }

    /**
     * Appends c as a backslash and one letter ({@code \t}, {@code \n}, {@code \"}, ...) when c is one
     * of {@code escaped}; each of Python's ways of escaping text has its own set.
     */
    static boolean appendShortEscape(StringBuilder b, int c, String escaped) {
        if (c > 0x7F || escaped.indexOf(c) < 0) {
            return false;
        }
        b.append('\\').append(switch (c) {
            case '\t' -> 't';
            case '\n' -> 'n';
            case '\r' -> 'r';
            case '\b' -> 'b';
            case '\f' -> 'f';
            default -> (char) c;
        });
        return true;
    }

    /** Python's hex escape of c: x with 2, u with 4 or U with 8 digits, the shortest that holds c. */
    static void appendHexEscape(StringBuilder b, int c) {
        if (c <= 0xFF) {
            b.append("\\x").append(hex(c, 2));
        } else if (c <= 0xFFFF) {
            b.append("\\u").append(hex(c, 4));
        } else {
            b.append("\\U").append(hex(c, 8));
        }
    }

    private static String hex(int c, int digits) {
        String h = Integer.toHexString(c);
        return "0".repeat(Math.max(0, digits - h.length())) + h;
    }

    /** {@code str.isprintable()} for one code point. */
    private static boolean isPrintable(int c) {
        if (c == ' ') {
            return true;
        }
        return switch (Character.getType(c)) {
            case Character.CONTROL, Character.FORMAT, Character.SURROGATE, Character.PRIVATE_USE,
                    Character.UNASSIGNED, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR,
                    Character.SPACE_SEPARATOR -> false;
            default -> true;
        };
    }
}
