package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How search reads its query: a score file once, a --text without a file to blame. */
class SearchQueryTest {
    private static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");

    @TempDir
    Path dir;

    private Path refs(int dimension) throws IOException {
        Path refs = dir.resolve("refs");
        for (int i = 0; i < 3; i++) {
            float[] v = new float[dimension];
            v[i] = 1;
            Npy.writeFloat32(refs.resolve("r" + i + ".npy"), v, 1, dimension);
        }
        return refs;
    }

    @Test
    void aScoreQueryIsReadOnce() throws Exception {
        // a named pipe gives its content to one reader: a second read of the query would wait for a
        // writer that never comes (until the test lets it go on with nothing)
        Path fifo = dir.resolve("query.abc");
        assertEquals(0, new ProcessBuilder("mkfifo", fifo.toString()).start().waitFor());
        byte[] score = Files.readAllBytes(MODEL.resolve("inputs/abc_simple.abc"));
        Path refs = refs(128);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<?> writer = pool.submit(() -> {
                try (OutputStream out = Files.newOutputStream(fifo)) { // waits for the reader
                    out.write(score);
                }
                return null;
            });
            Future<CliRun> search = pool.submit(() -> CliRun.of("search", fifo.toString(), refs.toString(),
                    "--model", MODEL.toString(), "--top-k", "2", "--errors", dir.resolve("e.jsonl").toString()));
            writer.get(120, TimeUnit.SECONDS);
            CliRun run;
            try {
                run = search.get(120, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                Files.newOutputStream(fifo).close(); // let the second read end
                search.get(120, TimeUnit.SECONDS);
                throw new AssertionError("search opened the query file a second time");
            }
            assertEquals(0, run.exitCode(), run.toString());
            assertTrue(run.out().startsWith("Top 2 results among 3 candidates:\n"), run.out());
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aTextQueryOfTheWrongDimensionNamesTheReferencesNotNull() throws IOException {
        Path refs = refs(8);
        CliRun run = CliRun.of("search", "--text", "A calm piano piece.", refs.toString(), "--model", MODEL.toString(),
                "--errors", dir.resolve("e.jsonl").toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("error: " + refs + ": these features have dimension 8, but the model embeds the query text with 128"),
                run.errorLines());
        assertFalse(run.err().contains("null"), run.err());
    }

    @Test
    void anEmptyTextIsAUsageError() throws IOException {
        CliRun run = CliRun.of("search", "--text", "  ", refs(8).toString(), "--model", dir.resolve("no-model").toString());
        assertEquals(2, run.exitCode(), run.toString());
        assertEquals(List.of("error: --text is empty"), run.errorLines());
    }
}
