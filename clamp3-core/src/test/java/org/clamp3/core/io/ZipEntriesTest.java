package org.clamp3.core.io;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zip entries are bounded by what they inflate to, not by the size the archive declares. */
public class ZipEntriesTest {

    /** A zip of one deflated entry of {@code size} zero bytes whose directory claims {@code declared} bytes. */
    public static void writeBomb(Path file, String name, long size, int declared) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(out)) {
            zip.putNextEntry(new ZipEntry(name));
            byte[] zeros = new byte[1 << 20];
            for (long done = 0; done < size; done += zeros.length) {
                zip.write(zeros, 0, (int) Math.min(zeros.length, size - done));
            }
            zip.closeEntry();
        }
        byte[] bytes = out.toByteArray();
        if (declared >= 0) {
            ByteBuffer b = ByteBuffer.wrap(bytes).order(ByteOrder.LITTLE_ENDIAN);
            for (int i = 0; i + 46 <= bytes.length; i++) {
                if (b.getInt(i) == 0x02014b50) { // central directory header: uncompressed size at +24
                    b.putInt(i + 24, declared);
                }
                if (b.getInt(i) == 0x08074b50) { // data descriptor: uncompressed size at +12
                    b.putInt(i + 12, declared);
                }
            }
        }
        Files.write(file, bytes);
    }

    @Test
    void anEntryThatInflatesPastItsLimitIsRefusedWhateverItDeclares(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("bomb.zip");
        writeBomb(file, "archive/data.pkl", 8L << 20, 100);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            ZipEntry entry = zip.getEntry("archive/data.pkl");
            assertEquals(100, entry.getSize());
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ZipEntries.readAll(file, zip, entry, 1 << 20));
            assertEquals(file + ": entry archive/data.pkl inflates past 1048576 bytes (zip bomb?)", e.getMessage());
        }
    }

    @Test
    void anEntryThatDeclaresTooMuchIsRefusedBeforeInflating(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("big.zip");
        writeBomb(file, "x.xml", 2L << 20, -1);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            InvalidInputException e = assertThrows(InvalidInputException.class,
                    () -> ZipEntries.open(file, zip, zip.getEntry("x.xml"), 1000));
            assertEquals(file + ": entry x.xml inflates past 1000 bytes (zip bomb?)", e.getMessage());
        }
    }

    @Test
    void anEntryWithinItsLimitIsReadWhole(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("ok.zip");
        writeBomb(file, "a", 5000, -1);
        try (ZipFile zip = new ZipFile(file.toFile())) {
            assertArrayEquals(new byte[5000], ZipEntries.readAll(file, zip, zip.getEntry("a"), 5000));
        }
    }
}
