package org.clamp3.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/** The message is one line whatever a hostile file name or header puts in it (found by fuzzing .npy). */
class InvalidInputExceptionTest {
    @Test
    void lineBreaksAndControlCharactersAreEscaped() {
        assertEquals("a\\nb.npy: unreadable .npy header: {'descr\\n': 1}\\r\\u0000 tab\tkept",
                new InvalidInputException(Path.of("a\nb.npy"), "unreadable .npy header: {'descr\n': 1}\r\u0000 tab\tkept").getMessage());
        assertEquals("x.txt: plain", new InvalidInputException(Path.of("x.txt"), "plain", new RuntimeException()).getMessage());
    }
}
