package org.clamp3.core.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HashMap;
import java.util.Map;

/**
 * Where the bytes of each STORED entry of a zip file begin, so that torch storages (which
 * torch.save writes STORED and 64-byte aligned) can be memory-mapped instead of copied: read from
 * the central directory (zip64 included) and checked against each entry's local header. Anything
 * unexpected leaves the entry out, and its reader falls back to the zip stream; never an error.
 */
final class ZipDataOffsets {
    private static final int EOCD = 0x06054b50;
    private static final int ZIP64_LOCATOR = 0x07064b50;
    private static final int ZIP64_EOCD = 0x06064b50;
    private static final int CENTRAL = 0x02014b50;
    private static final int LOCAL = 0x04034b50;
    private static final long MAX_DIRECTORY_BYTES = 64L << 20;

    private final Path file;
    private Map<String, Long> offsets;

    ZipDataOffsets(Path file) {
        this.file = file;
    }

    /** The file offset of the STORED entry's first data byte, or -1 when it cannot be told. */
    synchronized long dataOffset(String name) {
        if (offsets == null) {
            offsets = read(file);
        }
        return offsets.getOrDefault(name, -1L);
    }

    private static Map<String, Long> read(Path file) {
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ)) {
            return read(ch);
        } catch (IOException | RuntimeException e) {
            return Map.of();
        }
    }

    private static Map<String, Long> read(FileChannel ch) throws IOException {
        long size = ch.size();
        int tail = (int) Math.min(size, 22 + 65535);
        ByteBuffer end = bytes(ch, size - tail, tail);
        int eocd = -1;
        for (int i = tail - 22; i >= 0; i--) {
            if (end.getInt(i) == EOCD) {
                eocd = i;
                break;
            }
        }
        if (eocd < 0) {
            return Map.of();
        }
        long entries = end.getShort(eocd + 10) & 0xffff;
        long cdSize = end.getInt(eocd + 12) & 0xffffffffL;
        long cdOffset = end.getInt(eocd + 16) & 0xffffffffL;
        if (entries == 0xffff || cdSize == 0xffffffffL || cdOffset == 0xffffffffL) {
            long locatorAt = size - tail + eocd - 20;
            if (locatorAt < 0) {
                return Map.of();
            }
            ByteBuffer locator = bytes(ch, locatorAt, 20);
            if (locator.getInt(0) != ZIP64_LOCATOR) {
                return Map.of();
            }
            long zip64At = locator.getLong(8);
            if (zip64At < 0 || zip64At > size - 56) {
                return Map.of();
            }
            ByteBuffer z = bytes(ch, zip64At, 56);
            if (z.getInt(0) != ZIP64_EOCD) {
                return Map.of();
            }
            entries = z.getLong(32);
            cdSize = z.getLong(40);
            cdOffset = z.getLong(48);
        }
        if (cdSize < 0 || cdSize > MAX_DIRECTORY_BYTES || cdOffset < 0 || cdOffset > size - cdSize) {
            return Map.of();
        }
        ByteBuffer cd = bytes(ch, cdOffset, (int) cdSize);
        Map<String, Long> out = new HashMap<>();
        int at = 0;
        for (long e = 0; e < entries && at + 46 <= cdSize; e++) {
            if (cd.getInt(at) != CENTRAL) {
                break;
            }
            int method = cd.getShort(at + 10) & 0xffff;
            long compressed = cd.getInt(at + 20) & 0xffffffffL;
            long uncompressed = cd.getInt(at + 24) & 0xffffffffL;
            int nameLength = cd.getShort(at + 28) & 0xffff;
            int extraLength = cd.getShort(at + 30) & 0xffff;
            int commentLength = cd.getShort(at + 32) & 0xffff;
            long local = cd.getInt(at + 42) & 0xffffffffL;
            if (at + 46L + nameLength + extraLength + commentLength > cdSize) {
                break;
            }
            byte[] nameBytes = new byte[nameLength];
            cd.get(at + 46, nameBytes);
            // zip64 extra field: the 8-byte values of those of the three that overflowed, in order
            int x = at + 46 + nameLength;
            int xEnd = x + extraLength;
            while (x + 4 <= xEnd) {
                int id = cd.getShort(x) & 0xffff;
                int len = cd.getShort(x + 2) & 0xffff;
                if (id == 0x0001) {
                    int v = x + 4;
                    if (uncompressed == 0xffffffffL && v + 8 <= x + 4 + len) {
                        uncompressed = cd.getLong(v);
                        v += 8;
                    }
                    if (compressed == 0xffffffffL && v + 8 <= x + 4 + len) {
                        compressed = cd.getLong(v);
                        v += 8;
                    }
                    if (local == 0xffffffffL && v + 8 <= x + 4 + len) {
                        local = cd.getLong(v);
                    }
                }
                x += 4 + len;
            }
            at += 46 + nameLength + extraLength + commentLength;
            if (method != 0 || compressed != uncompressed || local < 0 || local > size - 30) {
                continue;
            }
            ByteBuffer lh = bytes(ch, local, 30);
            int localName = lh.getShort(26) & 0xffff;
            int localExtra = lh.getShort(28) & 0xffff;
            long data = local + 30 + localName + localExtra;
            if (lh.getInt(0) != LOCAL || localName != nameLength || data > size - compressed) {
                continue;
            }
            byte[] ln = new byte[localName];
            bytes(ch, local + 30, localName).get(0, ln);
            if (java.util.Arrays.equals(ln, nameBytes)) {
                out.put(new String(nameBytes, StandardCharsets.UTF_8), data);
            }
        }
        return out;
    }

    private static ByteBuffer bytes(FileChannel ch, long position, int length) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(length).order(ByteOrder.LITTLE_ENDIAN);
        while (b.hasRemaining()) {
            if (ch.read(b, position + b.position()) < 0) {
                throw new java.io.EOFException();
            }
        }
        return b.flip();
    }
}
