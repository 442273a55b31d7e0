package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * clamp3 index build / info / verify and search of an index, with the tiny model: an index answers
 * as extract + folder search does, updates follow the tree, models are never mixed, damage is found.
 */
class IndexCommandTest {
    static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path shared;
    static Path index;
    static Path features;

    @BeforeAll
    static void buildOnce() {
        index = shared.resolve("inputs.idx");
        features = shared.resolve("features");
        CliRun run = CliRun.of("index", "build", MODEL.resolve("inputs").toString(), index.toString(), "--model", MODEL.toString(),
                "--errors", shared.resolve("e1.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("index: 17 added, 0 updated, 0 removed, 0 unchanged; 17 items in " + index + "\n", run.out());
        run = CliRun.of("extract", MODEL.resolve("inputs").toString(), features.toString(), "--global", "--model", MODEL.toString(),
                "--errors", shared.resolve("e2.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    /** key and similarity of each result of a --json search. */
    static List<String[]> results(CliRun run) throws IOException {
        assertEquals(0, run.exitCode(), run.toString());
        List<String[]> out = new ArrayList<>();
        for (JsonNode n : JSON.readTree(run.out())) {
            out.add(new String[] {n.get("key").asText(), n.get("similarity").asText()});
        }
        return out;
    }

    static void assertSameRanking(List<String[]> expected, List<String[]> got) {
        assertEquals(expected.size(), got.size());
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i)[0], got.get(i)[0], "rank " + (i + 1));
            assertEquals(Double.parseDouble(expected.get(i)[1]), Double.parseDouble(got.get(i)[1]), 1e-5, "rank " + (i + 1));
        }
    }

    @Test
    void textAndRawFileQueriesAnswerAsExtractPlusFolderSearch() throws IOException {
        List<String[]> queries = List.of(
                new String[] {"--text", "a calm piano piece"},
                new String[] {"--text", "一首欢快的民歌"},
                new String[] {MODEL.resolve("inputs/abc_simple.abc").toString()},
                new String[] {MODEL.resolve("inputs/mtf_long.mtf").toString()},
                new String[] {MODEL.resolve("inputs/text_ru.txt").toString()},
                new String[] {MODEL.resolve("inputs/audio_T126.npy").toString()});
        for (String[] q : queries) {
            List<String> folder = new ArrayList<>(List.of("search"));
            folder.addAll(List.of(q));
            folder.addAll(List.of(features.toString(), "--model", MODEL.toString(), "--json"));
            List<String> indexed = new ArrayList<>(List.of("search"));
            indexed.addAll(List.of(q));
            indexed.addAll(List.of(index.toString(), "--model", MODEL.toString(), "--json"));
            List<String[]> expected = results(CliRun.of(folder.toArray(String[]::new)));
            assertSameRanking(expected, results(CliRun.of(indexed.toArray(String[]::new))));
            indexed.add("--exact");
            assertSameRanking(expected, results(CliRun.of(indexed.toArray(String[]::new))));
        }
    }

    @Test
    void featureQueryAndModalityFilter() throws IOException {
        CliRun run = CliRun.of("search", features.resolve("abc_long.npy").toString(), index.toString(), "--modality", "symbolic",
                "--json", "--top-k", "20");
        List<String[]> hits = results(run);
        assertEquals(6, hits.size(), run.out());
        assertEquals("abc_long", hits.get(0)[0]);
        for (JsonNode n : JSON.readTree(run.out())) {
            assertEquals("symbolic", n.get("modality").asText());
        }
    }

    @Test
    void infoCountsItemsPerModality() throws IOException {
        CliRun run = CliRun.of("index", "info", index.toString(), "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode info = JSON.readTree(run.out());
        assertEquals(17, info.get("count").asInt());
        assertEquals(6, info.get("items").get("text").asInt());
        assertEquals(6, info.get("items").get("symbolic").asInt());
        assertEquals(5, info.get("items").get("audio").asInt());
        assertEquals(128, info.get("dimension").asInt());
        assertEquals("none", info.get("quantization").asText());
        assertEquals(16, info.get("model").asText().length());
        run = CliRun.of("index", "verify", index.toString());
        assertEquals(0, run.exitCode(), run.toString());
    }

    static void copyTree(Path from, Path to) throws IOException {
        try (Stream<Path> walk = Files.walk(from)) {
            for (Path p : walk.toList()) {
                Path t = to.resolve(from.relativize(p).toString());
                if (Files.isDirectory(p)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(p, t, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.COPY_ATTRIBUTES);
                }
            }
        }
    }

    @Test
    void updatesFollowTheTree(@TempDir Path dir) throws IOException {
        Path src = dir.resolve("music");
        copyTree(MODEL.resolve("inputs"), src);
        Path idx = dir.resolve("music.idx");
        String[] build = {"index", "build", src.toString(), idx.toString(), "--model", MODEL.toString(),
            "--errors", dir.resolve("e.jsonl").toString()};
        assertEquals(0, CliRun.of(build).exitCode());

        Files.writeString(src.resolve("new_song.txt"), "A brand new folk song about the sea\n");       // added
        Files.writeString(src.resolve("text_short_en.txt"), "Completely different words now\n");      // updated
        Files.delete(src.resolve("abc_unicode.abc"));                                                 // removed
        Files.createDirectories(src.resolve("moved"));
        Files.move(src.resolve("mtf_simple.mtf"), src.resolve("moved/mtf_simple.mtf"));               // renamed: removed + added
        Files.setLastModifiedTime(src.resolve("text_zh.txt"), FileTime.fromMillis(System.currentTimeMillis() + 5000)); // touched only

        CliRun run = CliRun.of(build);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals("index: 2 added, 1 updated, 2 removed, 14 unchanged; 17 items in " + idx + "\n", run.out());

        // the updated index answers exactly as a fresh index of the new tree
        Path fresh = dir.resolve("fresh.idx");
        assertEquals(0, CliRun.of("index", "build", src.toString(), fresh.toString(), "--model", MODEL.toString()).exitCode());
        for (String text : List.of("Completely different words now", "folk song", "piano")) {
            List<String[]> a = results(CliRun.of("search", "--text", text, idx.toString(), "--model", MODEL.toString(), "--json", "--top-k", "17"));
            List<String[]> b = results(CliRun.of("search", "--text", text, fresh.toString(), "--model", MODEL.toString(), "--json", "--top-k", "17"));
            assertSameRanking(b, a);
            assertTrue(a.stream().anyMatch(h -> h[0].equals("moved/mtf_simple")));
            assertTrue(a.stream().noneMatch(h -> h[0].equals("abc_unicode") || h[0].equals("mtf_simple")));
        }
        assertEquals("text_short_en", results(CliRun.of("search", "--text", "Completely different words now", idx.toString(),
                "--model", MODEL.toString(), "--json", "--top-k", "1")).get(0)[0]);

        // nothing changed: nothing touched
        List<FileTime> before = times(idx);
        run = CliRun.of(build);
        assertEquals("index: 0 added, 0 updated, 0 removed, 17 unchanged; 17 items in " + idx + "\n", run.out(), run.toString());
        assertEquals(0, CliRun.of("index", "verify", idx.toString()).exitCode());
        assertTrue(times(idx).size() >= before.size());
    }

    static List<FileTime> times(Path dir) throws IOException {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted(Comparator.naturalOrder()).map(p -> {
                try {
                    return Files.getLastModifiedTime(p);
                } catch (IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }).toList();
        }
    }

    @Test
    void anotherModelIsRefusedForBuildingAndForQueries(@TempDir Path dir) throws IOException {
        Path other = dir.resolve("other-model");
        copyTree(MODEL, other);
        Files.writeString(other.resolve("config.json"), Files.readString(other.resolve("config.json")) + "\n");
        String fpIndex = JSON.readTree(CliRun.of("index", "info", index.toString(), "--json").out()).get("model").asText();

        Path idx = dir.resolve("copy.idx");
        copyTree(index, idx);
        CliRun run = CliRun.of("index", "build", MODEL.resolve("inputs").toString(), idx.toString(), "--model", other.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("mixing models is refused") && run.err().contains(fpIndex), run.err());

        run = CliRun.of("search", "--text", "piano", index.toString(), "--model", other.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains(fpIndex) && run.err().contains("the query would be embedded by model"), run.err());
    }

    @Test
    void aTruncatedFileFailsVerify(@TempDir Path dir) throws IOException {
        for (String ext : List.of(".vec", ".fdt", ".si")) {
            Path idx = dir.resolve("damaged" + ext);
            copyTree(index, idx);
            Path victim;
            try (Stream<Path> s = Files.list(idx)) {
                victim = s.filter(p -> p.getFileName().toString().endsWith(ext)).findFirst().orElseThrow();
            }
            try (RandomAccessFile f = new RandomAccessFile(victim.toFile(), "rw")) {
                f.setLength(f.length() / 2);
            }
            CliRun run = CliRun.of("index", "verify", idx.toString());
            assertEquals(1, run.exitCode(), run.toString());
            assertTrue(run.err().startsWith("error: "), run.err());
        }
    }

    /** What scripts/quickstart.sh runs: the whole demo collection indexes, segments included, and answers. */
    @Test
    void theQuickStartDemoIndexesEveryFile(@TempDir Path dir) throws IOException {
        Path root = MODEL.getParent().getParent();
        Path idx = dir.resolve("demo.idx");
        CliRun run = CliRun.of("index", "build", root.resolve("demo/collection").toString(), idx.toString(), "--model", MODEL.toString(),
                "--mert", root.resolve("demo/models/tiny-mert").toString(), "--segments", "5", "--json",
                "--errors", dir.resolve("e.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode counts = JSON.readTree(run.out());
        assertEquals(12, counts.get("added").asInt());
        assertEquals(12, counts.get("count").asInt());
        assertTrue(counts.get("segments").asInt() >= 4, run.out());
        run = CliRun.of("search", "--text", "a calm cello piece", idx.toString(), "--model", MODEL.toString(), "--modality", "audio", "--json");
        JsonNode hits = JSON.readTree(run.out());
        assertEquals(2, hits.size(), run.toString());
        assertTrue(hits.get(0).has("segment") && hits.get(0).get("metadata").has("duration"), run.out());
    }

    @Test
    void usageErrors() {
        assertEquals(2, CliRun.of("index", "build", "a", "b", "--quantize", "int4").exitCode());
        assertEquals(2, CliRun.of("index", "build", "a", "b", "--model", "m", "--segments", "7").exitCode());
        assertEquals(2, CliRun.of("index", "build", "a", "b", "--shard", "4/4").exitCode());
        assertEquals(2, CliRun.of("index", "build", "a", "b", "--segments", "30").exitCode());
        assertEquals(2, CliRun.of("search", "q.npy", "not-an-index", "--exact").exitCode());
    }
}
