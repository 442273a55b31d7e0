package org.clamp3.core.io;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;

/**
 * The largest input file each reader takes, checked before anything is read, so that a stray
 * huge file is one line in the error report instead of an exhausted heap. Every raw-input reader
 * has a default by kind (generous: far beyond real scores, texts and recordings); an application
 * may set one limit for all kinds instead ({@code clamp3 --max-input-bytes}), for this process.
 *
 * <table>
 *   <caption>defaults</caption>
 *   <tr><th>kind</th><th>files</th><th>default</th></tr>
 *   <tr><td>{@link #TEXT}</td><td>.txt .abc .mtf</td><td>64 MiB</td></tr>
 *   <tr><td>{@link #MIDI}</td><td>.mid .midi</td><td>64 MiB</td></tr>
 *   <tr><td>{@link #SCORE}</td><td>.xml .musicxml .mxl (and the score unzipped)</td><td>256 MiB</td></tr>
 *   <tr><td>{@link #AUDIO}</td><td>.wav .flac .mp3 .ogg</td><td>1 GiB</td></tr>
 *   <tr><td>{@link #FEATURES}</td><td>.npy</td><td>2 GiB</td></tr>
 * </table>
 */
public final class InputLimits {
    public static final long TEXT = 64L << 20;
    public static final long MIDI = 64L << 20;
    public static final long SCORE = 256L << 20;
    public static final long AUDIO = 1L << 30;
    public static final long FEATURES = 2L << 30;

    /** 0: each kind's default. */
    private static volatile long maxInputBytes;

    private InputLimits() {}

    /** One limit for every kind of input, for the rest of this process; 0 restores the defaults. */
    public static void setMaxInputBytes(long bytes) {
        if (bytes < 0) {
            throw new IllegalArgumentException("the input limit must be positive, got " + bytes);
        }
        maxInputBytes = bytes;
    }

    /** The limit for a kind whose default is {@code kindDefault}. */
    public static long limit(long kindDefault) {
        long set = maxInputBytes;
        return set > 0 ? set : kindDefault;
    }

    /**
     * Refuses {@code file} in one line when holding what it decodes to ({@code bytes} of it)
     * would take more than 90 % of this JVM's heap, instead of running out of memory part way
     * (an {@link OutOfMemoryError} would stop a whole batch).
     *
     * @param what what the bytes are, for the message ("the score's tree", "the decoded audio")
     */
    public static void checkHeap(Path file, long bytes, String what) {
        long heap = Runtime.getRuntime().maxMemory();
        if (bytes > heap / 10 * 9) {
            throw new InvalidInputException(file, what + " needs about " + (bytes >> 20) + " MB of heap; this JVM has "
                    + (heap >> 20) + " MB (raise -Xmx)");
        }
    }

    /**
     * Refuses {@code file} when it is larger than the limit for its kind.
     *
     * @return the file's size
     * @throws InvalidInputException naming the file, its size and the limit (or that it is missing or unreadable)
     */
    public static long check(Path file, long kindDefault) {
        long size;
        try {
            size = Files.size(file);
        } catch (NoSuchFileException e) {
            throw new InvalidInputException(file, "no such file");
        } catch (IOException e) {
            throw new InvalidInputException(file, "cannot read: " + e.getMessage(), e);
        }
        long limit = limit(kindDefault);
        if (size > limit) {
            throw new InvalidInputException(file, "file of " + size + " bytes is larger than the input limit of "
                    + limit + " bytes");
        }
        return size;
    }
}
