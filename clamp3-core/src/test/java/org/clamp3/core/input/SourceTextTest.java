package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SourceTextTest {

    @Test
    void translatesNewlinesLikePythonTextMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.abc");
        Files.write(file, "X:1\r\nT:caf\u00e9\rK:C\n\r\n\r".getBytes(StandardCharsets.UTF_8));
        assertEquals("X:1\nT:caf\u00e9\nK:C\n\n\n", SourceText.read(file));
    }

    @Test
    void keepsByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.txt");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        assertEquals("\uFEFFhi", SourceText.read(file));
    }

    @Test
    void rejectsInvalidUtf8NamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> SourceText.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().endsWith("not valid UTF-8 text"), e.getMessage());
    }
}
