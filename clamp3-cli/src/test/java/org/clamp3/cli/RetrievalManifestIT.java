package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every case of src-test-data/retrieval/MANIFEST.json (outputs of the original Python scripts)
 * run through the built launcher, scripts/clamp3, in the folder the original ran in.
 */
class RetrievalManifestIT {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;

    static Path root() {
        return Path.of(System.getProperty("clamp3.root", ".."));
    }

    private static Path fixtures() {
        return Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("retrieval");
    }

    record Result(int exitCode, String out, String err) {}

    static Result clamp3(Path cwd, List<String> args) throws IOException, InterruptedException {
        List<String> cmd = new ArrayList<>();
        cmd.add(root().resolve("scripts/clamp3").toAbsolutePath().toString());
        cmd.addAll(args);
        Process p = new ProcessBuilder(cmd).directory(cwd.toFile()).redirectErrorStream(false).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        String err = new String(p.getErrorStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        return new Result(p.exitValue(), out, err);
    }

    @TestFactory
    Stream<DynamicTest> manifestCases() throws IOException {
        JsonNode manifest = JSON.readTree(fixtures().resolve("MANIFEST.json").toFile());
        List<DynamicTest> tests = new ArrayList<>();
        int i = 0;
        for (JsonNode c : manifest.get("cases")) {
            String name = (i++) + " " + c.get("tool").asText() + " " + (c.has("argv") ? c.get("argv").toString() : "");
            tests.add(DynamicTest.dynamicTest(name, () -> runCase(c)));
        }
        return tests.stream();
    }

    private void runCase(JsonNode c) throws Exception {
        Path base = fixtures();
        Path cwd = c.has("cwd") ? base.resolve(c.get("cwd").asText()) : base;
        List<String> argv = new ArrayList<>();
        if (c.has("argv")) {
            c.get("argv").forEach(a -> argv.add(a.asText()));
        }
        switch (c.get("tool").asText()) {
            case "eval": {
                Path ranks = tmp.resolve("ranks.jsonl");
                argv.add(0, "eval");
                argv.addAll(List.of("--ranks", ranks.toString()));
                Result r = clamp3(cwd, argv);
                assertEquals(0, r.exitCode(), r.err());
                assertEquals(withoutLastLine(read(base, c, "stdout")), withoutLastLine(r.out()));
                assertEquals(jsonlSet(base.resolve(c.get("ranks").asText())), jsonlSet(ranks));
                break;
            }
            case "score": {
                Path pairs = tmp.resolve("pairs.jsonl");
                argv.add(0, "score");
                argv.addAll(List.of("--out", pairs.toString()));
                Result r = clamp3(cwd, argv);
                assertEquals(0, r.exitCode(), r.err());
                if (c.has("pairs")) {
                    assertEquals(withoutLastLine(read(base, c, "stdout")), withoutLastLine(r.out()));
                    assertSamePairs(base.resolve(c.get("pairs").asText()), pairs);
                } else {
                    assertEquals(read(base, c, "stdout"), r.out());
                }
                break;
            }
            case "search": {
                argv.add(0, "search");
                Result r = clamp3(cwd, argv);
                assertEquals(0, r.exitCode(), r.err());
                assertEquals(read(base, c, "stdout"), r.out());
                break;
            }
            case "classify": {
                Path out = tmp.resolve("predictions.json");
                Result r = clamp3(cwd, List.of("classify", "predict", c.get("weights").asText(),
                        c.get("features").asText(), out.toString()));
                assertEquals(0, r.exitCode(), r.err());
                assertEquals(JSON.readTree(base.resolve(c.get("predictions").asText()).toFile()), JSON.readTree(out.toFile()));
                break;
            }
            default:
                throw new AssertionError("unknown tool " + c.get("tool"));
        }
    }

    private static String read(Path base, JsonNode c, String field) throws IOException {
        return Files.readString(base.resolve(c.get(field).asText()));
    }

    /** The last line names the output file, which differs by design. */
    private static String withoutLastLine(String s) {
        String t = s.endsWith("\n") ? s.substring(0, s.length() - 1) : s;
        return t.substring(0, t.lastIndexOf('\n') + 1);
    }

    /** The original's order among equal ranks is arbitrary (it iterates a set): compare as sets. */
    private static Set<JsonNode> jsonlSet(Path file) throws IOException {
        Set<JsonNode> set = new HashSet<>();
        for (String line : Files.readAllLines(file)) {
            set.add(JSON.readTree(line));
        }
        return set;
    }

    /** Same pairs, similarities within float32 rounding, sorted highest first. */
    private static void assertSamePairs(Path expectedFile, Path actualFile) throws IOException {
        Map<String, Double> expected = new HashMap<>();
        for (String line : Files.readAllLines(expectedFile)) {
            JsonNode n = JSON.readTree(line);
            expected.put(n.get("query").asText() + " " + n.get("reference").asText(), n.get("similarity").asDouble());
        }
        List<String> lines = Files.readAllLines(actualFile);
        assertEquals(expected.size(), lines.size());
        double previous = Double.POSITIVE_INFINITY;
        for (String line : lines) {
            JsonNode n = JSON.readTree(line);
            String key = n.get("query").asText() + " " + n.get("reference").asText();
            double sim = n.get("similarity").asDouble();
            assertTrue(expected.containsKey(key), key);
            assertEquals(expected.get(key), sim, 1e-6, key);
            assertTrue(sim <= previous, "sorted by similarity");
            previous = sim;
        }
    }
}
