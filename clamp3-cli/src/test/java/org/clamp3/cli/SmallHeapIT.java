package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every command runs the test data (tiny models) in a JVM of 256 MB heap ({@code -Xmx256m}),
 * one after the other as a user would, each finishing (exit 0, or 1 for the test data's files that
 * are meant to fail) without running out of memory or refusing an input for want of heap.
 * The heap full-size models need is in the README (Batch behaviour).
 */
class SmallHeapIT {
    static final Path ROOT = RetrievalManifestIT.root().toAbsolutePath().normalize();
    static final Path DATA = ROOT.resolve("src-test-data");

    @Test
    void everyCommandRunsTheTestDataIn256Mb(@TempDir Path dir) throws Exception {
        String model = DATA.resolve("model").toString();
        String retrieval = DATA.resolve("retrieval").toString();
        Files.writeString(dir.resolve("genres.txt"), "folk\njazz\nclassical\n");
        List<List<String>> commands = List.of(
                List.of("extract", DATA.resolve("model/inputs").toString(), "features", "--global", "--model", model),
                List.of("extract", DATA.resolve("model/inputs").toString(), "local", "--model", model),
                List.of("preprocess", "symbolic", DATA.resolve("symbolic/xml2abc_features").toString(), "symbolic"),
                List.of("preprocess", "xml2abc", DATA.resolve("symbolic/xml2abc_features").toString(), "abc"),
                List.of("preprocess", "interleave", "abc", "interleaved"),
                List.of("preprocess", "midi2mtf", DATA.resolve("symbolic/midifilets_song").toString(), "mtf"),
                List.of("preprocess", "mtf2midi", "mtf", "midi"),
                List.of("preprocess", "mert", DATA.resolve("audio/inputs").toString(), "mert", "--mert", DATA.resolve("audio/model").toString()),
                List.of("search", retrieval + "/search_queries/query0.npy", retrieval + "/search_refs", "--top-k", "3"),
                List.of("eval", retrieval + "/w1/w2/queries", retrieval + "/w1/w2/refs"),
                List.of("score", retrieval + "/w1/w2/queries", retrieval + "/w1/w2/refs", "--out", "pairs.jsonl"),
                List.of("classify", "train", "--train", retrieval + "/cls/train", "--epochs", "2", "-o", "genre.pth"),
                List.of("classify", "predict", "genre.pth", retrieval + "/cls/test", "predictions.json"),
                List.of("classify", "zero-shot", "features", "--labels", "genres.txt", "--model", model),
                List.of("index", "build", ROOT.resolve("demo/collection").toString(), "demo.idx", "--model", model,
                        "--mert", ROOT.resolve("demo/models/tiny-mert").toString(), "--segments", "5"),
                List.of("index", "info", "demo.idx"),
                List.of("index", "verify", "demo.idx"),
                List.of("search", "--text", "a calm cello piece", "demo.idx", "--model", model, "--top-k", "3"),
                List.of("classify", "zero-shot", "demo.idx", "--labels", "genres.txt", "--model", model),
                List.of("train", "check", "--model", model, "--kind", "clip-audio", "--batch", DATA.resolve("model/losses").toString(),
                        "--steps", "3"));
        for (List<String> args : commands) {
            List<String> cmd = new ArrayList<>();
            cmd.add(ROOT.resolve("scripts/clamp3").toString());
            cmd.addAll(args);
            ProcessBuilder pb = new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                    .redirectOutput(dir.resolve("log.txt").toFile());
            pb.environment().put("CLAMP3_JAVA_OPTS", "-Xmx256m");
            pb.environment().put("CLAMP3_THREADS", "2");
            Process p = pb.start();
            assertTrue(p.waitFor(600, TimeUnit.SECONDS), String.join(" ", args) + ": still running");
            String log = Files.readString(dir.resolve("log.txt"), StandardCharsets.UTF_8);
            assertFalse(log.contains("OutOfMemoryError") || log.contains("Java heap space") || log.contains("raise -Xmx"),
                    String.join(" ", args) + "\n" + log);
            // the test data has files meant to fail (e.g. audio shorter than MERT's 1 s): exit 1 with their lines
            assertTrue(p.exitValue() == 0 || p.exitValue() == 1 && log.contains("error: "), String.join(" ", args) + "\n" + log);
        }
    }
}
