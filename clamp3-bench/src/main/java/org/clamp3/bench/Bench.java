package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** What every benchmark does: time, and delete the files it generated. */
final class Bench {
    private Bench() {}

    /** Seconds since {@code startNanos} (a {@link System#nanoTime()}). */
    static double secs(long startNanos) {
        return (System.nanoTime() - startNanos) / 1e9;
    }

    /** Deletes {@code dir} and everything under it, as far as it can (a benchmark's temporary files). */
    static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }
}
