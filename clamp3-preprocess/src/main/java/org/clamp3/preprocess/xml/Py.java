package org.clamp3.preprocess.xml;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * The few Python built-ins whose exact behaviour shows in xml2abc's output: {@code int()} and
 * {@code float()} of text, {@code str.strip()}, {@code '%.0f'}, floor division and modulo, and
 * string length in code points. A conversion Python would refuse fails with {@link ConversionFailure}.
 */
final class Py {
    private static final Pattern INT = Pattern.compile("[+-]?\\d+(?:_\\d+)*");
    private static final Pattern FLOAT = Pattern.compile(
            "[+-]?(?:(?:\\d+(?:_\\d+)*)?\\.?\\d+(?:_\\d+)*(?:[eE][+-]?\\d+(?:_\\d+)*)?|\\d+(?:_\\d+)*\\.(?:[eE][+-]?\\d+(?:_\\d+)*)?"
                    + "|(?i:inf|infinity|nan))");

    private Py() {}

    /** Python {@code int(s)}. */
    static long toInt(String s) {
        if (s == null) {
            throw new ConversionFailure("int() of a missing value");
        }
        String t = strip(s);
        if (!INT.matcher(t).matches()) {
            throw new ConversionFailure("invalid literal for int(): '" + s + "'");
        }
        try {
            return Long.parseLong(t.replace("_", "").replace("+", ""));
        } catch (NumberFormatException e) {
            throw new ConversionFailure("integer too large: '" + s + "'");
        }
    }

    /** Python {@code int(s)} for values that must fit an int (voice, staff, note counts). */
    static int toSmallInt(String s) {
        long v = toInt(s);
        if (v < Integer.MIN_VALUE / 2 || v > Integer.MAX_VALUE / 2) {
            throw new ConversionFailure("number out of range: '" + s + "'");
        }
        return (int) v;
    }

    /** Python {@code float(s)}. */
    static double toFloat(String s) {
        if (s == null) {
            throw new ConversionFailure("float() of a missing value");
        }
        String t = strip(s);
        if (!FLOAT.matcher(t).matches()) {
            throw new ConversionFailure("could not convert string to float: '" + s + "'");
        }
        String u = t.replace("_", "").toLowerCase(java.util.Locale.ROOT);
        if (u.endsWith("inf") || u.endsWith("infinity")) {
            return u.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        if (u.endsWith("nan")) {
            return Double.NaN;
        }
        return Double.parseDouble(u);
    }

    /** Python {@code '%.0f' % x}: the exact binary value rounded half to even. */
    static String format0f(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String r = new BigDecimal(x).setScale(0, RoundingMode.HALF_EVEN).toPlainString();
        return (x < 0 || (x == 0 && 1 / x < 0)) && r.equals("0") ? "-0" : r;
    }

    static boolean isSpace(int c) {
        return Character.isWhitespace(c) || c == 0x85 || c == 0xA0 || c == 0x2007 || c == 0x202F;
    }

    /** Python {@code str.strip()}. */
    static String strip(String s) {
        int b = 0;
        int e = s.length();
        while (b < e && isSpace(s.charAt(b))) {
            b++;
        }
        while (e > b && isSpace(s.charAt(e - 1))) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Python {@code str.strip(chars)}. */
    static String strip(String s, String chars) {
        int b = 0;
        int e = s.length();
        while (b < e && chars.indexOf(s.charAt(b)) >= 0) {
            b++;
        }
        while (e > b && chars.indexOf(s.charAt(e - 1)) >= 0) {
            e--;
        }
        return s.substring(b, e);
    }

    /** Python {@code len(s)}: code points. */
    static int len(CharSequence s) {
        return Character.codePointCount(s, 0, s.length());
    }

    static long floorDiv(long a, long b) {
        if (b == 0) {
            throw new ConversionFailure("integer division by zero");
        }
        return Math.floorDiv(a, b);
    }

    static long floorMod(long a, long b) {
        if (b == 0) {
            throw new ConversionFailure("integer modulo by zero");
        }
        return Math.floorMod(a, b);
    }

    static long mul(long a, long b) {
        try {
            return Math.multiplyExact(a, b);
        } catch (ArithmeticException e) {
            throw new ConversionFailure("number too large");
        }
    }

    static long add(long a, long b) {
        try {
            return Math.addExact(a, b);
        } catch (ArithmeticException e) {
            throw new ConversionFailure("number too large");
        }
    }

    /** Python's {@code str(x)} of a possibly missing string. */
    static String str(String s) {
        return s == null ? "None" : s;
    }
}
