package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.stream.Stream;

import org.clamp3.index.IndexVerifier;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.StoredFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of `clamp3 index build` at several different moments (before anything is committed,
 * right after the empty index is created, after one and after several rounds), each time rerun on
 * what the killed run left: the index always ends up opening, verifying, with no key twice and the
 * same content as an uninterrupted build.
 */
class IndexKillIT {
    static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");

    /** The generation of the index's last commit (segments_N, N in base 36), 0 when there is none. */
    static long generation(Path idx) throws IOException {
        if (!Files.isDirectory(idx)) {
            return 0;
        }
        try (Stream<Path> s = Files.list(idx)) {
            return s.map(p -> p.getFileName().toString()).filter(n -> n.startsWith("segments_"))
                    .mapToLong(n -> Long.parseLong(n.substring("segments_".length()), Character.MAX_RADIX)).max().orElse(0);
        }
    }

    static Process start(Path src, Path idx, Path cwd) throws IOException {
        List<String> cmd = new ArrayList<>(List.of(RetrievalManifestIT.root().resolve("scripts/clamp3").toAbsolutePath().toString(),
                "index", "build", src.toString(), idx.toString(), "--model", MODEL.toString(), "--workers", "1", "--threads", "1"));
        return new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(true)
                .redirectOutput(cwd.resolve("log-" + System.nanoTime() + ".txt").toFile()).start();
    }

    /** Starts a build and kills it (-9) as soon as {@code moment} holds for the index folder; false if it finished first. */
    static boolean killWhen(Path src, Path idx, Path cwd, Predicate<Path> moment) throws Exception {
        Process p = start(src, idx, cwd);
        while (p.isAlive()) {
            if (moment.test(idx)) {
                p.destroyForcibly(); // SIGKILL: no shutdown hooks, no rollback
                p.waitFor(30, TimeUnit.SECONDS);
                return true;
            }
            Thread.sleep(5);
        }
        return false;
    }

    @Test
    void killedBuildsResumeToTheSameIndex(@TempDir Path dir) throws Exception {
        Path src = dir.resolve("texts");
        Files.createDirectories(src);
        Random r = new Random(7);
        String[] words = {"piano", "violin", "calm", "fast", "folk", "jazz", "waltz", "dark", "bright", "song", "night", "river"};
        for (int i = 0; i < 400; i++) {
            StringBuilder sb = new StringBuilder();
            for (int w = 0; w < 40; w++) {
                sb.append(words[r.nextInt(words.length)]).append(w % 10 == 9 ? "\n" : " ");
            }
            Files.writeString(src.resolve(String.format("t%03d.txt", i)), sb.toString());
        }
        Path reference = dir.resolve("reference.idx");
        Process p = start(src, reference, dir);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());

        Path idx = dir.resolve("killed.idx");
        List<Predicate<Path>> moments = List.of(
                d -> Files.exists(d.resolve("write.lock")),                  // writer open, nothing committed
                d -> uncheckedGeneration(d) >= 1,                              // the empty index committed
                d -> uncheckedGeneration(d) >= 2,                              // one round committed
                d -> uncheckedGeneration(d) >= 4);                             // several rounds committed
        int kills = 0;
        for (Predicate<Path> moment : moments) {
            if (killWhen(src, idx, dir, moment)) {
                kills++;
            }
            if (MusicIndex.exists(idx)) {
                try (MusicIndex opened = MusicIndex.open(idx)) { // whatever the moment, the last commit opens
                    assertTrue(opened.count() <= 400);
                }
            }
        }
        assertTrue(kills >= 3, "only " + kills + " runs were killed before they finished");
        p = start(src, idx, dir);
        assertTrue(p.waitFor(600, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue());

        assertEquals(List.of(), IndexVerifier.verify(idx));
        try (MusicIndex a = MusicIndex.open(reference); MusicIndex b = MusicIndex.open(idx)) {
            Map<String, StoredFile> fa = a.storedFiles();
            Map<String, StoredFile> fb = b.storedFiles();
            assertEquals(400, fb.size());
            assertEquals(fa.keySet(), fb.keySet());
            for (String key : fa.keySet()) {
                assertEquals(fa.get(key).hash(), fb.get(key).hash(), key);
                float[] va = a.entry(key).orElseThrow().vector();
                float[] vb = b.entry(key).orElseThrow().vector();
                for (int i = 0; i < va.length; i++) {
                    assertEquals(va[i], vb[i], 1e-5, key + "[" + i + "]");
                }
            }
        }
    }

    static long uncheckedGeneration(Path d) {
        try {
            return generation(d);
        } catch (IOException e) {
            return 0; // a file vanished while listing: look again
        }
    }
}
