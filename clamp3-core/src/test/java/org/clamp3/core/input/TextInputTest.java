package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class TextInputTest {

    @Test
    void keepsFirstOccurrenceOfEachNonEmptyLine() {
        assertEquals("b</s>a</s>c", TextInput.join("b\n\na\nb\nc\na\n\n", "</s>"));
    }

    @Test
    void singleLineWithoutNewlineIsUnchanged() {
        assertEquals("A waltz.", TextInput.join("A waltz.", "</s>"));
    }

    @Test
    void blankTextGivesEmptyString() {
        assertEquals("", TextInput.join("", "</s>"));
        assertEquals("", TextInput.join("\n\n\n", "</s>"));
    }

    @Test
    void onlyNewlineSeparatesLines() {
        // Spaces, tabs, "\r" and U+2028 stay inside lines, as in Python's split("\n").
        assertEquals(" a \t</s>b\rc\u2028d</s> ", TextInput.join(" a \t\nb\rc\u2028d\n \n", "</s>"));
    }

    @Test
    void crlfFileReadLikePythonLosesItsCarriageReturns() {
        String fileText = "Jazz tune\r\nBlues\r\nJazz tune\r\n".replace("\r\n", "\n");
        assertEquals("Jazz tune</s>Blues", TextInput.join(fileText, "</s>"));
    }
}
