package org.clamp3.core.py;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Python's {@code unicode_escape} codec both ways and its strict {@code latin-1} encoder, with
 * Python's error messages. (The escaping of {@code unicode_escape} is not {@link PyStr#repr}'s:
 * it leaves quotes alone and escapes every non-ASCII character.)
 */
public final class PyCodecs {
    private PyCodecs() {}

    /** {@code s.encode('unicode_escape')}, as the ASCII text it is. */
    public static String unicodeEscapeEncode(String s) {
        StringBuilder b = new StringBuilder(s.length() + 8);
        s.codePoints().forEach(c -> {
            if (PyStr.appendShortEscape(b, c, "\\\t\n\r")) {
                return;
            }
            if (c < 0x20 || c >= 0x7F) {
                PyStr.appendHexEscape(b, c);
            } else {
                b.append((char) c);
            }
        });
        return b.toString();
    }

    /**
     * {@code data.decode('unicode_escape')}: backslash escapes resolved, every other byte read as
     * latin-1. An unknown escape keeps its backslash. {@code \N{name}} knows the names Java knows
     * (not Python's aliases).
     *
     * @throws PyError Python's UnicodeDecodeError message
     */
    public static String unicodeEscapeDecode(byte[] data) {
        StringBuilder out = new StringBuilder(data.length);
        int n = data.length;
        int i = 0;
        while (i < n) {
            int ch = data[i] & 0xFF;
            if (ch != '\\') {
                out.append((char) ch);
                i++;
                continue;
            }
            int start = i++;
            if (i >= n) {
                throw decodeError(data, start, i, "\\ at end of string");
            }
            int e = data[i++] & 0xFF;
            switch (e) {
                case '\n' -> { }
                case '\\', '\'', '"' -> out.append((char) e);
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                case 't' -> out.append('\t');
                case 'n' -> out.append('\n');
                case 'r' -> out.append('\r');
                case 'v' -> out.append('\u000b');
                case 'a' -> out.append('\u0007');
                case '0', '1', '2', '3', '4', '5', '6', '7' -> {
                    int cp = e - '0';
                    for (int k = 0; k < 2 && i < n && data[i] >= '0' && data[i] <= '7'; k++) {
                        cp = (cp << 3) + (data[i++] - '0');
                    }
                    out.append((char) cp);
                }
                case 'x', 'u', 'U' -> {
                    int digits = e == 'x' ? 2 : e == 'u' ? 4 : 8;
                    String what = e == 'x' ? "\\xXX" : e == 'u' ? "\\uXXXX" : "\\UXXXXXXXX";
                    long cp = 0;
                    for (int k = 0; k < digits; k++) {
                        int d = i < n ? Character.digit(data[i], 16) : -1;
                        if (d < 0) {
                            throw decodeError(data, start, i, "truncated " + what + " escape");
                        }
                        cp = (cp << 4) | d;
                        i++;
                    }
                    if (cp > Character.MAX_CODE_POINT) {
                        throw decodeError(data, start, i, "illegal Unicode character");
                    }
                    out.appendCodePoint((int) cp);
                }
                case 'N' -> i = appendNamed(out, data, start, i);
                default -> out.append('\\').append((char) e);
            }
        }
        return out.toString();
    }

    /** {@code \N{name}} whose 'N' ends before i; returns the index after it. */
    private static int appendNamed(StringBuilder out, byte[] data, int start, int i) {
        String malformed = "malformed \\N character escape";
        if (i >= data.length || data[i] != '{') {
            throw decodeError(data, start, i, malformed);
        }
        int close = i + 1;
        while (close < data.length && data[close] != '}') {
            close++;
        }
        if (close >= data.length || close == i + 1) {
            throw decodeError(data, start, close, malformed);
        }
        String name = new String(data, i + 1, close - i - 1, StandardCharsets.ISO_8859_1);
        int cp;
        try {
            // Java also trims the name, which Python does not
            cp = name.strip().equals(name) ? Character.codePointOf(name) : -1;
        } catch (IllegalArgumentException e) {
            cp = -1;
        }
        if (cp < 0) {
            throw decodeError(data, start, close + 1, "unknown Unicode character name");
        }
        out.appendCodePoint(cp);
        return close + 1;
    }

    private static PyError decodeError(byte[] data, int start, int end, String reason) {
        String where = end == start + 1
                ? String.format("byte 0x%02x in position %d", data[start] & 0xFF, start)
                : "bytes in position " + start + "-" + (end - 1);
        return new PyError("'unicodeescape' codec can't decode " + where + ": " + reason);
    }

    /**
     * {@code s.encode('latin-1')}.
     *
     * @throws PyError Python's UnicodeEncodeError message, naming the first run of characters above U+00FF
     */
    public static byte[] latin1Encode(String s) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(s.length());
        int position = 0;
        for (int i = 0; i < s.length(); position++) {
            int c = s.codePointAt(i);
            i += Character.charCount(c);
            if (c > 0xFF) {
                throw encodeError(s, c, position, i);
            }
            out.write(c);
        }
        return out.toByteArray();
    }

    private static PyError encodeError(String s, int first, int position, int next) {
        int end = position + 1;
        for (int i = next; i < s.length() && s.codePointAt(i) > 0xFF; i += Character.charCount(s.codePointAt(i))) {
            end++;
        }
        String what;
        if (end == position + 1) {
            StringBuilder c = new StringBuilder();
            PyStr.appendHexEscape(c, first);
            what = "character '" + c + "' in position " + position;
        } else {
            what = "characters in position " + position + "-" + (end - 1);
        }
        return new PyError("'latin-1' codec can't encode " + what + ": ordinal not in range(256)");
    }
}
