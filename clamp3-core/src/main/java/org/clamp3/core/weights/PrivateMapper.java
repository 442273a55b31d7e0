package org.clamp3.core.weights;

import java.io.Closeable;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Copy-on-write mappings of a weight file's regions. They need a channel open for writing too; it
 * is opened on first use and only if the file allows it (nothing is ever written through it: a
 * private mapping's writes stay in this process). Where it cannot be opened, {@link #map} says
 * null and the caller copies instead.
 */
final class PrivateMapper implements MappedFileSource.PrivateMaps, Closeable {
    private final Path file;
    private FileChannel channel;
    private boolean unavailable;

    PrivateMapper(Path file) {
        this.file = file;
    }

    @Override
    public synchronized ByteBuffer map(long position, int length) throws IOException {
        if (channel == null && !unavailable) {
            try {
                channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE);
            } catch (IOException | UnsupportedOperationException | SecurityException e) {
                unavailable = true;
            }
        }
        return channel == null ? null : channel.map(FileChannel.MapMode.PRIVATE, position, length);
    }

    @Override
    public synchronized void close() throws IOException {
        if (channel != null) {
            channel.close();
        }
    }
}
