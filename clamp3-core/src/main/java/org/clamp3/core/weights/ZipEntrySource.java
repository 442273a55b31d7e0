package org.clamp3.core.weights;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.Channels;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.clamp3.core.io.InvalidInputException;

/**
 * One torch storage: a zip entry {@code <prefix>/data/<key>}. Each read opens the entry afresh and
 * skips to the wanted offset, which costs nothing for the STORED entries torch writes.
 */
final class ZipEntrySource implements TensorSource {
    private final Path file;
    private final ZipFile zip;
    private final ZipEntry entry;
    private final long byteSize;

    /** {@code byteSize}: the bytes the storage header declares, at most the entry's size. */
    ZipEntrySource(Path file, ZipFile zip, ZipEntry entry, long byteSize) {
        this.file = file;
        this.zip = zip;
        this.entry = entry;
        this.byteSize = byteSize;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return "storage " + entry.getName();
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            byte[] bytes = in.readNBytes(length);
            if (bytes.length != length) {
                throw new InvalidInputException(file, entry.getName() + " is shorter than the zip directory says");
            }
            return ByteBuffer.wrap(bytes);
        } catch (EOFException | ZipException e) {
            throw new InvalidInputException(file, "cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
    }

    /** Streamed straight into native memory, without a copy on the Java heap. */
    @Override
    public ByteBuffer direct(long offset, int length) throws IOException {
        ByteBuffer out = ByteBuffer.allocateDirect(length);
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            ReadableByteChannel channel = Channels.newChannel(in);
            while (out.hasRemaining()) {
                if (channel.read(out) < 0) {
                    throw new InvalidInputException(file, entry.getName() + " is shorter than the zip directory says");
                }
            }
            return out.flip();
        } catch (EOFException | ZipException e) {
            throw new InvalidInputException(file, "cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
    }
}
