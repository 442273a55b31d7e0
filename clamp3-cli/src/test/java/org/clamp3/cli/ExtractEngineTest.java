package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.index.MusicIndex;
import org.clamp3.onnx.EngineChoice;
import org.clamp3.serve.Clamp3Server;
import org.clamp3.serve.ServeConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code extract --engine/--precision}: ONNX Runtime fp32 writes the libtorch features (within the
 * fixtures' tolerance), int8 close to them, for every fixture input; int8 on libtorch is a usage error.
 */
class ExtractEngineTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));

    @TempDir
    Path dir;

    private Path extract(String name, String... engine) {
        Path out = dir.resolve(name);
        List<String> args = new java.util.ArrayList<>(List.of("extract", DATA.resolve("model/inputs").toString(), out.toString(),
                "--model", DATA.resolve("model").toString(), "--global", "--errors", dir.resolve(name + ".errors.jsonl").toString()));
        args.addAll(List.of(engine));
        CliRun run = CliRun.of(args.toArray(new String[0]));
        assertEquals(0, run.exitCode(), run.toString());
        return out;
    }

    @Test
    void onnxRuntimeWritesTheLibtorchFeatures() throws IOException {
        Path reference = extract("libtorch");
        Path fp32 = extract("ort-fp32", "--engine", "onnxruntime");
        Path int8 = extract("ort-int8", "--precision", "int8");
        List<Path> files;
        try (Stream<Path> s = Files.list(reference)) {
            files = s.filter(p -> p.toString().endsWith(".npy")).sorted().toList();
        }
        assertEquals(17, files.size(), files.toString());
        for (Path f : files) {
            float[] a = Npy.read(f).floats();
            float[] b = Npy.read(fp32.resolve(f.getFileName())).floats();
            float[] c = Npy.read(int8.resolve(f.getFileName())).floats();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            assertTrue(worst <= 1e-4, f.getFileName() + ": fp32 max abs diff " + worst);
            assertTrue(cosine(a, c) >= 0.999, f.getFileName() + ": int8 cosine " + cosine(a, c));
        }
    }

    /** A bare M3 encoder (no projection: per-patch features only) runs on ONNX Runtime too. */
    @Test
    void m3FeaturesOnOnnxRuntime() throws IOException {
        Path in = Files.createDirectories(dir.resolve("m3in"));
        Files.copy(DATA.resolve("model/inputs/abc_long.abc"), in.resolve("a.abc"));
        Files.copy(DATA.resolve("model/inputs/mtf_simple.mtf"), in.resolve("b.mtf"));
        String model = DATA.resolve("model").toString();
        for (String[] engine : new String[][] {{}, {"--engine", "onnxruntime"}}) {
            List<String> args = new java.util.ArrayList<>(List.of("extract", in.toString(), dir.resolve("m3" + engine.length).toString(),
                    "--encoder", "m3", "--model", model));
            args.addAll(List.of(engine));
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), run.toString());
        }
        for (String f : List.of("a.npy", "b.npy")) {
            float[] a = Npy.read(dir.resolve("m30").resolve(f)).floats();
            float[] b = Npy.read(dir.resolve("m32").resolve(f)).floats();
            assertEquals(a.length, b.length);
            for (int i = 0; i < a.length; i++) {
                assertEquals(a[i], b[i], 2e-4, f + " at " + i);
            }
        }
    }

    @Test
    void int8OnLibtorchIsAUsageError() {
        CliRun run = CliRun.of("extract", dir.resolve("in").toString(), dir.resolve("out").toString(), "--model",
                dir.resolve("model").toString(), "--engine", "libtorch", "--precision", "int8");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--precision int8 runs on ONNX Runtime only: use --engine onnxruntime"), run.toString());
        CliRun bad = CliRun.of("extract", dir.resolve("in").toString(), dir.resolve("out").toString(), "--model",
                dir.resolve("model").toString(), "--precision", "fp16");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("unknown precision 'fp16': use fp32 or int8"), bad.toString());
    }

    /** An index records the precision of its vectors and refuses the other one, as it refuses another model. */
    @Test
    void anIndexRecordsItsPrecision() throws IOException {
        Path src = dir.resolve("src");
        Files.createDirectories(src);
        Files.copy(DATA.resolve("model/inputs/text_short_en.txt"), src.resolve("a.txt"));
        Files.copy(DATA.resolve("model/inputs/abc_simple.abc"), src.resolve("b.abc"));
        Path index = dir.resolve("int8.idx");
        String model = DATA.resolve("model").toString();
        CliRun run = CliRun.of("index", "build", src.toString(), index.toString(), "--model", model, "--precision", "int8");
        assertEquals(0, run.exitCode(), run.toString());
        CliRun info = CliRun.of("index", "info", index.toString(), "--json");
        assertEquals(0, info.exitCode(), info.toString());
        assertTrue(info.out().contains("\"precision\": \"int8\""), info.toString());
        Files.copy(DATA.resolve("model/inputs/text_zh.txt"), src.resolve("c.txt"));
        CliRun mixed = CliRun.of("index", "build", src.toString(), index.toString(), "--model", model);
        assertTrue(mixed.exitCode() != 0, mixed.toString());
        assertTrue(mixed.err().contains("this index holds int8 vectors, not the fp32 ones asked for now; mixing precisions is refused"),
                mixed.toString());
        run = CliRun.of("index", "build", src.toString(), index.toString(), "--model", model, "--precision", "int8");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("index: 1 added"), run.toString());

        // search embeds a raw query as the index's vectors were: the indexed file finds itself exactly
        CliRun search = CliRun.of("search", src.resolve("a.txt").toString(), index.toString(), "--model", model, "--json", "--top-k", "1");
        assertEquals(0, search.exitCode(), search.toString());
        com.fasterxml.jackson.databind.JsonNode hit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(search.out()).get(0);
        assertEquals("a", hit.get("key").asText(), search.toString());
        assertEquals(1.0, hit.get("similarity").asDouble(), 1e-6, search.toString());

        // serve embeds queries in the index's precision; another one is refused
        ServeConfig config = ServeConfig.defaults(index, DATA.resolve("model"), null).withPort(0);
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> Clamp3Server.start(config, MusicIndex.open(index), m -> EngineChoice.DEFAULT.open(m, 0)));
        assertTrue(e.getMessage().contains("the index holds int8 vectors; queries would be embedded in fp32"), e.getMessage());
        try (Clamp3Server server = Clamp3Server.start(config, MusicIndex.open(index), m -> EngineChoice.parse(null, "int8").open(m, 0))) {
            assertTrue(server.port() > 0);
        }
    }

    @Test
    void checkPrecisionReportsEachModality() {
        CliRun run = CliRun.of("models", "check-precision", DATA.resolve("model").toString(), "--inputs",
                DATA.resolve("model/inputs").toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(3, lines.size(), run.toString());
        assertTrue(lines.get(0).matches("text\\s+6 inputs  int8 cosine min [01]\\.\\d{6} mean [01]\\.\\d{6}  \\(onnxruntime fp32 max \\|diff\\| .*\\)"),
                run.toString());
        assertTrue(lines.get(1).startsWith("symbolic     6 inputs"), run.toString());
        assertTrue(lines.get(2).startsWith("audio        5 inputs"), run.toString());
    }

    @Test
    void checkPrecisionEvaluatesAPairedSetAtBothPrecisions() throws IOException {
        Path q = Files.createDirectories(dir.resolve("q"));
        Path r = Files.createDirectories(dir.resolve("r"));
        String[][] pairs = {{"text_short_en.txt", "abc_simple.abc"}, {"text_zh.txt", "abc_long.abc"}, {"text_ru.txt", "abc_unicode.abc"}};
        for (int i = 0; i < pairs.length; i++) {
            Files.copy(DATA.resolve("model/inputs/" + pairs[i][0]), q.resolve("p" + i + ".txt"));
            Files.copy(DATA.resolve("model/inputs/" + pairs[i][1]), r.resolve("p" + i + ".abc"));
        }
        CliRun run = CliRun.of("models", "check-precision", DATA.resolve("model").toString(), "--queries", q.toString(),
                "--references", r.toString());
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(2, lines.size(), run.toString());
        assertTrue(lines.get(0).startsWith("retrieval fp32: 3 queries  MRR "), run.toString());
        assertTrue(lines.get(1).startsWith("retrieval int8: 3 queries  MRR "), run.toString());
        CliRun half = CliRun.of("models", "check-precision", DATA.resolve("model").toString(), "--queries", q.toString());
        assertEquals(2, half.exitCode(), half.toString());
        assertTrue(half.err().contains("--queries and --references go together"), half.toString());
    }

    private static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
