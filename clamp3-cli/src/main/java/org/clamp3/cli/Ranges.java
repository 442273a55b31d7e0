package org.clamp3.cli;

import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/**
 * The allowed ranges of numeric options, as picocli converters: an option names one with
 * {@code converter = Ranges.AtLeastOne.class}, and a value outside it fails while the command line
 * is parsed, before any command runs, as a usage error (exit 2):
 * {@code Invalid value for option '--batch-size': must be at least 1, got 0}.
 * Converters are instantiated by picocli without arguments, hence one small class per range.
 */
public final class Ranges {
    private Ranges() {}

    /** A whole number of at least {@code min}: one class for ints and longs. */
    abstract static class AtLeast<T extends Comparable<T>> implements ITypeConverter<T> {
        private final T min;
        private final Parser<T> parser;
        private final String what;

        AtLeast(T min, Parser<T> parser, String what) {
            this.min = min;
            this.parser = parser;
            this.what = what;
        }

        @Override
        public T convert(String text) {
            T v = parse(text, parser, what);
            if (v.compareTo(min) < 0) {
                throw new TypeConversionException("must be at least " + min + ", got " + v);
            }
            return v;
        }
    }

    /** A finite double in {@code (lo, hi)} or {@code [lo, hi)}. */
    abstract static class DoubleIn implements ITypeConverter<Double> {
        private final double lo;
        private final boolean loIncluded;
        private final double hi;
        private final String range;

        DoubleIn(double lo, boolean loIncluded, double hi, String range) {
            this.lo = lo;
            this.loIncluded = loIncluded;
            this.hi = hi;
            this.range = range;
        }

        @Override
        public Double convert(String text) {
            double v = parse(text, Double::parseDouble, "a number");
            boolean above = loIncluded ? v >= lo : v > lo;
            if (!(above && v < hi)) { // NaN fails here too
                throw new TypeConversionException("must be " + range + ", got " + text.trim());
            }
            return v;
        }
    }

    private interface Parser<T> {
        T parse(String s);
    }

    private static <T> T parse(String text, Parser<T> parser, String what) {
        try {
            return parser.parse(text.trim());
        } catch (NumberFormatException e) {
            throw new TypeConversionException("'" + text + "' is not " + what);
        }
    }

    /** Counts of things there must be one of: batch sizes, threads, workers, epochs, steps, top-k. */
    public static final class AtLeastOne extends AtLeast<Integer> {
        public AtLeastOne() {
            super(1, Integer::parseInt, "an int");
        }
    }

    /** Counts where 0 means "none" or "off": warm-up steps, --save-every. */
    public static final class AtLeastZero extends AtLeast<Integer> {
        public AtLeastZero() {
            super(0, Integer::parseInt, "an int");
        }
    }

    /** Long counts where 0 means "no limit". */
    public static final class LongAtLeastZero extends AtLeast<Long> {
        public LongAtLeastZero() {
            super(0L, Long::parseLong, "a long");
        }
    }

    /** Learning rates and temperatures: finite and above 0. */
    public static final class PositiveRate extends DoubleIn {
        public PositiveRate() {
            super(0, false, Double.POSITIVE_INFINITY, "a finite number above 0");
        }
    }

    /** Fractions such as --eval-split and --mask-ratio: in [0, 1). */
    public static final class Fraction extends DoubleIn {
        public Fraction() {
            super(0, true, 1, "in [0, 1)");
        }
    }
}
