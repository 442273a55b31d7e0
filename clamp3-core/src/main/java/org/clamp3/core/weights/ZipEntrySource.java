package org.clamp3.core.weights;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
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
    private final ZipDataOffsets offsets;
    private final PrivateMapper mapper;

    /**
     * {@code byteSize}: the bytes the storage header declares, at most the entry's size;
     * {@code offsets} and {@code mapper} let {@link #direct} map a STORED entry instead of copying it.
     */
    ZipEntrySource(Path file, ZipFile zip, ZipEntry entry, long byteSize, ZipDataOffsets offsets, PrivateMapper mapper) {
        this.file = file;
        this.zip = zip;
        this.entry = entry;
        this.byteSize = byteSize;
        this.offsets = offsets;
        this.mapper = mapper;
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

    /**
     * A STORED entry (as torch.save writes storages) is mapped copy-on-write where its bytes lie in
     * the file; anything else is read into native memory in large chunks.
     */
    @Override
    public ByteBuffer direct(long offset, int length) throws IOException {
        if (entry.getMethod() == ZipEntry.STORED && offset + length <= entry.getSize()) {
            long data = offsets.dataOffset(entry.getName());
            if (data >= 0) {
                ByteBuffer mapped = mapper.map(data + offset, length);
                if (mapped != null) {
                    return mapped;
                }
            }
        }
        ByteBuffer out = ByteBuffer.allocateDirect(length);
        byte[] chunk = new byte[Math.min(length, 4 << 20)];
        try (InputStream in = zip.getInputStream(entry)) {
            in.skipNBytes(offset);
            while (out.hasRemaining()) {
                int n = in.readNBytes(chunk, 0, Math.min(chunk.length, out.remaining()));
                if (n <= 0) {
                    throw new InvalidInputException(file, entry.getName() + " is shorter than the zip directory says");
                }
                out.put(chunk, 0, n);
            }
            return out.flip();
        } catch (EOFException | ZipException e) {
            throw new InvalidInputException(file, "cannot read " + entry.getName() + ": " + e.getMessage(), e);
        }
    }
}
