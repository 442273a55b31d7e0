package org.clamp3.preprocess.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Hostile or broken files: a clear one-line error naming the file, never a file read, a hang or a stack overflow. */
class MusicXmlHostileInputTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata"), "symbolic");
    private static final String SCORE_BODY = "<part-list><score-part id=\"P1\"><part-name>X</part-name></score-part></part-list>"
            + "<part id=\"P1\"><measure number=\"1\"><attributes><divisions>1</divisions></attributes>"
            + "<note><pitch><step>C</step><octave>4</octave></pitch><duration>4</duration></note></measure></part>";

    @TempDir
    Path dir;

    private InvalidInputException refused(Path file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> XmlToAbc.convert(file));
        assertTrue(e.getMessage().startsWith(file.toString() + ": "), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        return e;
    }

    private Path write(String name, String text) throws IOException {
        Path p = dir.resolve(name);
        Files.writeString(p, text, StandardCharsets.UTF_8);
        return p;
    }

    @Test
    void theUsualExternalDtdIsNeitherLoadedNorNeeded() throws IOException {
        Path p = write("ok.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise PUBLIC \"-//Recordare//DTD MusicXML 3.1 Partwise//EN\" "
                + "\"http://www.musicxml.org/dtds/partwise.dtd\">\n<score-partwise>" + SCORE_BODY + "</score-partwise>");
        String abc = assertTimeoutPreemptively(Duration.ofSeconds(10), () -> XmlToAbc.convert(p));
        assertTrue(abc.endsWith("\nV:1\n C8 | %1\n\n"), abc);
    }

    @Test
    void anExternalEntityIsNeverResolved() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path p = write("xxe.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>\n<score-partwise><work><work-title>&xxe;</work-title></work>" + SCORE_BODY + "</score-partwise>");
        InvalidInputException e = refused(p);
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void anExternalParameterEntityIsNeverResolved() throws IOException {
        Path evil = write("evil.dtd", "<!ENTITY title \"TOP-SECRET\">");
        Path p = write("pe.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY % pe SYSTEM \""
                + evil.toUri() + "\"> %pe;]>\n<score-partwise><work><work-title>&title;</work-title></work>" + SCORE_BODY + "</score-partwise>");
        InvalidInputException e = refused(p);
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());
    }

    @Test
    void internalEntitiesAreExpandedLikeExpatDoes() throws IOException {
        Path p = write("ent.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY t \"Title &amp; more\">]>\n"
                + "<score-partwise><work><work-title>&t;</work-title></work>" + SCORE_BODY + "</score-partwise>");
        assertTrue(XmlToAbc.convert(p).startsWith("X:1\nT:Title & more\n"));
    }

    @Test
    void billionLaughsIsRefused() throws IOException {
        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lollollollollollollollollollol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path p = write("lol.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [" + dtd + "]>\n"
                + "<score-partwise><work><work-title>&lol10;</work-title></work>" + SCORE_BODY + "</score-partwise>");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(p));
    }

    @Test
    void nonXmlJunkAndEmptyFilesAreRefused() throws IOException {
        byte[] junk = new byte[4096];
        new Random(7).nextBytes(junk);
        Path j = dir.resolve("junk.xml");
        Files.write(j, junk);
        refused(j);
        refused(write("empty.musicxml", ""));
        refused(write("text.xml", "just some text\n"));
        refused(write("unclosed.xml", "<score-partwise><part-list>"));
    }

    @Test
    void deepNestingIsRefusedNotOverflowed() throws IOException {
        Path p = write("deep.xml", "<a>".repeat(100_000) + "</a>".repeat(100_000));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(p));
    }

    @Test
    void aZipBombIsRefused() throws IOException {
        Path p = dir.resolve("bomb.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("score.xml"));
            byte[] zeros = new byte[1 << 20];
            for (int i = 0; i < 64; i++) { // 64 MiB of zeros, about 64 KiB compressed
                z.write(zeros);
            }
            z.closeEntry();
        }
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20), () -> refused(p));
        assertTrue(e.getMessage().contains("zip bomb"), e.getMessage());
    }

    @Test
    void pathTraversalNamesAreRefused() throws IOException {
        for (String name : new String[] {"../../evil.xml", "/etc/evil.xml", "a/../../b.xml", "..\\x\\score.xml"}) {
            InvalidInputException e = refused(archiveWithScoreAs(name));
            assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        }
    }

    /** An .mxl whose only entry is a score under the given name. */
    private Path archiveWithScoreAs(String name) throws IOException {
        Path p = dir.resolve("one-entry.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry(name));
            z.write(Files.readAllBytes(DATA.resolve("abcm2ps_sample/abc2xml.xml")));
            z.closeEntry();
        }
        return p;
    }

    @Test
    void driveLetterNamesAreRefused() throws IOException {
        for (String name : new String[] {"C:/evil.xml", "c:evil.xml"}) {
            InvalidInputException e = refused(archiveWithScoreAs(name));
            assertTrue(e.getMessage().contains("unsafe path"), e.getMessage());
        }
    }

    /** The original takes the first name not starting with META whose last four characters are .xml (any case). */
    @Test
    void shortAndOtherNamesAreNotTheScore() throws IOException {
        Path p = dir.resolve("names.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            for (String name : new String[] {"x", "xml", "METAscore.xml", "s.Xml"}) {
                z.putNextEntry(new ZipEntry(name));
                z.write(Files.readAllBytes(DATA.resolve(name.equals("s.Xml") ? "abcm2ps_sample/abc2xml.xml" : "abcm2ps_chinese/abc2xml.xml")));
                z.closeEntry();
            }
        }
        assertEquals(Files.readString(DATA.resolve("abcm2ps_sample/xml2abc.abc")), XmlToAbc.convert(p));
    }

    @Test
    void truncatedAndFakeArchivesAreRefused() throws IOException {
        byte[] mxl = Files.readAllBytes(DATA.resolve("ms_fugue_1_mxl/input.mxl"));
        for (int cut : new int[] {mxl.length / 2, mxl.length - 30, 10}) {
            Path p = dir.resolve("cut" + cut + ".mxl");
            Files.write(p, java.util.Arrays.copyOf(mxl, cut));
            refused(p);
        }
        refused(write("plain.mxl", "<score-partwise/>"));
    }

    @Test
    void anArchiveWithoutAnXmlScoreIsRefused() throws IOException {
        Path p = dir.resolve("noscore.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("META-INF/container.xml"));
            z.write("<container/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("score.musicxml")); // the original only looks for *.xml
            z.write(Files.readAllBytes(DATA.resolve("abcm2ps_sample/abc2xml.xml")));
            z.closeEntry();
        }
        InvalidInputException e = refused(p);
        assertTrue(e.getMessage().contains("no .xml score"), e.getMessage());
    }

    @Test
    void theFirstNonMetaXmlEntryIsTheScore() throws IOException {
        Path p = dir.resolve("two.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry("META-INF/container.xml"));
            z.write("<container/>".getBytes(StandardCharsets.UTF_8));
            z.putNextEntry(new ZipEntry("first.XML"));
            z.write(Files.readAllBytes(DATA.resolve("abcm2ps_sample/abc2xml.xml")));
            z.putNextEntry(new ZipEntry("second.xml"));
            z.write(Files.readAllBytes(DATA.resolve("abcm2ps_chinese/abc2xml.xml")));
            z.closeEntry();
        }
        assertEquals(Files.readString(DATA.resolve("abcm2ps_sample/xml2abc.abc")), XmlToAbc.convert(p));
    }

    @Test
    void whatTheOriginalCannotConvertIsAClearError() throws IOException {
        // a <duration> that is not a number stops xml2abc with a ValueError: no output there, an error here
        Path p = write("baddur.xml", "<score-partwise>" + SCORE_BODY.replace("<duration>4</duration>", "<duration>four</duration>")
                + "</score-partwise>");
        InvalidInputException e = refused(p);
        assertTrue(e.getMessage().contains("four"), e.getMessage());
        // an unknown wedge type is a ValueError in the original
        Path w = write("wedge.xml", "<score-partwise>" + SCORE_BODY.replace("<note>",
                "<direction><direction-type><wedge type=\"continue\"/></direction-type></direction><note>") + "</score-partwise>");
        refused(w);
    }

    @Test
    void hugeNumbersDoNotHang() throws IOException {
        Path p = write("verse.xml", "<score-partwise>" + SCORE_BODY.replace("</note>",
                "<lyric number=\"999999999\"><text>la</text></lyric></note>") + "</score-partwise>");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(p));
        Path q = write("oct.xml", "<score-partwise>" + SCORE_BODY.replace("<octave>4</octave>", "<octave>99999999999</octave>")
                + "</score-partwise>");
        assertTimeoutPreemptively(Duration.ofSeconds(10), () -> refused(q));
    }
}
