package org.clamp3.cli.preprocess;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** clamp3 preprocess tags: ID3 tags of an MP3 and a bare WAV as training-metadata records. */
class TagsCommandTest {
    private static final Path AUDIO = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("audio");

    @TempDir
    Path dir;

    /** An ID3v2.3 tag with Latin-1 text frames. */
    static byte[] id3(String... idAndText) {
        ByteArrayOutputStream frames = new ByteArrayOutputStream();
        for (int i = 0; i < idAndText.length; i += 2) {
            byte[] text = idAndText[i + 1].getBytes(StandardCharsets.ISO_8859_1);
            int size = text.length + 1;
            frames.writeBytes(idAndText[i].getBytes(StandardCharsets.US_ASCII));
            frames.writeBytes(new byte[] {(byte) (size >>> 24), (byte) (size >>> 16), (byte) (size >>> 8), (byte) size, 0, 0, 0});
            frames.writeBytes(text);
        }
        int n = frames.size();
        ByteArrayOutputStream tag = new ByteArrayOutputStream();
        tag.writeBytes(new byte[] {'I', 'D', '3', 3, 0, 0,
            (byte) ((n >> 21) & 0x7f), (byte) ((n >> 14) & 0x7f), (byte) ((n >> 7) & 0x7f), (byte) (n & 0x7f)});
        tag.writeBytes(frames.toByteArray());
        return tag.toByteArray();
    }

    @Test
    void recordsInTrainingMetadataShape() throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/folk"));
        ByteArrayOutputStream mp3 = new ByteArrayOutputStream();
        mp3.writeBytes(id3("TIT2", "Mairi's Wedding", "TPE1", "Noel McLoughlin", "TCON", "Folk", "TALB", "Songs"));
        mp3.writeBytes(Files.readAllBytes(AUDIO.resolve("inputs/c12_chord_44k1_stereo_3s.mp3")));
        Files.write(in.resolve("mairi.mp3"), mp3.toByteArray());
        Files.copy(AUDIO.resolve("inputs/c05_chord_24k_mono_s16_5s.wav"), in.resolve("plain.wav"));
        Files.copy(AUDIO.resolveSibling("audio-ogg/stereo_22050.ogg"), in.resolve("vorbis.ogg"));
        Files.writeString(in.resolve("broken.flac"), "fLaC but nothing else");
        Path out = dir.resolve("meta.jsonl");

        StringWriter stdout = new StringWriter();
        StringWriter stderr = new StringWriter();
        CommandLine cl = new CommandLine(new TagsCommand());
        cl.setOut(new PrintWriter(stdout, true));
        cl.setErr(new PrintWriter(stderr, true));
        int code = cl.execute(dir.resolve("in").toString(), out.toString(), "--errors", dir.resolve("errors.jsonl").toString());

        assertEquals(1, code, stdout + "\n" + stderr);
        assertTrue(stderr.toString().contains(in.resolve("broken.flac") + ": cannot read tags"), stderr.toString());
        List<String> lines = Files.readAllLines(out);
        assertEquals(3, lines.size());
        ObjectMapper json = new ObjectMapper();
        JsonNode mairi = json.readTree(lines.get(0));
        assertEquals("mairi", mairi.get("id").asText());
        assertEquals("audio/folk/mairi.npy", mairi.get("filepaths").get(0).asText());
        assertEquals("Mairi's Wedding", mairi.get("title").asText());
        assertEquals("Noel McLoughlin", mairi.get("artists").get(0).asText());
        assertEquals("Folk", mairi.get("genres").get(0).asText());
        assertEquals("Songs", mairi.get("album").asText());
        assertEquals(3.0, mairi.get("duration").asDouble(), 0.1);
        JsonNode plain = json.readTree(lines.get(1));
        assertEquals("audio/folk/plain.npy", plain.get("filepaths").get(0).asText());
        assertEquals(5.0, plain.get("duration").asDouble(), 1e-6);
        assertTrue(plain.get("title") == null, plain.toString());
        JsonNode vorbis = json.readTree(lines.get(2));
        assertEquals("vorbis", vorbis.get("id").asText());
        assertEquals("2.2", vorbis.get("duration").asText()); // microseconds, not a widened float
    }
}
