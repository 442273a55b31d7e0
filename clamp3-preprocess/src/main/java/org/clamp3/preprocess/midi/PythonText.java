package org.clamp3.preprocess.midi;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * The bits of Python's string handling the MTF scripts rely on: {@code unicode_escape} both ways,
 * {@code str.split(" ")}, {@code str.splitlines()}, {@code int(str)} and {@code float(str)}.
 */
final class PythonText {
    private PythonText() {}

    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Appends latin-1 bytes as Python's {@code str.encode('unicode_escape')} writes them. */
    static void appendEscaped(StringBuilder sb, byte[] latin1) {
        for (byte x : latin1) {
            int ch = x & 0xff;
            if (ch == '\\') {
                sb.append("\\\\");
            } else if (ch == '\t') {
                sb.append("\\t");
            } else if (ch == '\n') {
                sb.append("\\n");
            } else if (ch == '\r') {
                sb.append("\\r");
            } else if (ch < 0x20 || ch >= 0x7f) {
                sb.append("\\x").append(HEX[ch >> 4]).append(HEX[ch & 15]);
            } else {
                sb.append((char) ch);
            }
        }
    }

    /**
     * {@code s.encode('utf-8').decode('unicode_escape').encode('latin-1')}: what the original writes
     * into a MIDI text meta for an MTF text field. Characters above U+00FF cannot be written.
     */
    static byte[] unescapeToLatin1(String s) {
        byte[] in = s.getBytes(java.nio.charset.StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(in.length);
        int i = 0;
        while (i < in.length) {
            int ch = in[i++] & 0xff;
            if (ch != '\\') {
                out.write(ch);
                continue;
            }
            if (i >= in.length) {
                throw new MidiFormatException("\\ at end of string");
            }
            int e = in[i++] & 0xff;
            int cp;
            switch (e) {
                case '\n' -> { continue; }
                case '\\' -> cp = '\\';
                case '\'' -> cp = '\'';
                case '"' -> cp = '"';
                case 'b' -> cp = 8;
                case 'f' -> cp = 12;
                case 't' -> cp = 9;
                case 'n' -> cp = 10;
                case 'r' -> cp = 13;
                case 'v' -> cp = 11;
                case 'a' -> cp = 7;
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    cp = e - '0';
                    for (int k = 0; k < 2 && i < in.length && in[i] >= '0' && in[i] <= '7'; k++) {
                        cp = (cp << 3) + (in[i++] - '0');
                    }
                }
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    cp = 0;
                    for (int k = 0; k < digits; k++) {
                        int d = i < in.length ? Character.digit(in[i], 16) : -1;
                        if (d < 0) {
                            throw new MidiFormatException("truncated \\" + (char) e + " escape");
                        }
                        cp = (cp << 4) | d;
                        i++;
                    }
                    if (e == 'U' && (cp < 0 || cp > 0x10ffff)) {
                        throw new MidiFormatException("illegal Unicode character in \\U escape");
                    }
                }
                case 'N' -> {
                    int close = -1;
                    if (i < in.length && in[i] == '{') {
                        for (int k = i + 1; k < in.length; k++) {
                            if (in[k] == '}') {
                                close = k;
                                break;
                            }
                        }
                    }
                    if (close <= i + 1) {
                        throw new MidiFormatException("malformed \\N character escape");
                    }
                    String name = new String(in, i + 1, close - i - 1, java.nio.charset.StandardCharsets.ISO_8859_1);
                    try {
                        cp = name.strip().equals(name) ? Character.codePointOf(name) : -1;
                    } catch (IllegalArgumentException ex) {
                        cp = -1;
                    }
                    if (cp < 0) {
                        throw new MidiFormatException("unknown Unicode character name in \\N escape");
                    }
                    i = close + 1;
                }
                default -> {
                    // unknown escape: Python keeps the backslash and reads the character normally
                    out.write('\\');
                    i--;
                    continue;
                }
            }
            if (cp > 0xff) {
                throw new MidiFormatException(String.format("text character U+%04X cannot be written to MIDI (latin-1)", cp));
            }
            out.write(cp);
        }
        return out.toByteArray();
    }

    /** Python's {@code str.isspace()} for one code point. */
    static boolean isSpace(int cp) {
        return (cp >= 9 && cp <= 13) || (cp >= 0x1c && cp <= 0x20) || cp == 0x85 || cp == 0xa0 || cp == 0x1680
                || (cp >= 0x2000 && cp <= 0x200a) || cp == 0x2028 || cp == 0x2029 || cp == 0x202f || cp == 0x205f || cp == 0x3000;
    }

    /** Python's {@code s.split(" ")}: every single space separates, empty pieces kept. */
    static List<String> splitSpace(String s) {
        List<String> out = new ArrayList<>();
        int from = 0;
        while (true) {
            int at = s.indexOf(' ', from);
            if (at < 0) {
                out.add(s.substring(from));
                return out;
            }
            out.add(s.substring(from, at));
            from = at + 1;
        }
    }

    /** Python's {@code str.splitlines()}. */
    static List<String> splitLines(String s) {
        List<String> out = new ArrayList<>();
        int n = s.length();
        int start = 0;
        int i = 0;
        while (i < n) {
            char ch = s.charAt(i);
            boolean eol = ch == '\n' || ch == '\r' || ch == 0x0b || ch == 0x0c || ch == 0x1c || ch == 0x1d || ch == 0x1e
                    || ch == 0x85 || ch == 0x2028 || ch == 0x2029;
            if (!eol) {
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

    /** Strips Python whitespace and turns Unicode decimal digits into ASCII, as int()/float() do first. */
    private static String normalizeNumber(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && isSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && isSpace(s.charAt(b - 1))) {
            b--;
        }
        StringBuilder sb = new StringBuilder(b - a);
        for (int i = a; i < b; ) {
            int cp = s.codePointAt(i);
            i += Character.charCount(cp);
            if (cp > 127 && Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
                sb.append((char) ('0' + Character.digit(cp, 10)));
            } else {
                sb.appendCodePoint(cp);
            }
        }
        return sb.toString();
    }

    private static final java.util.regex.Pattern INT = java.util.regex.Pattern.compile("[+-]?[0-9](?:_?[0-9])*");
    private static final java.util.regex.Pattern FLOAT = java.util.regex.Pattern.compile(
            "[+-]?(?:(?:[0-9](?:_?[0-9])*)(?:\\.(?:[0-9](?:_?[0-9])*)?)?|\\.[0-9](?:_?[0-9])*)(?:[eE][+-]?[0-9](?:_?[0-9])*)?");
    private static final java.util.regex.Pattern SPECIAL = java.util.regex.Pattern.compile(
            "[+-]?(?:inf|infinity|nan)", java.util.regex.Pattern.CASE_INSENSITIVE);

    /** The value of a plain decimal like {@code 480} or {@code -5} (at most 18 digits), or null if it is not one. */
    private static Long plainDecimal(String s) {
        int n = s.length();
        int i = n > 0 && s.charAt(0) == '-' ? 1 : 0;
        if (n == i || n - i > 18) {
            return null;
        }
        long v = 0;
        for (int k = i; k < n; k++) {
            char ch = s.charAt(k);
            if (ch < '0' || ch > '9') {
                return null;
            }
            v = v * 10 + (ch - '0');
        }
        return i == 1 ? -v : v;
    }

    /** Python's {@code int(s)} (base 10); values beyond a long are refused like a bad literal. */
    static long parseInt(String s) {
        Long fast = plainDecimal(s);
        if (fast != null) {
            return fast;
        }
        String t = normalizeNumber(s);
        if (!INT.matcher(t).matches()) {
            throw new MidiFormatException("invalid literal for int() with base 10: '" + s + "'");
        }
        try {
            return Long.parseLong(t.replace("_", "").replaceFirst("^\\+", ""));
        } catch (NumberFormatException e) {
            throw new MidiFormatException("integer too large: '" + s + "'");
        }
    }

    /** Python's {@code float(s)}. */
    static double parseFloat(String s) {
        Long fast = plainDecimal(s);
        if (fast != null) {
            return fast == 0 && s.startsWith("-") ? -0.0 : fast;
        }
        String t = normalizeNumber(s);
        if (SPECIAL.matcher(t).matches()) {
            boolean neg = t.startsWith("-");
            return t.toLowerCase(java.util.Locale.ROOT).contains("nan") ? Double.NaN
                    : neg ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (!FLOAT.matcher(t).matches()) {
            throw new MidiFormatException("could not convert string to float: '" + s + "'");
        }
        return Double.parseDouble(t.replace("_", ""));
    }
}
