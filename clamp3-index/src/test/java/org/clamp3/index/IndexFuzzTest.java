package org.clamp3.index;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.clamp3.core.io.InvalidInputException;

/**
 * The index reader on damaged index folders. A small index (30 items, 8-d vectors, two audio
 * items with segments) is built once; each input names one of its files (first byte, modulo the
 * file count), a position (next two bytes, big-endian, modulo the file's size), whether to cut
 * the file there (next byte, odd) and the bytes to write over it from there (the rest). Then
 * everything `index info`, `index verify` and `search` do on the copy. Without
 * {@code JAZZER_FUZZ} the seeds and crash files in {@code IndexFuzzTestInputs/indexFiles/} are
 * replayed.
 *
 * <p>The property: only {@link InvalidInputException} and {@link IOException} (Lucene's
 * {@code CorruptIndexException} and the like, which the commands report in one line) escape;
 * {@code verify} returns its problems and throws nothing.
 */
class IndexFuzzTest {
    private static final long MAX_MILLIS = 20_000;

    @FuzzTest
    void indexFiles(byte[] data) throws Exception {
        Path dir = Built.damagedCopy(data);
        long start = System.nanoTime();
        try {
            read(dir);
        } catch (InvalidInputException | IOException e) {
            String m = e.getMessage();
            if (e instanceof InvalidInputException && (m == null || m.contains("\n"))) {
                throw new AssertionError("message is not one line: " + e, e);
            }
        }
        IndexVerifier.verify(dir);
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one input took " + millis + " ms");
        }
    }

    private static void read(Path dir) throws IOException {
        MusicIndex.readMeta(dir);
        try (MusicIndex index = MusicIndex.open(dir)) {
            index.count();
            index.info();
            float[] query = Built.vector(new Random(7), 8);
            index.search(query, SearchRequest.top(5));
            index.search(query, new SearchRequest(5, null, SearchRequest.Mode.APPROXIMATE, 20));
            index.storedFiles();
            index.forEachItem((key, vector) -> { });
            index.entry("item7");
        }
    }

    private static final class Built {
        static final Path ORIGINAL;
        static final List<String> FILES;
        static final Path COPY;

        static {
            try {
                Path root = Files.createTempDirectory("clamp3-index-fuzz");
                root.toFile().deleteOnExit();
                ORIGINAL = root.resolve("index");
                COPY = root.resolve("copy");
                IndexSettings settings = new IndexSettings(IndexSettings.Quantization.NONE, 16, 100, 5);
                Random random = new Random(15);
                try (IndexUpdater u = IndexUpdater.open(ORIGINAL, settings, "model-fp", "mert-fp", "/source", 1)) {
                    for (int i = 0; i < 30; i++) {
                        List<Segment> segments = new ArrayList<>();
                        String modality = i < 2 ? "audio" : i % 2 == 0 ? "text" : "symbolic";
                        if (i < 2) {
                            for (int s = 0; s < 3; s++) {
                                segments.add(new Segment(s * 5.0, s * 5.0 + 5, vector(random, 8)));
                            }
                        }
                        u.put(new IndexEntry("item" + i, modality, "item" + i + ".x", 100 + i, 1_700_000_000_000L + i,
                                "hash" + i, Map.of("title", "T" + i), "model-fp", vector(random, 8), segments));
                    }
                    u.commit();
                }
                try (Stream<Path> files = Files.list(ORIGINAL)) {
                    FILES = files.map(p -> p.getFileName().toString()).filter(n -> !n.equals("write.lock")).sorted().toList();
                }
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        static float[] vector(Random random, int n) {
            float[] v = new float[n];
            for (int i = 0; i < n; i++) {
                v[i] = (float) random.nextGaussian();
            }
            return v;
        }

        static Path damagedCopy(byte[] data) throws IOException {
            if (Files.exists(COPY)) {
                try (Stream<Path> old = Files.list(COPY)) {
                    for (Path p : old.toList()) {
                        Files.delete(p);
                    }
                }
            } else {
                Files.createDirectories(COPY);
            }
            for (String name : FILES) {
                Files.copy(ORIGINAL.resolve(name), COPY.resolve(name), StandardCopyOption.REPLACE_EXISTING);
            }
            if (data.length == 0) {
                return COPY;
            }
            Path target = COPY.resolve(FILES.get((data[0] & 0xff) % FILES.size()));
            byte[] bytes = Files.readAllBytes(target);
            int at = data.length >= 3 ? ((data[1] & 0xff) << 8 | (data[2] & 0xff)) % Math.max(bytes.length, 1) : 0;
            boolean cut = data.length >= 4 && (data[3] & 1) == 1;
            int patch = Math.max(0, data.length - 4);
            int length = cut ? at + patch : Math.max(bytes.length, at + patch);
            byte[] out = java.util.Arrays.copyOf(bytes, length);
            if (patch > 0) {
                System.arraycopy(data, 4, out, at, patch);
            }
            Files.write(target, out);
            return COPY;
        }
    }
}
