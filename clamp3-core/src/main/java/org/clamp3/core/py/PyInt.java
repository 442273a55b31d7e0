package org.clamp3.core.py;

import java.math.BigInteger;

/**
 * Python's {@code int}: {@code int(text)} in base 10, and {@code //}, {@code %}, {@code +}, {@code *}
 * on ints. Python's ints have no size limit; the {@code long} methods are for ports that keep 64
 * bits and refuse (with a {@link PyError}) what would not fit, where Python would carry on.
 */
public final class PyInt {
    /** Python 3.11's default {@code sys.get_int_max_str_digits()} (CVE-2020-10735). */
    public static final int MAX_STR_DIGITS = 4300;

    private PyInt() {}

    /**
     * {@code int(s)}: surrounding whitespace, one sign, decimal digits of any script, single
     * underscores between digits; at most {@value #MAX_STR_DIGITS} digits.
     *
     * @throws PyError with Python's message where Python raises ValueError or TypeError
     */
    public static BigInteger parse(String s) {
        return new BigInteger(normalized(s));
    }

    /**
     * {@code int(s)} for a value that must fit a {@code long}.
     *
     * @throws PyError as {@link #parse}, and "integer too large" for a value beyond 64 bits
     */
    public static long parseLong(String s) {
        if (s != null && NumberText.isPlainDecimal(s, 18)) { // certainly a long
            return Long.parseLong(s);
        }
        try {
            return Long.parseLong(normalized(s));
        } catch (NumberFormatException e) {
            throw new PyError("integer too large: '" + s + "'");
        }
    }

    /** The value as an optional '-' and ASCII digits, checked in the order CPython checks. */
    private static String normalized(String s) {
        if (s == null) {
            throw new PyError("int() argument must be a string, a bytes-like object or a real number, not 'NoneType'");
        }
        String t = NumberText.ascii(s);
        int n = t.length();
        int i = 0;
        boolean negative = false;
        if (i < n && (t.charAt(i) == '+' || t.charAt(i) == '-')) {
            negative = t.charAt(i) == '-';
            i++;
        }
        if (i >= n || !NumberText.isDigit(t.charAt(i))) {
            throw invalid(s);
        }
        StringBuilder digits = new StringBuilder(n - i + 1);
        if (negative) {
            digits.append('-');
        }
        int count = 0;
        while (i < n) {
            char c = t.charAt(i);
            if (NumberText.isDigit(c)) {
                digits.append(c);
                count++;
                i++;
            } else if (c == '_') {
                if (i + 1 >= n || !NumberText.isDigit(t.charAt(i + 1))) {
                    throw invalid(s); // a doubled or trailing underscore
                }
                i++;
            } else {
                break;
            }
        }
        if (count > MAX_STR_DIGITS) { // checked before what follows the digits, as CPython does
            throw new PyError("Exceeds the limit (" + MAX_STR_DIGITS + " digits) for integer string conversion: value has "
                    + count + " digits; use sys.set_int_max_str_digits() to increase the limit");
        }
        if (i != n) {
            throw invalid(s);
        }
        return digits.toString();
    }

    /** Python's ValueError, which shows at most 200 characters of the text's repr. */
    private static PyError invalid(String s) {
        String shown = PyStr.repr(s);
        int end = shown.offsetByCodePoints(0, Math.min(200, shown.codePointCount(0, shown.length())));
        return new PyError("invalid literal for int() with base 10: " + shown.substring(0, end));
    }

    /** {@code a // b}: rounded towards minus infinity. */
    public static long floorDiv(long a, long b) {
        if (b == 0) {
            throw new PyError("integer division or modulo by zero");
        }
        if (a == Long.MIN_VALUE && b == -1) {
            throw tooLarge();
        }
        return Math.floorDiv(a, b);
    }

    /** {@code a % b}: the sign of b. */
    public static long floorMod(long a, long b) {
        if (b == 0) {
            throw new PyError("integer modulo by zero");
        }
        return Math.floorMod(a, b);
    }

    /** {@code a + b}, refused beyond 64 bits. */
    public static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw tooLarge();
        }
    }

    /** {@code a * b}, refused beyond 64 bits. */
    public static long mul(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw tooLarge();
        }
    }

    private static PyError tooLarge() {
        return new PyError("number too large");
    }
}
