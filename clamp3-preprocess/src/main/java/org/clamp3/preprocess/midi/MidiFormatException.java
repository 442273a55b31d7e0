package org.clamp3.preprocess.midi;

/**
 * A MIDI or MTF file cannot be converted; the message says why (and where, when it is about a
 * place in the file). Callers that know the file turn it into an InvalidInputException.
 */
public class MidiFormatException extends RuntimeException {
    public MidiFormatException(String message) {
        super(message);
    }
}
