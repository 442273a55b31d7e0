package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * N shards together give the unsharded outputs, file for file and byte for byte, each file in
 * exactly one shard. Bytes are compared with --exact-original, where each window is computed
 * alone; in the default batched mode a file's windows share passes with whichever files are in the
 * same round, so its values may differ in the last bits (within the 2e-6 of batching), as they
 * do between any two batched runs over different sets of files.
 */
class ShardTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path MODEL = DATA.resolve("model");

    @TempDir
    static Path tmp;
    static Path in;
    static Map<String, byte[]> whole;

    /** The files below a folder by relative path, without error reports. */
    static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return out;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path p : s.filter(Files::isRegularFile).toList()) {
                out.put(dir.relativize(p).toString(), Files.readAllBytes(p));
            }
        }
        return out;
    }

    @BeforeAll
    static void unsharded() throws IOException {
        in = tmp.resolve("in");
        IndexCommandTest.copyTree(MODEL.resolve("inputs"), in.resolve("model"));
        IndexCommandTest.copyTree(DATA.resolve("symbolic/ms_fugue_1_mid"), in.resolve("midi"));
        IndexCommandTest.copyTree(DATA.resolve("symbolic/ms_reunion_musicxml"), in.resolve("xml"));
        CliRun run = CliRun.of("extract", in.toString(), tmp.resolve("whole").toString(), "--global", "--model", MODEL.toString(),
                "--exact-original", "--errors", tmp.resolve("whole-errors.jsonl").toString());
        assertTrue(run.exitCode() <= 1, run.toString());
        whole = files(tmp.resolve("whole"));
        assertTrue(whole.size() >= 17, whole.keySet().toString());
    }

    @Test
    void shardsCoverTheTreeOnceWithTheSameBytes() throws IOException {
        for (int n : new int[] {1, 3, 4}) {
            Map<String, byte[]> union = new TreeMap<>();
            for (int i = 0; i < n; i++) {
                Path out = tmp.resolve("n" + n + "/shard" + i);
                CliRun run = CliRun.of("extract", in.toString(), out.toString(), "--global", "--model", MODEL.toString(),
                        "--exact-original", "--shard", i + "/" + n, "--errors", tmp.resolve("e-" + n + "-" + i + ".jsonl").toString());
                assertTrue(run.exitCode() <= 1, run.toString());
                for (Map.Entry<String, byte[]> e : files(out).entrySet()) {
                    assertTrue(union.put(e.getKey(), e.getValue()) == null, e.getKey() + " in two shards of " + n);
                }
            }
            assertEquals(whole.keySet(), union.keySet(), "N = " + n);
            for (String k : whole.keySet()) {
                assertArrayEquals(whole.get(k), union.get(k), k + " with N = " + n);
            }
        }
    }

    @Test
    void aPreprocessCommandShardsToo() throws IOException {
        Path midis = DATA.resolve("symbolic");
        CliRun all = CliRun.of("preprocess", "midi2mtf", midis.toString(), tmp.resolve("mtf-all").toString(),
                "--errors", tmp.resolve("m.jsonl").toString());
        Map<String, byte[]> expected = files(tmp.resolve("mtf-all"));
        Map<String, byte[]> union = new TreeMap<>();
        for (int i = 0; i < 3; i++) {
            CliRun run = CliRun.of("preprocess", "midi2mtf", midis.toString(), tmp.resolve("mtf-3").toString(), "--shard", i + "/3",
                    "--errors", tmp.resolve("m" + i + ".jsonl").toString());
            assertTrue(run.exitCode() <= all.exitCode(), run.toString());
        }
        union.putAll(files(tmp.resolve("mtf-3")));
        expected.keySet().removeIf(k -> k.endsWith(".clamp3-outputs.tsv")); // the ledgers list the same files in another order
        union.keySet().removeIf(k -> k.endsWith(".clamp3-outputs.tsv"));
        assertEquals(expected.keySet(), union.keySet());
        for (String k : expected.keySet()) {
            assertArrayEquals(expected.get(k), union.get(k), k);
        }
    }

    @Test
    void aShardWritesItsOwnErrorReport() {
        ErrorsFileOption errors = new ErrorsFileOption();
        errors.file = Path.of(ErrorsFileOption.DEFAULT);
        ShardOption shard = new ShardOption();
        assertEquals(Path.of("clamp3-errors.jsonl"), shard.errorsFile(errors));
        shard.shard = org.clamp3.core.pipeline.Shard.parse("2/8");
        assertEquals(Path.of("clamp3-errors.shard-2-of-8.jsonl"), shard.errorsFile(errors));
        errors.file = Path.of("mine.jsonl");
        assertEquals(Path.of("mine.jsonl"), shard.errorsFile(errors), "an explicit --errors wins");
        assertEquals(2, CliRun.of("extract", "a", "b", "--shard", "8/8").exitCode());
        assertEquals(2, CliRun.of("extract", "a", "b", "--shard", "x").exitCode());
    }
}
