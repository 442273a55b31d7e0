package org.clamp3.core.pipeline;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * One of N parts of a tree, for running a job as N independent jobs ({@code --shard I/N}, I from
 * 0 to N-1). A file belongs to shard {@code SHA-256(relative path, UTF-8, '/' separators)} read as
 * an unsigned 64-bit big-endian number of its first 8 bytes, modulo N: the same on every machine,
 * whatever the file order or the other files, so N jobs cover a tree exactly once.
 */
public record Shard(int index, int count) {
    /** All of the tree. */
    public static final Shard ALL = new Shard(0, 1);

    public Shard {
        if (count < 1 || index < 0 || index >= count) {
            throw new IllegalArgumentException("shard " + index + "/" + count + ": need 0 <= I < N");
        }
    }

    /** Parses {@code I/N}. */
    public static Shard parse(String text) {
        int slash = text.indexOf('/');
        if (slash < 0) {
            throw new IllegalArgumentException("'" + text + "' is not I/N (e.g. 0/4)");
        }
        try {
            return new Shard(Integer.parseInt(text.substring(0, slash).trim()), Integer.parseInt(text.substring(slash + 1).trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("'" + text + "' is not I/N (e.g. 0/4)", e);
        }
    }

    public boolean contains(String relativePath) {
        if (count == 1) {
            return true;
        }
        return Long.remainderUnsigned(hash(relativePath), count) == index;
    }

    static long hash(String relativePath) {
        byte[] d;
        try {
            d = MessageDigest.getInstance("SHA-256").digest(relativePath.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
        long h = 0;
        for (int i = 0; i < 8; i++) {
            h = (h << 8) | (d[i] & 0xff);
        }
        return h;
    }

    @Override
    public String toString() {
        return index + "/" + count;
    }
}
