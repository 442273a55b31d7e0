package org.clamp3.core.io;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;

/**
 * Reads zip entries of untrusted archives (checkpoints, .mxl scores) without trusting the sizes
 * the archive declares: every byte inflated is counted, and an entry that inflates past its limit
 * is refused with {@code "entry X inflates past N bytes (zip bomb?)"} before more than the limit (plus one
 * buffer) has been unpacked. A damaged entry is an {@link InvalidInputException} too.
 */
public final class ZipEntries {
    private ZipEntries() {}

    /** All of {@code entry}'s bytes, at most {@code maxBytes} of them. */
    public static byte[] readAll(Path file, ZipFile zip, ZipEntry entry, int maxBytes) throws IOException {
        if (entry.getSize() > maxBytes) {
            throw tooLarge(file, entry, maxBytes);
        }
        try (InputStream in = open(file, zip, entry, maxBytes)) {
            return in.readAllBytes();
        } catch (ZipException e) {
            throw damaged(file, entry, e);
        }
    }

    /**
     * {@code entry}'s bytes as a stream that throws {@link InvalidInputException} once more than
     * {@code maxBytes} have been inflated (whatever the entry's declared size) or the data is damaged.
     */
    public static InputStream open(Path file, ZipFile zip, ZipEntry entry, long maxBytes) throws IOException {
        if (entry.getSize() > maxBytes) {
            throw tooLarge(file, entry, maxBytes);
        }
        try {
            return new Bounded(zip.getInputStream(entry), file, entry, maxBytes);
        } catch (ZipException e) {
            throw damaged(file, entry, e);
        }
    }

    private static InvalidInputException tooLarge(Path file, ZipEntry entry, long maxBytes) {
        return new InvalidInputException(file, "entry " + oneLine(entry.getName()) + " inflates past " + maxBytes + " bytes (zip bomb?)");
    }

    private static InvalidInputException damaged(Path file, ZipEntry entry, Exception e) {
        return new InvalidInputException(file, "cannot read entry " + oneLine(entry.getName()) + ": "
                + oneLine(String.valueOf(e.getMessage())), e);
    }

    private static String oneLine(String s) {
        return s.replaceAll("[\\r\\n]+", " ").strip();
    }

    private static final class Bounded extends FilterInputStream {
        private final Path file;
        private final ZipEntry entry;
        private final long limit;
        private long total;

        Bounded(InputStream in, Path file, ZipEntry entry, long limit) {
            super(in);
            this.file = file;
            this.entry = entry;
            this.limit = limit;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            int n = read(one, 0, 1);
            return n <= 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            // never ask the inflater for more than one byte past the limit
            long room = limit - total + 1;
            int n;
            try {
                n = super.read(b, off, (int) Math.min(len, Math.max(room, 1)));
            } catch (ZipException | java.io.EOFException e) {
                throw damaged(file, entry, e);
            }
            if (n > 0) {
                total += n;
                if (total > limit) {
                    throw tooLarge(file, entry, limit);
                }
            }
            return n;
        }

        @Override
        public long skip(long n) throws IOException {
            byte[] buffer = new byte[8192];
            long skipped = 0;
            while (skipped < n) {
                int r = read(buffer, 0, (int) Math.min(buffer.length, n - skipped));
                if (r < 0) {
                    break;
                }
                skipped += r;
            }
            return skipped;
        }

        @Override
        public int available() {
            return 0;
        }
    }
}
