package org.clamp3.core.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;

/** A tensor's bytes as a region of a file, memory-mapped when read. */
final class MappedFileSource implements TensorSource {
    private final Path file;
    private final FileChannel channel;
    private final String description;
    private final long start;
    private final long byteSize;
    private final PrivateMaps privateMaps;

    /** Maps regions of the file copy-on-write; null where the file cannot be opened that way. */
    interface PrivateMaps {
        ByteBuffer map(long position, int length) throws IOException;
    }

    MappedFileSource(Path file, FileChannel channel, PrivateMaps privateMaps, String description, long start, long byteSize) {
        this.file = file;
        this.channel = channel;
        this.privateMaps = privateMaps;
        this.description = description;
        this.start = start;
        this.byteSize = byteSize;
    }

    @Override
    public Path file() {
        return file;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public long byteSize() {
        return byteSize;
    }

    @Override
    public ByteBuffer read(long offset, int length) throws IOException {
        return channel.map(FileChannel.MapMode.READ_ONLY, start + offset, length);
    }

    /**
     * Mapped copy-on-write, not read: pages are loaded when first touched, and a write (training
     * updates weights in place) stays private to this process. A file that cannot be opened for
     * writing (read-only file system or permissions) is copied instead: a read-only mapping
     * would turn such a write into a crash.
     */
    @Override
    public ByteBuffer direct(long offset, int length) throws IOException {
        ByteBuffer mapped = privateMaps.map(start + offset, length);
        if (mapped != null) {
            return mapped;
        }
        ByteBuffer copy = ByteBuffer.allocateDirect(length);
        while (copy.hasRemaining()) {
            if (channel.read(copy, start + offset + copy.position()) < 0) {
                throw new java.io.EOFException(file + ": " + description + " ends early");
            }
        }
        return copy.flip();
    }
}
