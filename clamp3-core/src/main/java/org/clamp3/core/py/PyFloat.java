package org.clamp3.core.py;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.util.regex.Pattern;

/**
 * Python's {@code float}: {@code float(text)}, and the formatting that makes printed numbers and
 * JSON match the original scripts character for character: {@code round(x, n)}, {@code repr(x)}
 * (the shortest string that reads back to the same double, in fixed notation for
 * 1e-4 &lt;= |x| &lt; 1e16, else exponent notation) and {@code '%.Nf' % x}.
 */
public final class PyFloat {
    /** What {@code float()} accepts once underscores are gone (ASCII digits only: NumberText mapped the others). */
    private static final Pattern LITERAL = Pattern.compile(
            "[+-]?(?:(?:[0-9]+(?:\\.[0-9]*)?|\\.[0-9]+)(?:[eE][+-]?[0-9]+)?|(?i:inf|infinity|nan))");

    private PyFloat() {}

    /**
     * {@code float(s)}: surrounding whitespace, decimal digits of any script, single underscores
     * between digits, {@code inf}, {@code infinity} and {@code nan} in any case.
     *
     * @throws PyError with Python's message where Python raises ValueError or TypeError
     */
    public static double parse(String s) {
        if (s == null) {
            throw new PyError("float() argument must be a string or a real number, not 'NoneType'");
        }
        if (NumberText.isPlainDecimal(s, 15)) { // exact as a double
            double v = Long.parseLong(s);
            return v == 0 && s.charAt(0) == '-' ? -0.0 : v;
        }
        String t = withoutUnderscores(NumberText.ascii(s));
        if (t == null || !LITERAL.matcher(t).matches()) {
            throw new PyError("could not convert string to float: " + PyStr.repr(s));
        }
        String lower = t.toLowerCase(java.util.Locale.ROOT);
        if (lower.endsWith("nan")) {
            return Double.NaN;
        }
        if (lower.endsWith("inf") || lower.endsWith("infinity")) {
            return lower.startsWith("-") ? Double.NEGATIVE_INFINITY : Double.POSITIVE_INFINITY;
        }
        return Double.parseDouble(t);
    }

    /** t without its underscores, or null when one is not between two digits. */
    private static String withoutUnderscores(String t) {
        if (t.indexOf('_') < 0) {
            return t;
        }
        StringBuilder sb = new StringBuilder(t.length());
        for (int i = 0; i < t.length(); i++) {
            char c = t.charAt(i);
            if (c != '_') {
                sb.append(c);
            } else if (i == 0 || i + 1 == t.length() || !NumberText.isDigit(t.charAt(i - 1))
                    || !NumberText.isDigit(t.charAt(i + 1))) {
                return null;
            }
        }
        return sb.toString();
    }

    /** {@code '%.Nf' % x}: the exact binary value rounded half to even to N decimals, as C's printf does. */
    public static String formatFixed(double x, int decimals) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        String r = new BigDecimal(x).setScale(decimals, RoundingMode.HALF_EVEN).toPlainString();
        boolean negative = x < 0 || (x == 0 && 1 / x < 0);
        return negative && !r.startsWith("-") ? "-" + r : r;
    }

    /** Python's {@code round(x, ndigits)}: the exact binary value rounded half-to-even. */
    public static double round(double x, int ndigits) {
        if (Double.isNaN(x) || Double.isInfinite(x) || x == 0) {
            return x;
        }
        double r = new BigDecimal(x).setScale(ndigits, RoundingMode.HALF_EVEN).doubleValue();
        return r == 0 ? Math.copySign(0.0, x) : r;
    }

    /** Python's {@code repr(float)}. */
    public static String repr(double x) {
        if (Double.isNaN(x)) {
            return "nan";
        }
        if (Double.isInfinite(x)) {
            return x > 0 ? "inf" : "-inf";
        }
        if (x == 0) {
            return (1 / x < 0) ? "-0.0" : "0.0";
        }
        BigDecimal shortest = shortestDigits(x);
        String digits = shortest.unscaledValue().abs().toString();
        // strip trailing zeros of the digit string, keeping the value's decimal exponent
        int trailing = 0;
        while (trailing < digits.length() - 1 && digits.charAt(digits.length() - 1 - trailing) == '0') {
            trailing++;
        }
        digits = digits.substring(0, digits.length() - trailing);
        // x = 0.d1d2...dn * 10^decpt
        int decpt = digits.length() + trailing - shortest.scale();
        StringBuilder sb = new StringBuilder();
        if (x < 0) {
            sb.append('-');
        }
        if (decpt > -4 && decpt <= 16) {
            if (decpt <= 0) {
                sb.append("0.");
                sb.append("0".repeat(-decpt));
                sb.append(digits);
            } else if (decpt >= digits.length()) {
                sb.append(digits).append("0".repeat(decpt - digits.length())).append(".0");
            } else {
                sb.append(digits, 0, decpt).append('.').append(digits, decpt, digits.length());
            }
        } else {
            sb.append(digits.charAt(0));
            if (digits.length() > 1) {
                sb.append('.').append(digits, 1, digits.length());
            }
            int exp = decpt - 1;
            sb.append('e').append(exp < 0 ? '-' : '+');
            int a = Math.abs(exp);
            if (a < 10) {
                sb.append('0');
            }
            sb.append(a);
        }
        return sb.toString();
    }

    /** Python's {@code str(round(x, ndigits))}, what the original scripts print. */
    public static String rounded(double x, int ndigits) {
        return repr(round(x, ndigits));
    }

    /** The fewest significant digits that still read back as exactly x. */
    private static BigDecimal shortestDigits(double x) {
        BigDecimal exact = new BigDecimal(x);
        for (int p = 1; p < 17; p++) {
            BigDecimal candidate = exact.round(new MathContext(p, RoundingMode.HALF_EVEN));
            if (candidate.doubleValue() == x) {
                return candidate;
            }
        }
        return exact.round(new MathContext(17, RoundingMode.HALF_EVEN));
    }
}
