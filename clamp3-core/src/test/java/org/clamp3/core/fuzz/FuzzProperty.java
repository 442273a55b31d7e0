package org.clamp3.core.fuzz;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.clamp3.core.io.InvalidInputException;

/**
 * The property every fuzz target checks: reading any bytes ends normally or with one of the
 * reader's documented exceptions, whose message is one line; no other exception, no
 * {@link Error} (out of memory, stack overflow), and within {@link #MAX_MILLIS} per input. The
 * memory bound is the test JVM's heap (scripts/fuzz.sh runs the fuzzer with {@code -Xmx1g}).
 */
public final class FuzzProperty {
    /** Longest time one input may take (instrumented, on a shared 2-core machine). */
    public static final long MAX_MILLIS = 20_000;

    private FuzzProperty() {}

    /** Code under test. */
    @FunctionalInterface
    public interface Body {
        void run() throws Exception;
    }

    /** Runs {@code body}; lets through only exceptions of the {@code documented} classes (with a one-line message). */
    @SafeVarargs
    public static void check(Body body, Class<? extends Throwable>... documented) throws Exception {
        long start = System.nanoTime();
        try {
            body.run();
        } catch (Exception e) {
            if (!isDocumented(e, List.of(documented))) {
                throw e;
            }
            String message = e.getMessage();
            if (message == null || message.isBlank() || message.contains("\n") || message.contains("\r")) {
                throw new AssertionError("documented exception without a one-line message: " + e, e);
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one input took " + millis + " ms (at most " + MAX_MILLIS + ")");
        }
    }

    private static boolean isDocumented(Throwable e, List<Class<? extends Throwable>> documented) {
        if (e instanceof InvalidInputException) {
            return true;
        }
        for (Class<? extends Throwable> c : documented) {
            if (c.isInstance(e)) {
                return true;
            }
        }
        return false;
    }

    /** A scratch file named {@code name} in this JVM's scratch folder, holding {@code bytes}. */
    public static Path file(String name, byte[] bytes) {
        try {
            Path file = Scratch.DIR.resolve(name);
            Files.write(file, bytes);
            return file;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static final class Scratch {
        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("clamp3-fuzz");
                DIR.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
