package org.clamp3.core.weights;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.file.Path;

/** Where a tensor's storage bytes live: a zip entry, a mapped file region, ... */
interface TensorSource {
    /** The file the bytes come from, for error messages. */
    Path file();

    /** What the bytes are inside that file, e.g. "storage data/3", for error messages. */
    String describe();

    /** How many bytes the storage holds. */
    long byteSize();

    /** {@code length} bytes from {@code offset} (both checked against {@link #byteSize} by the caller). */
    ByteBuffer read(long offset, int length) throws IOException;

    /**
     * {@code length} bytes from {@code offset} in a direct buffer that native code may keep using
     * after the file is closed: a private (copy-on-write) mapping where the bytes lie in the file
     * as they are, else a fresh copy.
     */
    ByteBuffer direct(long offset, int length) throws IOException;
}
