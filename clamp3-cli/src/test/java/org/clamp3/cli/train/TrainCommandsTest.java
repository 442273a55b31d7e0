package org.clamp3.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.cli.Clamp3;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** The train commands end to end on the tiny fixture model. */
class TrainCommandsTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));

    private static String[] run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Clamp3.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new String[] {Integer.toString(code), out.toString(), err.toString()};
    }

    @Test
    void checkPrintsTheOriginalsFirstStep() {
        String[] r = run("train", "check", "--model", DATA.resolve("model").toString(), "--kind", "clip-symbolic",
                "--batch", DATA.resolve("model/losses").toString(), "--steps", "1", "--json");
        assertEquals("0", r[0], r[2]);
        assertTrue(r[1].startsWith("{\"steps\": [{\"step\": 1, \"loss\": 1.39545"), r[1]);
        assertTrue(r[1].contains("\"grad_norm\": 1.23099"), r[1]);
        assertTrue(r[1].contains("\"lr\": 1e-05"), r[1]);
    }

    @Test
    void aSmokeRunSkipsBadItemsAndWritesLoadableCheckpoints(@TempDir Path dir) throws Exception {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Npy.writeFloat32(dir.resolve("a" + i + ".npy"), new float[3 * 128], 1, 3, 128);
            jsonl.append("{\"id\": \"a").append(i).append("\", \"filepaths\": [\"a").append(i)
                    .append(".npy\"], \"analysis\": \"A calm piece number ").append(i).append(".\"}\n");
        }
        jsonl.append("{broken\n");
        jsonl.append("{\"id\": \"gone\", \"filepaths\": [\"missing.npy\"], \"analysis\": \"x\"}\n");
        jsonl.append("{\"id\": \"mute\", \"filepaths\": [\"a0.npy\"], \"analysis\": \"\", \"unknown_field\": 3}\n");
        Files.writeString(dir.resolve("train.jsonl"), jsonl);
        Path out = dir.resolve("run");
        String[] r = run("train", "clamp3", "--modality", "audio", "--train-jsonl", dir.resolve("train.jsonl").toString(),
                "--eval-jsonl", dir.resolve("train.jsonl").toString(), "--model", DATA.resolve("model").toString(),
                "--out", out.toString(), "--batch-size", "2", "--max-steps", "2", "--epochs", "1",
                "--errors", dir.resolve("errors.jsonl").toString());
        assertEquals("1", r[0], r[1] + r[2]); // bad lines were reported, so the exit code says so
        assertTrue(r[2].contains("line 7 is not JSON"), r[2]);
        assertTrue(r[2].contains("missing.npy: missing (listed by item gone)"), r[2]);
        assertTrue(r[2].contains("item mute has no text"), r[2]);
        assertTrue(Files.isRegularFile(out.resolve("last.pth")), r[1]);
        // the checkpoint is a model: extract reads it
        Files.createDirectories(dir.resolve("q"));
        Files.writeString(dir.resolve("q/t.txt"), "A calm piece.");
        String[] e = run("extract", dir.resolve("q").toString(), dir.resolve("f").toString(), "--global",
                "--model", DATA.resolve("model").toString(), "--weights", out.resolve("last.pth").toString());
        assertEquals("0", e[0], e[2]);
        assertEquals(128, Npy.read(dir.resolve("f/t.npy")).size());
        String[] x = run("export", "--format", "pth", out.resolve("last.pth").toString(), dir.resolve("exported.pth").toString());
        assertEquals("0", x[0], x[2]);
    }

    @Test
    void m3PretrainingRunsOnScores(@TempDir Path dir) throws Exception {
        Path scores = Files.createDirectories(dir.resolve("scores"));
        for (String name : new String[] {"abc_simple.abc", "abc_unicode.abc", "mtf_simple.mtf", "abc_long.abc"}) {
            Files.copy(DATA.resolve("model/inputs").resolve(name), scores.resolve(name));
        }
        Files.writeString(scores.resolve("empty.abc"), "");
        Path out = dir.resolve("m3run");
        String[] r = run("train", "m3", "--train", scores.toString(), "--eval", scores.toString(),
                "--model", DATA.resolve("model").toString(), "--out", out.toString(), "--batch-size", "2",
                "--epochs", "1", "--warmup-steps", "0", "--errors", dir.resolve("errors.jsonl").toString());
        assertEquals("1", r[0], r[1] + r[2]); // the empty score is reported
        assertTrue(r[2].contains("empty.abc: no content left"), r[2]);
        assertTrue(r[1].contains("Epoch 1: train_loss "), r[1]);
        assertTrue(Files.isRegularFile(out.resolve("best.pth")) && Files.isRegularFile(out.resolve("last.pth")));
    }
}
