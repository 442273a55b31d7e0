package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every kind of bad input gets a one-line error naming the file, the right exit code, and no half-written output. */
class BadInputTest {

    @TempDir
    Path dir;
    Path queries;
    Path refs;
    Path errors;

    @BeforeEach
    void pairedFolders() throws IOException {
        queries = dir.resolve("q");
        refs = dir.resolve("r");
        errors = dir.resolve("errors.jsonl");
        for (int i = 0; i < 4; i++) {
            float[] v = new float[8];
            v[i] = 1;
            Npy.writeFloat32(refs.resolve("k" + i + ".npy"), v, 1, 8);
            v[i + 1] = 0.5f;
            Npy.writeFloat32(queries.resolve("k" + i + ".npy"), v, 1, 8);
        }
    }

    private String[] withOutputs(String... args) {
        List<String> all = new java.util.ArrayList<>(Arrays.asList(args));
        all.addAll(List.of("--errors", errors.toString()));
        if (args[0].equals("eval")) {
            all.addAll(List.of("--ranks", dir.resolve("ranks.jsonl").toString(), "--unmatched", dir.resolve("unmatched.jsonl").toString()));
        } else if (args[0].equals("score")) {
            all.addAll(List.of("--out", dir.resolve("pairs.jsonl").toString(), "--unmatched", dir.resolve("unmatched.jsonl").toString()));
        }
        return all.toArray(new String[0]);
    }

    @Test
    void aTruncatedQueryIsReportedAndTheEvalGoesOn() throws IOException {
        byte[] good = Files.readAllBytes(queries.resolve("k1.npy"));
        Files.write(queries.resolve("k1.2.npy"), Arrays.copyOf(good, good.length - 5));
        CliRun run = CliRun.of(withOutputs("eval", queries.toString(), refs.toString()));
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(List.of("error: " + queries.resolve("k1.2.npy") + ": truncated .npy data: shape (1, 8) needs 32 bytes, file has 27"),
                run.errorLines());
        assertTrue(run.out().contains("Total query features: 4"), run.out());
        assertTrue(run.out().contains("MRR: 1.0"), run.out());
        assertEquals(4, Files.readAllLines(dir.resolve("ranks.jsonl")).size());
        String report = Files.readString(errors);
        assertTrue(report.startsWith("{\"file\": \"" + queries.resolve("k1.2.npy") + "\", \"error\": "), report);
    }

    @Test
    void wrongShapesNonFloatsNanAndMixedDimensionsAreLeftOutOfASearch() throws IOException {
        Npy.writeFloat32(refs.resolve("temporal.npy"), new float[16], 1, 2, 8);
        Npy.writeFloat32(refs.resolve("nan.npy"), nanVector(), 1, 8);
        Npy.writeFloat32(refs.resolve("short.npy"), new float[] {1, 2, 3}, 1, 3);
        Npy.write(refs.resolve("ints.npy"), org.clamp3.core.io.NpyArray.ofLongs(new long[8], 1, 8));
        CliRun run = CliRun.of(withOutputs("search", queries.resolve("k2.npy").toString(), refs.toString(), "--top-k", "2"));
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(4, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("error: " + refs.resolve("ints.npy") + ": expected float features"), run.toString());
        assertTrue(run.errorLines().get(1).contains("nan.npy: value NaN at index 3"), run.toString());
        assertTrue(run.errorLines().get(2).contains("short.npy: dimension 3 differs from the 8 of the other features"), run.toString());
        assertTrue(run.errorLines().get(3).contains("temporal.npy: expected a global feature of shape (1, D), got shape (1, 2, 8)"), run.toString());
        assertEquals("Top 2 results among 4 candidates:\nk2 0.8944\nk3 0.4472\n", run.out());
        assertEquals(4, Files.readAllLines(errors).size());
    }

    private static float[] nanVector() {
        float[] v = new float[8];
        v[3] = Float.NaN;
        return v;
    }

    @Test
    void aBadQueryFileStopsTheSearchWithOneLine() throws IOException {
        Path bad = dir.resolve("query.npy");
        Files.writeString(bad, "not numpy at all");
        CliRun run = CliRun.of(withOutputs("search", bad.toString(), refs.toString()));
        assertEquals(1, run.exitCode());
        assertEquals("error: " + bad + ": not a .npy file (no \\x93NUMPY magic)\n", run.err());
        assertEquals("", run.out());
    }

