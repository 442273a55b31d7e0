package org.clamp3.preprocess.abc;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.math.MathContext;

import org.clamp3.core.py.PyError;
import org.clamp3.core.py.PyInt;
import org.clamp3.core.py.PyStr;

/** An exact rational number, as Python's {@code fractions.Fraction}, for bar durations. */
final class Fraction {
    static final Fraction ZERO = new Fraction(BigInteger.ZERO, BigInteger.ONE);
    static final Fraction ONE = new Fraction(BigInteger.ONE, BigInteger.ONE);
    /** The original's marker for "duration not known yet" in its list of element durations. */
    static final Fraction MINUS_ONE = new Fraction(BigInteger.ONE.negate(), BigInteger.ONE);
    /** A tuplet total this close to an integer (1/64) is taken as that integer. */
    private static final BigInteger INVERSE_TOLERANCE = BigInteger.valueOf(64);

    private final BigInteger num;
    private final BigInteger den;

    private Fraction(BigInteger num, BigInteger den) {
        this.num = num;
        this.den = den;
    }

    static Fraction of(BigInteger num, BigInteger den) {
        if (den.signum() == 0) {
            throw new PyError("Fraction(" + num + ", 0)");
        }
        if (den.signum() < 0) {
            num = num.negate();
            den = den.negate();
        }
        BigInteger g = num.gcd(den);
        return g.equals(BigInteger.ONE) ? new Fraction(num, den) : new Fraction(num.divide(g), den.divide(g));
    }

    /**
     * {@code Fraction(text)} as Python 3.11 parses it, for the texts a note duration can be here
     * (no letters, dots, minus signs or underscores are left in them): optional whitespace, an
     * optional '+', digits, optionally '/' and digits, optional whitespace.
     */
    static Fraction parse(String text) {
        String t = PyStr.strip(text);
        int i = t.startsWith("+") ? 1 : 0;
        int slash = t.indexOf('/', i);
        String numText = slash < 0 ? t.substring(i) : t.substring(i, slash);
        String denText = slash < 0 ? null : t.substring(slash + 1);
        if (!allDigits(numText) || (denText != null && !allDigits(denText))) {
            throw new PyError("Invalid literal for Fraction: " + PyStr.repr(text));
        }
        BigInteger n = PyInt.parse(numText);
        return of(n, denText == null ? BigInteger.ONE : PyInt.parse(denText));
    }

    private static boolean allDigits(String s) {
        return !s.isEmpty() && s.codePoints().allMatch(PyStr::isDecimal);
    }

    Fraction plus(Fraction o) {
        return of(num.multiply(o.den).add(o.num.multiply(den)), den.multiply(o.den));
    }

    Fraction times(Fraction o) {
        return of(num.multiply(o.num), den.multiply(o.den));
    }

    /**
     * The original's rounding of a tuplet's total: to the nearest integer (Python's {@code round}
     * of the float, ties to even) when that is at most 1/64 away, else unchanged.
     */
    Fraction snappedToInteger() {
        double value = new BigDecimal(num).divide(new BigDecimal(den), MathContext.DECIMAL128).doubleValue();
        if (Double.isInfinite(value)) {
            throw new PyError("integer division result too large for a float");
        }
        Fraction nearest = of(new BigDecimal(Math.rint(value)).toBigInteger(), BigInteger.ONE);
        Fraction distance = plus(nearest.negate());
        return distance.num.abs().multiply(INVERSE_TOLERANCE).compareTo(distance.den) <= 0 ? nearest : this;
    }

    private Fraction negate() {
        return new Fraction(num.negate(), den);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Fraction f && num.equals(f.num) && den.equals(f.den);
    }

    @Override
    public int hashCode() {
        return num.hashCode() * 31 + den.hashCode();
    }

    @Override
    public String toString() {
        return den.equals(BigInteger.ONE) ? num.toString() : num + "/" + den;
    }
}
