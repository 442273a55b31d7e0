package org.clamp3.preprocess.xml;

import org.clamp3.core.py.PyError;

/**
 * A score xml2abc cannot convert: where the original stops with a Python exception (and so
 * writes nothing), the port stops with this, or with the {@link PyError} of a
 * Python built-in. {@link XmlToAbc} turns it into a one-line
 * {@link org.clamp3.core.io.InvalidInputException} naming the file.
 */
final class ConversionFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ConversionFailure(String problem) {
        super(problem, null, false, false);
    }
}
