package org.clamp3.cli.preprocess;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** clamp3 preprocess mert over a folder: the fixture outputs, bad files reported, finished outputs skipped. */
class MertCommandTest {
    private static final Path AUDIO = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("audio");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run mert(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new MertCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    private static void assertClose(Path expected, Path got) {
        NpyArray e = Npy.read(expected);
        NpyArray g = Npy.read(got);
        assertArrayEquals(e.shape(), g.shape(), got.toString());
        float[] ev = e.floats();
        float[] gv = g.floats();
        for (int i = 0; i < ev.length; i++) {
            assertTrue(Math.abs(ev[i] - gv[i]) <= 1e-4 + 1e-4 * Math.abs(ev[i]), got + " element " + i);
        }
    }

    @Test
    void folderTreeWithGoodAndBadFiles() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(AUDIO.resolve("inputs/c01_chord_44k1_stereo_s16_3s.wav"), in.resolve("c01.wav"));
        Files.copy(AUDIO.resolve("inputs/c12_chord_44k1_stereo_3s.mp3"), in.resolve("c12.mp3"));
        Files.copy(AUDIO.resolve("inputs/c14_chord_44k1_stereo_3s.flac"), in.resolve("c14.flac"));
        Files.copy(AUDIO.resolve("inputs/c06_short_44k1_stereo_s16_0p5s.wav"), in.resolve("short.wav"));
        Files.writeString(in.resolve("broken.wav"), "RIFF....WAVEjunk");
        Files.copy(AUDIO.resolveSibling("audio-ogg/stereo_22050.ogg"), in.resolve("song.ogg"));
        Files.writeString(in.resolve("broken.ogg"), "OggS and more");
        Path out = dir.resolve("out");
        String[] args = {dir.resolve("in").toString(), out.toString(), "--mert", AUDIO.resolve("model").toString(),
            "--mean-features", "--errors", dir.resolve("errors.jsonl").toString()};

        Run run = mert(args);
        assertEquals(1, run.exitCode(), run.toString());
        assertClose(AUDIO.resolve("expected/mean/c01_chord_44k1_stereo_s16_3s.npy"), out.resolve("sub/c01.npy"));
        assertClose(AUDIO.resolve("expected/mean/c12_chord_44k1_stereo_3s.npy"), out.resolve("sub/c12.npy"));
        assertClose(AUDIO.resolve("expected/mean/c14_chord_44k1_stereo_3s.npy"), out.resolve("sub/c14.npy"));
        assertArrayEquals(new int[] {1, 1, 64}, Npy.read(out.resolve("sub/song.npy")).shape());
        for (String bad : List.of("short", "broken")) {
            assertFalse(Files.exists(out.resolve("sub/" + bad + ".npy")), bad);
        }
        List<String> errors = run.err().lines().filter(l -> l.startsWith("error: ")).toList();
        assertEquals(3, errors.size(), run.toString());
        assertTrue(run.err().contains(in.resolve("short.wav") + ": too short: 0.500 s of audio"), run.err());
        assertTrue(run.err().contains(in.resolve("broken.ogg") + ": corrupt Ogg"), run.err());
        assertTrue(run.err().contains(in.resolve("broken.wav") + ": "), run.err());
        try (var files = Files.list(out.resolve("sub"))) {
            assertEquals(4, files.count(), "no temporary files left behind");
        }

        Run again = mert(args);
        assertTrue(again.out().contains("4 skipped"), again.toString());
    }

    @Test
    void layerFeaturesWithoutMean() throws IOException {
        Path out = dir.resolve("out");
        Run run = mert(AUDIO.resolve("inputs/c09_tail1s_24k_stereo_s16_6s.wav").toString(), out.toString(),
                "--mert", AUDIO.resolve("model").toString(), "--batch-size", "1");
        assertEquals(0, run.exitCode(), run.toString());
        assertClose(AUDIO.resolve("expected/nomean/c09_tail1s_24k_stereo_s16_6s.npy"),
                out.resolve("c09_tail1s_24k_stereo_s16_6s.npy"));
    }

    @Test
    void badModelFolderIsOneClearError() {
        Run run = mert(AUDIO.resolve("inputs").toString(), dir.resolve("out").toString(), "--mert", dir.resolve("none").toString());
        assertTrue(run.exitCode() != 0, run.toString());
        assertTrue(run.err().contains("not a MERT model folder"), run.toString());
    }
}
