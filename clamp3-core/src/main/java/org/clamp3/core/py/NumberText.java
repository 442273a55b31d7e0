package org.clamp3.core.py;

/**
 * What {@code int()} and {@code float()} do to their text before parsing it (CPython's
 * {@code _PyUnicode_TransformDecimalAndSpaceToASCII} followed by stripping): non-ASCII decimal
 * digits become ASCII ones, non-ASCII whitespace becomes a space, any other non-ASCII character
 * becomes '?', which no number accepts. Leading and trailing whitespace is then C's {@code isspace}, so
 * U+001C..U+001F, which {@code str.strip()} removes, stay and make the number invalid.
 */
final class NumberText {
    private NumberText() {}

    /** The ASCII form of s without surrounding whitespace; a character no number can hold becomes '?'. */
    static String ascii(String s) {
        int n = s.length();
        StringBuilder sb = null;
        for (int i = 0; i < n; ) {
            int c = s.codePointAt(i);
            int width = Character.charCount(c);
            if (c >= 0x80) {
                if (sb == null) {
                    sb = new StringBuilder(n).append(s, 0, i);
                }
                if (PyStr.isSpace(c)) {
                    sb.append(' ');
                } else if (PyStr.isDecimal(c)) {
                    sb.append((char) ('0' + Character.digit(c, 10)));
                } else {
                    sb.append('?');
                }
            } else if (sb != null) {
                sb.append((char) c);
            }
            i += width;
        }
        return stripC(sb == null ? s : sb.toString());
    }

    private static String stripC(String s) {
        return PyStr.strip(s, c -> c == ' ' || (c >= '\t' && c <= '\r'));
    }

    /** Up to maxDigits ASCII digits after an optional '-': a number that needs no normalising. */
    static boolean isPlainDecimal(String s, int maxDigits) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > maxDigits) {
            return false;
        }
        for (int k = i; k < n; k++) {
            if (!isDigit(s.charAt(k))) {
                return false;
            }
        }
        return true;
    }

    static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }
}
