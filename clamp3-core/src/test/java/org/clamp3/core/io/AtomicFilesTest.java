package org.clamp3.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AtomicFilesTest {

    @Test
    void leftoversOfKilledWritesOfTheGivenTargetsAreRemoved(@TempDir Path dir) throws IOException {
        for (String name : new String[] {".a.npy.123456.tmp", ".a.npy.9.tmp", ".b.npy.1.tmp", ".a.npy.x.tmp", "a.npy"}) {
            Files.writeString(dir.resolve(name), "x");
        }
        assertEquals(2, AtomicFiles.removeLeftovers(dir, java.util.Set.of("a.npy")));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(java.util.List.of(".a.npy.x.tmp", ".b.npy.1.tmp", "a.npy"),
                    files.map(f -> f.getFileName().toString()).sorted().toList());
        }
    }

    @Test
    void aFailedWriteLeavesTheOldFileAndNoTemporaryFile(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("out.jsonl");
        AtomicFiles.writeString(target, "old\n");
        assertThrows(IOException.class, () -> AtomicFiles.write(target, out -> {
            out.write("half of the new con".getBytes());
            throw new IOException("disk full");
        }));
        assertEquals("old\n", Files.readString(target));
        try (Stream<Path> files = Files.list(dir)) {
            assertEquals(1, files.count(), "temporary file removed");
        }
    }

    @Test
    void createsMissingFolders(@TempDir Path dir) throws IOException {
        Path target = dir.resolve("a/b/c.txt");
        AtomicFiles.writeString(target, "x");
        assertEquals("x", Files.readString(target));
    }
}
