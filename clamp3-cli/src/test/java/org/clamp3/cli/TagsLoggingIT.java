package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The built {@code clamp3 preprocess tags} prints its own lines only: JAudioTagger's
 * java.util.logging messages (it logs every chunk of a WAV file at INFO) are switched off by the
 * application at startup, not by the library.
 */
class TagsLoggingIT {

    @Test
    void noLibraryLogLines(@TempDir Path dir) throws IOException, InterruptedException {
        Path audio = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("audio/inputs");
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.copy(audio.resolve("c05_chord_24k_mono_s16_5s.wav"), in.resolve("plain.wav"));
        Files.copy(audio.resolve("c12_chord_44k1_stereo_3s.mp3"), in.resolve("chord.mp3"));
        Files.writeString(in.resolve("broken.flac"), "fLaC but nothing else");

        RetrievalManifestIT.Result run = RetrievalManifestIT.clamp3(dir,
                List.of("preprocess", "tags", "in", "meta.jsonl", "--errors", "errors.jsonl"));

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("tags: 2 written to meta.jsonl, 1 failed\n", run.out(), run.toString());
        List<String> err = run.err().lines().toList();
        assertEquals(2, err.size(), run.err());
        assertTrue(err.get(0).startsWith("error: " + Path.of("in", "broken.flac") + ": cannot read tags"), run.err());
        assertEquals("1 input file(s) failed; see errors.jsonl", err.get(1), run.err());
    }
}
