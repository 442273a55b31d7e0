package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** clamp3 extract on broken inputs and broken model folders: one clear line each, the batch goes on. */
class ExtractBadInputTest {

    @TempDir
    Path dir;

    private static Path model() {
        return Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
    }

    private CliRun extract(Path in, Path modelDir, String... more) {
        List<String> args = new java.util.ArrayList<>(List.of("extract", in.toString(), dir.resolve("out").toString(),
                "--model", modelDir.toString(), "--errors", dir.resolve("errors.jsonl").toString(), "--global"));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    @Test
    void filesOverTheInputLimitAreRefusedInOneLine() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("small.txt"), "A waltz.\n");
        Files.writeString(in.resolve("big.txt"), "A long description of a waltz in G major.\n".repeat(3));
        CliRun run = extract(in, model(), "--max-input-bytes", "100");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertLine(run.errorLines(), in.resolve("big.txt"), "file of 126 bytes is larger than the input limit of 100 bytes");
        assertTrue(Files.exists(dir.resolve("out/small.npy")));
        CliRun bad = extract(in, model(), "--max-input-bytes", "0");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("Invalid value for option '--max-input-bytes'"), bad.toString());
        assertEquals(0, extract(in, model()).exitCode(), "the next command line has the default limits again");
    }

    @Test
    void badFilesAreReportedAndTheGoodOnesStillExtracted() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("good.txt"), "A waltz in G major.\n");
        Files.copy(model().resolve("inputs/abc_simple.abc"), in.resolve("tune.abc"));
        Files.writeString(in.resolve("tune.txt"), "same base name as tune.abc\n");
        Files.write(in.resolve("latin1.txt"), new byte[] {'c', 'a', 'f', (byte) 0xe9, '\n'});
        Files.writeString(in.resolve("empty.txt"), "\n\n");
        Files.write(in.resolve("junk.abc"), new byte[] {0x7f, 'E', 'L', 'F', 2, 1, 1, 0, 0, 0});
        Files.writeString(in.resolve("blank.mtf"), "");
        Npy.write(in.resolve("scalar.npy"), NpyArray.ofFloats(new float[] {1f}));
        Npy.writeFloat32(in.resolve("narrow.npy"), new float[5 * 100], 1, 5, 100);
        Npy.writeFloat32(in.resolve("nothing.npy"), new float[0], 1, 0, 128);
        Files.writeString(in.resolve("fake.npy"), "not numpy");

        CliRun run = extract(in, model());
        assertEquals(1, run.exitCode(), run.toString());
        List<String> errors = run.errorLines();
        assertEquals(9, errors.size(), run.toString());
        assertLine(errors, in.resolve("blank.mtf"), "no content left");
        assertLine(errors, in.resolve("tune.txt"), "its output " + dir.resolve("out/tune.npy") + " is already the output of "
                + in.resolve("tune.abc") + "; rename one of them");
        assertLine(errors, in.resolve("empty.txt"), "no text (the file has no non-empty line)");
        assertLine(errors, in.resolve("fake.npy"), "not a .npy file");
        assertLine(errors, in.resolve("junk.abc"), "binary data (control character U+0002 at offset 4), not text");
        assertLine(errors, in.resolve("latin1.txt"), "not valid UTF-8 text");
        assertLine(errors, in.resolve("narrow.npy"), "audio features have width 100, the model takes 128");
        assertLine(errors, in.resolve("nothing.npy"), "no audio feature rows");
        assertLine(errors, in.resolve("scalar.npy"), "expected float MERT features of shape (..., 128), got float32 ()");
        assertTrue(Files.isRegularFile(dir.resolve("out/good.npy")));
        assertTrue(Files.isRegularFile(dir.resolve("out/tune.npy")));
        assertEquals(2, Files.list(dir.resolve("out")).count(), "only the good files have outputs");
        assertEquals(9, Files.readAllLines(dir.resolve("errors.jsonl")).size());
    }

    @Test
    void audioWithoutMertSaysWhatToGive() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("audio/inputs/c05_chord_24k_mono_s16_5s.wav"),
                in.resolve("song.wav"));
        Files.writeString(in.resolve("good.txt"), "A waltz.\n");
        CliRun run = extract(in, model());
        assertEquals(1, run.exitCode(), run.toString());
        assertLine(run.errorLines(), in.resolve("song.wav"), "audio needs a MERT model to become features; hint: give");
        assertTrue(run.errorLines().get(0).contains("--mert DIR"), run.toString());
        assertTrue(Files.isRegularFile(dir.resolve("out/good.npy")));
    }

    private static void assertLine(List<String> errors, Path file, String problem) {
        String prefix = "error: " + file + ": " + problem;
        assertTrue(errors.stream().anyMatch(l -> l.startsWith(prefix)), "no line starting with '" + prefix + "' in " + errors);
    }

    /** A model folder made of links to the fixture's files, minus or plus what a test changes. */
    private Path modelCopy(boolean withTokenizer, String configEdit) throws IOException {
        Path m = Files.createDirectories(dir.resolve("model"));
        Files.createSymbolicLink(m.resolve("weights"), model().resolve("weights").toAbsolutePath());
        Path text = Files.createDirectories(m.resolve("xlmr-tiny"));
        Files.copy(model().resolve("xlmr-tiny/config.json"), text.resolve("config.json"));
        if (withTokenizer) {
            Files.copy(model().resolve("xlmr-tiny/tokenizer.json"), text.resolve("tokenizer.json"));
        }
        String config = Files.readString(model().resolve("config.json"));
        Files.writeString(m.resolve("config.json"), configEdit == null ? config : config.replace(configEdit.split("=>")[0], configEdit.split("=>")[1]));
        return m;
    }

    @Test
    void aModelFolderWithoutTokenizerIsOneClearError() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "hello");
        Path m = modelCopy(false, null);
        CliRun run = extract(in, m);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).startsWith("error: " + m.resolve("xlmr-tiny")), run.toString());
        assertTrue(run.errorLines().get(0).contains("tokenizer.json"), run.toString());
        assertFalse(Files.exists(dir.resolve("out/a.npy")));
    }

    @Test
    void weightsOfTheWrongShapeNameTheKeys() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "hello");
        // the fixture's audio encoder is 128 wide; claim 64
        Path m = modelCopy(true, "\"audio_encoder\": {\n  \"hidden_size\": 128=>\"audio_encoder\": {\n  \"hidden_size\": 64");
        CliRun run = extract(in, m);
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        String line = run.errorLines().get(0);
        assertTrue(line.contains(".pth: weights do not fit the model config: "), line);
        assertTrue(line.contains("audio_model.embeddings.word_embeddings.weight has shape [1, 128], expected [1, 64]"), line);
    }

    @Test
    void aMissingModelFolderSaysWhatToDo() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "hello");
        CliRun run = extract(in, dir.resolve("no-model"));
        assertEquals(1, run.exitCode());
        assertEquals(List.of("error: " + dir.resolve("no-model/config.json") + ": no such model folder"), run.errorLines());
    }
}
