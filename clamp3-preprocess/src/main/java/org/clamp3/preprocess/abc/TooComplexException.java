package org.clamp3.preprocess.abc;

/** The input would make the original's quadratic steps run for minutes or hours; refused instead. */
final class TooComplexException extends RuntimeException {
    TooComplexException(String what) {
        super("too complex to convert: " + what, null, false, false);
    }
}
