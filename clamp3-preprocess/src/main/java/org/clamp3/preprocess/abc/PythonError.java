package org.clamp3.preprocess.abc;

/**
 * An exception the original Python code raises at this point; the message is what Python's
 * {@code str(e)} gives, because the original prints it (e.g. "list index out of range").
 */
final class PythonError extends RuntimeException {
    PythonError(String message) {
        super(message, null, false, false);
    }

    static PythonError listIndex() {
        return new PythonError("list index out of range");
    }

    static PythonError stringIndex() {
        return new PythonError("string index out of range");
    }
}
