package org.clamp3.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TextFilesTest {

    @Test
    void translatesNewlinesLikePythonTextMode(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("a.abc");
        Files.write(file, "X:1\r\nT:caf\u00e9\rK:C\n\r\n\r".getBytes(StandardCharsets.UTF_8));
        assertEquals("X:1\nT:caf\u00e9\nK:C\n\n\n", TextFiles.read(file));
    }

    @Test
    void keepsByteOrderMark(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bom.txt");
        Files.write(file, new byte[] {(byte) 0xEF, (byte) 0xBB, (byte) 0xBF, 'h', 'i'});
        assertEquals("\uFEFFhi", TextFiles.read(file));
    }

    @Test
    void rejectsInvalidUtf8NamingTheFile(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("latin1.txt");
        Files.write(file, new byte[] {'c', 'a', 'f', (byte) 0xE9});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextFiles.read(file));
        assertEquals(file, e.file());
        assertTrue(e.getMessage().endsWith("not valid UTF-8 text"), e.getMessage());
    }

    @Test
    void rejectsBinaryDataAndHugeFiles(@TempDir Path dir) throws IOException {
        Path junk = dir.resolve("junk.abc");
        Files.write(junk, new byte[] {'X', ':', '1', '\n', 0, 1, 2});
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextFiles.read(junk));
        assertEquals(junk + ": binary data (control character U+0000 at offset 4), not text", e.getMessage());

        Path huge = dir.resolve("huge.txt");
        try (java.io.RandomAccessFile f = new java.io.RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(TextFiles.MAX_BYTES + 1);
        }
        e = assertThrows(InvalidInputException.class, () -> TextFiles.read(huge));
        assertTrue(e.getMessage().contains("is larger than the input limit of " + (64L << 20) + " bytes"), e.getMessage());
    }
}
