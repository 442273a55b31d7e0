package org.clamp3.cli.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** clamp3 preprocess interleave over a folder tree: outputs as the original's, its messages as warnings, failures reported. */
class InterleaveCommandTest {
    private static final Path SYMBOLIC = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("symbolic");

    @TempDir
    Path dir;

    private record Run(int exitCode, String out, String err) {}

    private static Run interleave(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = new CommandLine(new InterleaveCommand());
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    @Test
    void folderTreeWithWarningsAndFailures() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(SYMBOLIC.resolve("ms_fugue_1_musicxml/xml2abc.abc"), in.resolve("fugue.abc"));
        Files.copy(SYMBOLIC.resolve("abcmidi_coleraine/xml2abc.abc"), in.resolve("coleraine.abc"));
        Files.copy(SYMBOLIC.resolve("abcm2ps_sample2/input.abc"), in.resolve("sample2.abc"));
        Files.copy(SYMBOLIC.resolve("abcmidi_araber/input.abc"), dir.resolve("in/araber.abc"));
        Files.writeString(dir.resolve("in/empty.abc"), "");
        Files.write(dir.resolve("in/binary.abc"), new byte[] {(byte) 0xff, 0, 1, 2});
        Path out = dir.resolve("out");

        Run run = interleave(dir.resolve("in").toString(), out.toString(), "--errors", dir.resolve("errors.jsonl").toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(Files.readString(SYMBOLIC.resolve("ms_fugue_1_musicxml/interleaved.abc")), Files.readString(out.resolve("sub/fugue.abc")));
        assertEquals(Files.readString(SYMBOLIC.resolve("abcmidi_coleraine/interleaved.abc")), Files.readString(out.resolve("sub/coleraine.abc")));
        assertTrue(run.err().contains("warning: " + in.resolve("coleraine.abc") + ": Unequal barlines.\n"), run.err());
        assertTrue(run.err().contains("warning: " + in.resolve("sample2.abc") + ": Unequal barlines.\n"), run.err());
        assertTrue(run.err().contains("error: " + in.resolve("sample2.abc") + ": Unequal bar numbers.\n"), run.err());
        assertTrue(run.err().contains("error: " + dir.resolve("in/araber.abc") + ": tunebody index not found.\n"), run.err());
        assertTrue(run.err().contains("error: " + dir.resolve("in/binary.abc") + ": "), run.err());
        assertFalse(Files.exists(out.resolve("sub/sample2.abc")));
        assertFalse(Files.exists(out.resolve("araber.abc")));
        assertFalse(Files.exists(out.resolve("empty.abc")));
        assertTrue(run.out().contains("interleave: 2 written"), run.out());
        assertTrue(run.out().contains("3 failed"), run.out());
        assertEquals(3, Files.readAllLines(dir.resolve("errors.jsonl")).size());

        Run again = interleave(dir.resolve("in/sub/fugue.abc").toString(), dir.resolve("out/sub").toString());
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains("1 skipped"), again.out());
    }

    @Test
    void helpHasAnExample() {
        Run run = interleave("--help");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().contains("Example:"), run.out());
    }
}
