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

import org.clamp3.cli.Clamp3;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** {@code clamp3 preprocess xml2abc}: mirrored tree, .mxl read, no file for a score without notes, bad files reported. */
class Xml2AbcCommandTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"), "symbolic");

    @TempDir
    Path dir;
    Path in;
    Path out;
    Path errors;

    record Run(int exitCode, String out, String err) {}

    static Run run(String... args) {
        CommandLine cl = Clamp3.newCommandLine();
        if (!cl.getSubcommands().containsKey("preprocess")) {
            cl.addSubcommand("preprocess", new CommandLine(new PreprocessCommand()));
        }
        CommandLine pre = cl.getSubcommands().get("preprocess");
        if (!pre.getSubcommands().containsKey("xml2abc")) {
            pre.addSubcommand("xml2abc", new Xml2AbcCommand());
        }
        cl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        cl.setParameterExceptionHandler(cl.getParameterExceptionHandler());
        StringWriter o = new StringWriter();
        StringWriter e = new StringWriter();
        cl.setOut(new PrintWriter(o, true));
        cl.setErr(new PrintWriter(e, true));
        int code = cl.execute(args);
        return new Run(code, o.toString(), e.toString());
    }

    @BeforeEach
    void tree() throws IOException {
        in = dir.resolve("scores");
        out = dir.resolve("abc");
        errors = dir.resolve("errors.jsonl");
        Files.createDirectories(in.resolve("sub"));
        Files.copy(DATA.resolve("ms_reunion_musicxml/input.musicxml"), in.resolve("reunion.musicxml"));
        Files.copy(DATA.resolve("ms_fugue_1_mxl/input.mxl"), in.resolve("sub/fugue.mxl"));
        Files.copy(DATA.resolve("abcm2ps_sample/abc2xml.xml"), in.resolve("sub/sample.xml"));
        Files.copy(DATA.resolve("abcmidi_drums/abc2xml.xml"), in.resolve("drums.xml"));
        Files.writeString(in.resolve("notes.txt"), "not a score, and not taken");
    }

    @Test
    void convertsATreeLikeTheOriginal() throws IOException {
        Run r = run("preprocess", "xml2abc", in.toString(), out.toString(), "--errors", errors.toString());
        assertEquals(0, r.exitCode(), r.toString());
        assertArrayEquals(Files.readAllBytes(DATA.resolve("ms_reunion_musicxml/xml2abc.abc")), Files.readAllBytes(out.resolve("reunion.abc")));
        assertArrayEquals(Files.readAllBytes(DATA.resolve("ms_fugue_1_mxl/xml2abc.abc")), Files.readAllBytes(out.resolve("sub/fugue.abc")));
        assertArrayEquals(Files.readAllBytes(DATA.resolve("abcm2ps_sample/xml2abc.abc")), Files.readAllBytes(out.resolve("sub/sample.abc")));
        assertFalse(Files.exists(out.resolve("drums.abc")), "a score without notes gets no file");
        assertFalse(Files.exists(out.resolve("notes.abc")));
        assertFalse(Files.exists(errors));
        assertTrue(r.out().contains("3 written") && r.out().contains("1 gave no output"), r.out());
    }

    @Test
    void aBadFileIsReportedInOneLineAndTheRestConverted() throws IOException {
        Files.writeString(in.resolve("junk.musicxml"), "this is not XML at all");
        Files.write(in.resolve("broken.mxl"), new byte[] {'P', 'K', 3, 4, 0, 0, 1, 2});
        Run r = run("preprocess", "xml2abc", in.toString(), out.toString(), "--errors", errors.toString());
        assertEquals(1, r.exitCode(), r.toString());
        assertTrue(Files.exists(out.resolve("reunion.abc")));
        assertFalse(Files.exists(out.resolve("junk.abc")));
        assertFalse(Files.exists(out.resolve("broken.abc")));
        String report = Files.readString(errors);
        assertTrue(report.contains("junk.musicxml") && report.contains("broken.mxl"), report);
        assertFalse(r.err().contains("\tat "), "no stack trace: " + r.err());
    }

    @Test
    void helpHasAnExample() {
        Run r = run("preprocess", "xml2abc", "--help");
        assertEquals(0, r.exitCode());
        assertTrue(r.out().contains("Example:"), r.out());
    }
}
