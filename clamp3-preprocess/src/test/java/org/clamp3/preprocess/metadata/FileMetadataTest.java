package org.clamp3.preprocess.metadata;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@link FileMetadata#read} on the fixtures (values as the files hold them) and on broken or hostile files (an empty map). */
class FileMetadataTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    private static final Path SYMBOLIC = DATA.resolve("symbolic");
    private static final List<String> FUR_ELISE_TRACKS = List.of("Für Elise", "Piano right", "Piano left", "Beethoven Für Elise",
            "Copyright © 2004 by Bernd Krüger", "http://www.piano-midi.de", "Edition: 2012-08-30", "Spur 7");

    @TempDir
    Path dir;

    /** Keys and values in order (a LinkedHashMap's equals ignores the order). */
    private static void assertMetadata(Map<String, Object> expected, Map<String, Object> actual) {
        assertInstanceOf(LinkedHashMap.class, actual);
        assertEquals(new ArrayList<>(expected.entrySet()), new ArrayList<>(actual.entrySet()));
    }

    private static Map<String, Object> of(Object... keysAndValues) {
        Map<String, Object> m = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            m.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return m;
    }

    private Path write(String name, String text) throws IOException {
        return Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
    }

    @Test
    void audioTagsAndDuration() {
        // LAME --tt title: ID3v2 (TIT2) in one file, ID3v1 in the other
        assertMetadata(of("title", "title", "duration", 1.149388), FileMetadata.read(DATA.resolve("audio-mp3/id3v2_tlen_44100_stereo.mp3")));
        assertMetadata(of("title", "title", "duration", 1.08), FileMetadata.read(DATA.resolve("audio-mp3/id3v1_16000_mono.mp3")));
    }

    @Test
    void audioWithoutTagsHasItsDurationOnly() {
        assertMetadata(of("duration", 2.736), FileMetadata.read(DATA.resolve("audio-mp3/lsf_24000_stereo.mp3")));
        assertMetadata(of("duration", 3.0), FileMetadata.read(DATA.resolve("audio/inputs/c01_chord_44k1_stereo_s16_3s.wav")));
        assertMetadata(of("duration", 2.2), FileMetadata.read(DATA.resolve("audio-ogg/stereo_22050.ogg")));
    }

    @Test
    void musicXmlTitleAndCreators() {
        assertMetadata(of("title", "Brassed Up", "composer", "James Thistlewood"), // its "poet" creator is no role read here
                FileMetadata.read(SYMBOLIC.resolve("ms_brassed_up_musicxml/input.musicxml")));
        assertMetadata(of("title", "Reunion", "composer", "Marc Sabatella"), FileMetadata.read(SYMBOLIC.resolve("ms_reunion_musicxml/input.musicxml")));
        // a work title and a different (two-line) movement title
        assertMetadata(of("title", "Second Zoo", "movement", "Movement Two"), FileMetadata.read(SYMBOLIC.resolve("xml2abc_features/zoo2.musicxml")));
        // no title; a two-line composer and a lyricist
        assertMetadata(of("composer", "Test Composer Second Line", "lyricist", "A. Lyricist"),
                FileMetadata.read(SYMBOLIC.resolve("xml2abc_features/zoo.musicxml")));
    }

    @Test
    void compressedMusicXml() {
        assertMetadata(of("title", "Fugue #1", "composer", "Marc Sabatella"), FileMetadata.read(SYMBOLIC.resolve("ms_fugue_1_mxl/input.mxl")));
    }

    @Test
    void movementTitleAloneIsTheTitleAndCreatorsOfARoleAreJoined() throws IOException {
        Path p = write("m.musicxml", "<score-partwise><movement-title> Largo </movement-title><identification>"
                + "<creator type=\"composer\">A</creator><creator type=\"arranger\">B</creator><creator type=\"composer\">C</creator>"
                + "</identification><part-list/></score-partwise>");
        assertMetadata(of("title", "Largo", "composer", "A; C", "arranger", "B"), FileMetadata.read(p));
    }

    @Test
    void abcTitlesAndComposerOfTheFirstTune() {
        assertMetadata(of("title", "Green Island Serenade",
                        "subtitles", List.of("绿岛小夜曲", "綠島小夜曲", "Lǜ Dǎo Xiǎoyèqǔ", "Зелёный Остров", "جزيرة اخضرة"),
                        "composer", "Chen Chang-shou"),
                FileMetadata.read(SYMBOLIC.resolve("abcm2ps_chinese/input.abc")));
        // the first of several tunes (the third has C:Trad, not read)
        assertMetadata(of("title", "Scale", "subtitles", List.of("Second Title", "Third Title")),
                FileMetadata.read(SYMBOLIC.resolve("abcm2ps_sample/input.abc")));
        assertMetadata(of("title", "Horses Branle", "composer", "Trad"), FileMetadata.read(SYMBOLIC.resolve("abcmidi_demo/input.abc")));
        // inner spaces kept; "T:ABC-2.0 new fea\ % comment" continued on the next line; \% is a percent sign
        assertMetadata(of("title", "Araber tants  [D]"), FileMetadata.read(SYMBOLIC.resolve("abcmidi_araber/input.abc")));
        assertMetadata(of("title", "ABC-2.0 new features"), FileMetadata.read(SYMBOLIC.resolve("abcm2ps_sample4/input.abc")));
        assertMetadata(of("title", "%%MIDI temperamentlinear - microtone accidentals in cents"),
                FileMetadata.read(SYMBOLIC.resolve("abcmidi_temperament/input.abc")));
    }

    @Test
    void abcHeaderRules() throws IOException {
        String abc = "\uFEFF% a comment\r\nC: File Header Composer\r\n\r\nX:1\r\n%%directive T:no\r\nT: First % comment\r\n"
                + "+: continued\r\n  % an indented comment is no blank line\r\nT:\r\nC:Second\r\nZ:someone\r\n+: not a title\r\nK:C\r\nT:in the body\r\nabc|\r\n";
        assertMetadata(of("title", "First continued", "composer", "File Header Composer; Second"), FileMetadata.read(write("h.abc", abc)));
        // a tune cut short by a blank line ends its header; so does the next tune's X:
        assertMetadata(of("title", "A"), FileMetadata.read(write("b.abc", "X:1\nT:A\n\nT:B\nK:C\n")));
        assertMetadata(of("title", "A"), FileMetadata.read(write("x.abc", "X:1\nT:A\nX:2\nT:B\nK:C\n")));
    }

    @Test
    void midiTrackNamesAndDuration() {
        // track names in latin-1 (mido's reading) and padded with NUL or spaces; empty names left out
        assertMetadata(of("tracks", FUR_ELISE_TRACKS, "duration", 165.600701), FileMetadata.read(SYMBOLIC.resolve("aijam_fur_elise/input.mid")));
        assertMetadata(of("tracks", List.of("Das wohltemperierte Klavier I - Praeludium und Fuge 2 in c-Moll BWV 847"), "duration", 138.0),
                FileMetadata.read(SYMBOLIC.resolve("midiconvert_bwv847/input.mid")));
        Map<String, Object> song = FileMetadata.read(SYMBOLIC.resolve("midifilets_song/input.mid"));
        assertEquals(List.of("System Setup", "CH01", "CH03", "CH02"), ((List<?>) song.get("tracks")).subList(0, 4));
        assertEquals(17, ((List<?>) song.get("tracks")).size());
        // no track names: the duration alone (tempo changes all along)
        assertMetadata(of("duration", 45.04065), FileMetadata.read(SYMBOLIC.resolve("ms_reunion_mid/input.mid")));
    }

    @Test
    void mtfTrackNames() {
        assertMetadata(of("tracks", FUR_ELISE_TRACKS), FileMetadata.read(SYMBOLIC.resolve("aijam_fur_elise/mtf_raw.mtf")));
        assertMetadata(of("tracks", List.of("Track7", "Track8", "Track9", "Track10")), FileMetadata.read(SYMBOLIC.resolve("blupi_music004/mtf_raw.mtf")));
        // the m3-compatible MTF has no text metas
        assertMetadata(of(), FileMetadata.read(SYMBOLIC.resolve("aijam_fur_elise/mtf_m3.mtf")));
    }

    @Test
    void featuresAndTextHaveNone() throws IOException {
        assertMetadata(of(), FileMetadata.read(DATA.resolve("npy/f32_le_c_1x768.npy")));
        assertMetadata(of(), FileMetadata.read(write("d.txt", "T:not ABC\n")));
        assertMetadata(of(), FileMetadata.read(write("noext", "T:not ABC\n")));
    }

    @Test
    void brokenEmptyAndMissingFilesHaveNone() throws IOException {
        byte[] junk = new byte[8192];
        new Random(11).nextBytes(junk);
        for (String ext : List.of("mp3", "wav", "flac", "ogg", "xml", "musicxml", "mxl", "abc", "mtf", "mid", "midi", "npy", "txt")) {
            Path garbage = Files.write(dir.resolve("garbage." + ext), junk);
            assertMetadata(of(), FileMetadata.read(garbage));
            Path empty = Files.write(dir.resolve("empty." + ext), new byte[0]);
            assertMetadata(of(), FileMetadata.read(empty));
            assertMetadata(of(), FileMetadata.read(dir.resolve("missing." + ext)));
        }
        assertMetadata(of(), FileMetadata.read(Files.createDirectory(dir.resolve("folder.mid"))));
        // a MIDI file cut in the middle is no MIDI file
        byte[] midi = Files.readAllBytes(SYMBOLIC.resolve("aijam_fur_elise/input.mid"));
        assertMetadata(of(), FileMetadata.read(Files.write(dir.resolve("cut.mid"), java.util.Arrays.copyOf(midi, midi.length / 2))));
    }

    @Test
    void hostileMusicXmlGivesNothingAndLeaksNothing() throws IOException {
        Path secret = write("secret.txt", "TOP-SECRET");
        Path xxe = write("xxe.musicxml", "<?xml version=\"1.0\"?>\n<!DOCTYPE score-partwise [<!ENTITY xxe SYSTEM \""
                + secret.toUri() + "\">]>\n<score-partwise><work><work-title>&xxe;</work-title></work></score-partwise>");
        assertMetadata(of(), FileMetadata.read(xxe));
        Path bomb = dir.resolve("bomb.mxl");
        try (ZipOutputStream z = new ZipOutputStream(Files.newOutputStream(bomb))) {
            z.putNextEntry(new ZipEntry("score.xml"));
            z.write(("<score-partwise><work><work-title>" + " ".repeat(64 << 20)).getBytes(StandardCharsets.US_ASCII));
            z.closeEntry();
        }
        assertTimeoutPreemptively(Duration.ofSeconds(20), () -> assertMetadata(of(), FileMetadata.read(bomb)));
    }

    @Test
    void valuesAreCleanedAndCut() throws IOException {
        String longTitle = "x".repeat(FileMetadata.MAX_CHARS - 1) + "\uD834\uDD1E" + "y".repeat(50); // a surrogate pair across the cut
        Path p = write("long.abc", "X:1\nT:" + longTitle + "\nT: \t \nC:a\u0000b \u0001\u0002 c\nK:C\n");
        Map<String, Object> m = FileMetadata.read(p);
        assertMetadata(of("title", "x".repeat(FileMetadata.MAX_CHARS - 1), "composer", "a b c"), m);
    }

    @Test
    void onlyTheHeadOfAHugeTextFileIsRead() throws IOException {
        String filler = "%" + "-".repeat(99) + "\n";
        StringBuilder abc = new StringBuilder("X:1\nT:Early\n");
        while (abc.length() < FileMetadata.MAX_HEAD_BYTES + 1000) {
            abc.append(filler);
        }
        abc.append("C:Too late\nK:C\n");
        assertMetadata(of("title", "Early"), FileMetadata.read(write("huge.abc", abc.toString())));
        StringBuilder mtf = new StringBuilder("ticks_per_beat 480\ntrack_name Early 0\n");
        while (mtf.length() < FileMetadata.MAX_HEAD_BYTES + 1000) {
            mtf.append("note_on 0 0 60 64\n");
        }
        mtf.append("track_name Late 0\n");
        assertMetadata(of("tracks", List.of("Early")), FileMetadata.read(write("huge.mtf", mtf.toString())));
    }

    @Test
    void theMapIsTheCallersToChange() {
        Map<String, Object> m = FileMetadata.read(SYMBOLIC.resolve("abcmidi_demo/input.abc"));
        m.put("path", "x");
        assertTrue(m.containsKey("path"));
        assertFalse(FileMetadata.read(DATA.resolve("npy/f32_le_c_1x768.npy")).containsKey("path"));
    }
}