    @Test
    void emptyOrMissingFoldersAreClearErrors() throws IOException {
        Path empty = Files.createDirectory(dir.resolve("empty"));
        CliRun run = CliRun.of(withOutputs("eval", empty.toString(), refs.toString()));
        assertEquals(1, run.exitCode());
        assertEquals(List.of("error: " + empty + ": no usable .npy features in this folder"), run.errorLines());

        run = CliRun.of(withOutputs("score", queries.toString(), dir.resolve("nope").toString()));
        assertEquals(1, run.exitCode());
        assertEquals(List.of("error: " + dir.resolve("nope") + ": no such folder"), run.errorLines());
        assertFalse(Files.exists(dir.resolve("pairs.jsonl")));
    }

    @Test
    void unmatchedFilesStopUnlessAllowed() throws IOException {
        Npy.writeFloat32(queries.resolve("lonely.npy"), new float[8], 1, 8);
        CliRun run = CliRun.of(withOutputs("score", queries.toString(), refs.toString()));
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.errorLines().get(0).contains("there are 1 unmatched query or reference files"), run.toString());
        assertEquals("{\"unmatched_query\": [\"" + queries.resolve("lonely.npy") + "\"]}\n",
                Files.readString(dir.resolve("unmatched.jsonl")));
        assertFalse(Files.exists(dir.resolve("pairs.jsonl")));

        run = CliRun.of(withOutputs("score", queries.toString(), refs.toString(), "--allow-unmatched"));
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(4, Files.readAllLines(dir.resolve("pairs.jsonl")).size());
    }

    @Test
    void aFileThatIsNotACheckpointIsRefusedAndNothingIsWritten() throws IOException {
        Path junk = dir.resolve("junk.pth");
        Files.write(junk, "PK\u0003\u0004 but not really a zip".getBytes(StandardCharsets.ISO_8859_1));
        Path out = dir.resolve("pred.json");
        Files.writeString(out, "previous");
        CliRun run = CliRun.of("classify", "predict", junk.toString(), queries.toString(), out.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("error: " + junk + ": not a PyTorch checkpoint"), run.toString());
        assertEquals("previous", Files.readString(out));
    }

    @Test
    void aPickleWithAForbiddenGlobalIsRefusedWithoutRunningIt() throws IOException {
        Path marker = dir.resolve("pwned");
        Path evil = dir.resolve("evil.pth");
        // pickle protocol 2: os.system("touch <marker>")
        byte[] cmd = ("touch " + marker).getBytes(StandardCharsets.UTF_8);
        java.io.ByteArrayOutputStream pkl = new java.io.ByteArrayOutputStream();
        pkl.write(new byte[] {(byte) 0x80, 2});
        pkl.writeBytes("cos\nsystem\n".getBytes(StandardCharsets.US_ASCII));
        pkl.write('X');
        pkl.writeBytes(new byte[] {(byte) cmd.length, 0, 0, 0});
        pkl.writeBytes(cmd);
        pkl.write(0x85); // TUPLE1
        pkl.write('R');  // REDUCE
        pkl.write('.');  // STOP
        try (OutputStream os = Files.newOutputStream(evil); ZipOutputStream zip = new ZipOutputStream(os)) {
            zip.putNextEntry(new ZipEntry("archive/data.pkl"));
            zip.write(pkl.toByteArray());
            zip.closeEntry();
        }
        CliRun run = CliRun.of("classify", "predict", evil.toString(), queries.toString(), dir.resolve("p.json").toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("error: " + evil + ": refused pickle global 'os.system'"), run.toString());
        assertFalse(Files.exists(marker), "nothing was executed");
        assertFalse(Files.exists(dir.resolve("p.json")));
    }

    @Test
    void usageErrorsExitWithTwo() {
        assertEquals(2, CliRun.of("search").exitCode());
        assertEquals(2, CliRun.of("eval", "a").exitCode());
        assertEquals(2, CliRun.of("search", "q.npy", "refs", "--top-k", "zero").exitCode());
        assertEquals(2, CliRun.of("search", "q.npy", "refs", "--top-k", "0").exitCode());
        assertEquals(2, CliRun.of("no-such-command").exitCode());
        CliRun run = CliRun.of("classify", "train", "--train", "x");
        assertEquals(2, run.exitCode());
        assertTrue(run.err().contains("Missing required option: '--output=WEIGHTS'"), run.err());
    }
}
