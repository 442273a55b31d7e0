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

    MappedFileSource(Path file, FileChannel channel, String description, long start, long byteSize) {
        this.file = file;
        this.channel = channel;
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
}
