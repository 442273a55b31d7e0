package org.clamp3.core.py;

/**
 * An exception Python raises at this point. The message is what Python's {@code str(e)} gives,
 * because the original scripts print it.
 */
public final class PyError extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public PyError(String message) {
        super(message, null, false, false);
    }

    /** IndexError of {@code list[i]}. */
    public static PyError listIndex() {
        return new PyError("list index out of range");
    }

    /** IndexError of {@code str[i]}. */
    public static PyError stringIndex() {
        return new PyError("string index out of range");
    }
}
