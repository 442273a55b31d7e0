package org.clamp3.preprocess.abc;

import java.math.BigInteger;
import java.util.List;

/**
 * The few Python built-in behaviours the original's output depends on: what {@code str.strip},
 * {@code isalpha}, {@code isnumeric} accept, negative list indices, {@code int()} and {@code repr()}.
 */
final class Py {
    /** Characters that {@code str.isnumeric()} accepts beyond the Unicode number categories (Unihan numerals). */
    private static final String HAN_NUMERALS =
            "㐅㒃㠪㭍一七万三九二五亖亿什仟仨伍佰億兆兩八六十千卄卅卌叁参參叄四壱壹幺廾廿弌弍弎弐拾捌柒漆玖百肆萬貮貳贰阡陆陌陸零參拾兩零六陸什"
            + "𠀁𠁤𠃢𠄡𠤪𠦃𠦌𠦜𠫪𠫽𠬙𢎐𢦘𣬛𦉭廾";

    private Py() {}

    /** {@code str.isspace()} for one character. */
    static boolean isSpace(int c) {
        return (c >= 0x09 && c <= 0x0D) || (c >= 0x1C && c <= 0x20) || c == 0x85 || c == 0xA0 || c == 0x1680
                || (c >= 0x2000 && c <= 0x200A) || c == 0x2028 || c == 0x2029 || c == 0x202F || c == 0x205F
                || c == 0x3000;
    }

    /** {@code str.strip()}: all Python whitespace removed from both ends. */
    static String strip(String s) {
        int start = 0;
        int end = s.length();
        while (start < end && isSpace(s.charAt(start))) {
            start++;
        }
        while (end > start && isSpace(s.charAt(end - 1))) {
            end--;
        }
        return s.substring(start, end);
    }

    static boolean isBlank(String s) {
        return strip(s).isEmpty();
    }

    /** {@code str.isalpha()} for one code point (categories Lu, Ll, Lt, Lm, Lo). */
    static boolean isAlpha(int c) {
        return Character.isLetter(c);
    }

    /** {@code str.isdecimal()} for one code point, which is also what {@code \d} matches. */
    static boolean isDecimal(int c) {
        return Character.getType(c) == Character.DECIMAL_DIGIT_NUMBER;
    }

    /** {@code str.isnumeric()} for one code point. */
    static boolean isNumeric(int c) {
        int type = Character.getType(c);
        return type == Character.DECIMAL_DIGIT_NUMBER || type == Character.LETTER_NUMBER
                || type == Character.OTHER_NUMBER || (c >= 0x3400 && HAN_NUMERALS.indexOf(Character.toString(c)) >= 0);
    }

    /** Python's length of a string: code points, not UTF-16 units. */
    static int length(String s) {
        return s.codePointCount(0, s.length());
    }

    /** {@code list[i]} with Python's negative indices and its IndexError. */
    static <T> T get(List<T> list, int i) {
        int j = i < 0 ? i + list.size() : i;
        if (j < 0 || j >= list.size()) {
            throw PythonError.listIndex();
        }
        return list.get(j);
    }

    /** {@code list[from:to]} for non-negative bounds, clamped as Python slices are. */
    static <T> List<T> slice(List<T> list, int from, int to) {
        int a = Math.min(Math.max(from, 0), list.size());
        int b = Math.min(Math.max(to, 0), list.size());
        return a >= b ? List.of() : list.subList(a, b);
    }

    /** Python 3.11 refuses to convert longer digit strings to int (CVE-2020-10735). */
    private static final int MAX_INT_DIGITS = 4300;

    /**
     * {@code int(s)} for a string of numeric characters: decimal digits of any script, at most
     * 4300 of them, else Python's ValueError.
     */
    static BigInteger parseInt(String s) {
        int count = s.codePointCount(0, s.length());
        if (count > MAX_INT_DIGITS && s.codePoints().allMatch(Py::isDecimal)) {
            throw new PythonError("Exceeds the limit (" + MAX_INT_DIGITS + " digits) for integer string conversion: value has "
                    + count + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        StringBuilder digits = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            if (!isDecimal(c)) {
                throw invalidInt(s);
            }
            digits.append((char) ('0' + Character.digit(c, 10)));
            i += Character.charCount(c);
        }
        if (digits.length() == 0) {
            throw invalidInt(s);
        }
        return new BigInteger(digits.toString());
    }

    /** Python's ValueError of {@code int()}, which shows at most 200 characters of the text's repr. */
    private static PythonError invalidInt(String s) {
        String shown = repr(s);
        int end = shown.offsetByCodePoints(0, Math.min(200, shown.codePointCount(0, shown.length())));
        return new PythonError("invalid literal for int() with base 10: " + shown.substring(0, end));
    }

    /** {@code repr(s)}: quoted and escaped as Python 3 prints a string. */
    static String repr(String s) {
        char quote = s.indexOf('\'') >= 0 && s.indexOf('"') < 0 ? '"' : '\'';
        StringBuilder b = new StringBuilder(s.length() + 2).append(quote);
        for (int i = 0; i < s.length(); ) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c == quote || c == '\\') {
                b.append('\\').appendCodePoint(c);
            } else if (c == '\t') {
                b.append("\\t");
            } else if (c == '\n') {
                b.append("\\n");
            } else if (c == '\r') {
                b.append("\\r");
            } else if (isPrintable(c)) {
                b.appendCodePoint(c);
            } else if (c <= 0xFF) {
                b.append(String.format("\\x%02x", c));
            } else if (c <= 0xFFFF) {
                b.append(String.format("\\u%04x", c));
            } else {
                b.append(String.format("\\U%08x", c));
            }
        }
        return b.append(quote).toString();
    }

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
