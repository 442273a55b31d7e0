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
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.clamp3.core.io.InvalidInputException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link MusicXmlReader#readHeader}: what comes before the music, read as safely as the whole score and no further. */
class MusicXmlHeaderTest {
    private static final Path DATA = MusicXmlHostileInputTest.DATA;

    @TempDir
    Path dir;

    private static List<String> childTags(XmlElement e) {
        return e.children().stream().map(XmlElement::tag).distinct().toList();
    }

    @Test
    void theHeaderIsTheFullScoreUpToItsFirstPart() {
        for (String file : List.of("ms_reunion_musicxml/input.musicxml", "ms_reunion_mxl/input.mxl")) {
            XmlElement header = MusicXmlReader.readHeader(DATA.resolve(file));
            XmlElement full = MusicXmlReader.read(DATA.resolve(file));
            assertEquals("score-partwise", header.tag());
            assertEquals(List.of("work", "identification", "defaults", "credit", "part-list"), childTags(header), file);
            assertEquals(childTags(header), childTags(full).subList(0, childTags(full).size() - 1), file);
            assertEquals("Reunion", header.findText("work/work-title"));
            assertEquals(full.findAll("part-list/score-part").size(), header.findAll("part-list/score-part").size());
        }
    }

    @Test
    void whatFollowsTheHeaderIsNotRead() throws IOException {
        Path p = Files.writeString(dir.resolve("cut.musicxml"), "<score-timewise><work><work-title>T</work-title></work>"
                + "<measure number=\"1\"><part id=\"P1\"><note>" + "\u0000 not XML at all".repeat(1000));
        assertEquals("T", MusicXmlReader.readHeader(p).findText("work/work-title"));
        assertThrows(InvalidInputException.class, () -> MusicXmlReader.read(p));
    }

    @Test
    void aDocumentThatIsNoScoreHasAnEmptyHeader() throws IOException {
        Path p = Files.writeString(dir.resolve("other.xml"), "<html><work><work-title>T</work-title></work>" + "<p/>".repeat(10));
        XmlElement header = MusicXmlReader.readHeader(p);
        assertEquals("html", header.tag());
        assertFalse(header.hasChildren());
    }

    @Test
    void theHeaderReaderRefusesWhatTheFullReaderRefuses() throws IOException {
        Path secret = Files.writeString(dir.resolve("secret.txt"), "TOP-SECRET");
        Path xxe = Files.writeString(dir.resolve("xxe.musicxml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>\n<score-partwise><work><work-title>&xxe;</work-title></work></score-partwise>");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> MusicXmlReader.readHeader(xxe));
        assertFalse(e.getMessage().contains("TOP-SECRET"), e.getMessage());

        StringBuilder dtd = new StringBuilder("<!ENTITY lol0 \"lollollollollollollollollollol\">");
        for (int i = 1; i <= 10; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"").append(("&lol" + (i - 1) + ";").repeat(10)).append("\">");
        }
        Path lol = Files.writeString(dir.resolve("lol.musicxml"), "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [" + dtd
                + "]>\n<score-partwise><work><work-title>&lol10;</work-title></work></score-partwise>");
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(InvalidInputException.class, () -> MusicXmlReader.readHeader(lol)));

        Path deep = Files.writeString(dir.resolve("deep.xml"), "<score-partwise>" + "<a>".repeat(100_000));
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertThrows(InvalidInputException.class, () -> MusicXmlReader.readHeader(deep)));

        Path traversal = archive("../score.xml", "<score-partwise/>".getBytes(StandardCharsets.UTF_8));
        assertTrue(assertThrows(InvalidInputException.class, () -> MusicXmlReader.readHeader(traversal)).getMessage().contains("unsafe path"));
    }

    @Test
    void aZipBombIsRefusedWhileStreaming() throws IOException {
        // well-formed as far as it goes: the parser reads on until the entry passes its limit
        byte[] bomb = ("<score-partwise><work><work-title>" + " ".repeat(64 << 20)).getBytes(StandardCharsets.US_ASCII);
        Path p = archive("score.xml", bomb);
        InvalidInputException e = assertTimeoutPreemptively(Duration.ofSeconds(20),
                () -> assertThrows(InvalidInputException.class, () -> MusicXmlReader.readHeader(p)));
        assertTrue(e.getMessage().startsWith(p + ": ") && e.getMessage().contains("zip bomb"), e.getMessage());
    }

    /** An .mxl whose one entry is {@code content} under {@code name}, with no size in its local header (streamed). */
    private Path archive(String name, byte[] content) throws IOException {
        Path p = dir.resolve("one.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(p))) {
            z.putNextEntry(new ZipEntry(name));
            z.write(content);
            z.closeEntry();
        }
        return p;
    }
}
