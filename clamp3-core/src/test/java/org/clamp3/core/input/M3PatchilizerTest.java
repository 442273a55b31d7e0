package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.clamp3.core.TestData;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

class M3PatchilizerTest {

    private static final int PATCH_SIZE = 64;
    private final M3Patchilizer patchilizer = new M3Patchilizer(PATCH_SIZE);

    static Stream<String> symbolicCases() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(TestData.path("model/MANIFEST.json").toFile());
        List<String> ids = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            if (c.path("modality").asText().equals("symbolic")) {
                ids.add(c.get("id").asText());
            }
        }
        assertTrue(ids.size() >= 6, "symbolic fixture cases found");
        return ids.stream();
    }

    @ParameterizedTest
    @MethodSource("symbolicCases")
    void encodesFixturesLikeTheOriginal(String id) throws IOException {
        String extension = id.startsWith("mtf") ? ".mtf" : ".abc";
        String text = org.clamp3.core.io.TextFiles.read(TestData.path("model/inputs/" + id + extension));
        NpyArray expected = Npy.read(TestData.path("model/intermediates/" + id + "/patches.npy"));

        int[][] patches = patchilizer.encode(text);

        assertArrayEquals(expected.shape(), new int[] {patches.length, PATCH_SIZE});
        long[] flat = expected.longs();
        for (int p = 0; p < patches.length; p++) {
            long[] row = Arrays.copyOfRange(flat, p * PATCH_SIZE, (p + 1) * PATCH_SIZE);
            assertArrayEquals(row, Arrays.stream(patches[p]).asLongStream().toArray(), "patch " + p);
        }
    }

    /** (text, patch strings the original produces for it), obtained by running the original. */
    static Stream<Arguments> originalPatchStrings() {
        return Stream.of(
                // mtf_prefix
                Arguments.of("ticks_per_beat 480\nnote_on 0 0 60 64\nnote 0 0 62 64\nnote_off 0 0 60 0\nnote_on 5 0 62 0\n",
                        List.of("ticks_per_beat 480\n", "note_on 0 0 60 64\t0 0 62 64\n", "note_off 0 0 60 0\n", "note_on 5 0 62 0\n")),
                // mtf_length_limit
                Arguments.of("ticks_per_beat 96\nset_tempo 1234567890123456789012345678901\nset_tempo 12345678901234567890123456\nset_tempo 1\n",
                        List.of("ticks_per_beat 96\n", "set_tempo 1234567890123456789012345678901\n", "set_tempo 12345678901234567890123456\t1\n")),
                // mtf_leading_space
                Arguments.of("ticks_per_beat 1\n starts with space\n again\nend",
                        List.of("ticks_per_beat 1\tstarts with space\tagain\n", "end")),
                // abc_trailing_notes
                Arguments.of("X:1\nK:C\nabc|def|ga\n",
                        List.of("X:1\n", "K:C\n", "abc|", "def|\n")),
                // abc_precedence
                Arguments.of("|:abc:|def||ghi|]jk[|lm::no|\n",
                        List.of("|:abc:|", "def||", "ghi|]", "jk[|", "lm::", "no|\n")),
                // abc_colon_runs
                Arguments.of(":|:a:::b|||c\n",
                        List.of(":|:a::", ":b||", "|c\n\n")),
                // abc_adjacent_delimiters
                Arguments.of("abc|:|def|\n",
                        List.of("abc|:", "|def", "|\n\n")),
                // abc_no_delimiter
                Arguments.of("X:1\nabc def\n%%MIDI program 1\nw: la la\n",
                        List.of("X:1\n", "%%MIDI program 1\n", "w: la la\n")),
                // abc_bar_only_line
                Arguments.of("X:1\n|\nab|\n",
                        List.of("X:1\n", "ab|\n")),
                // abc_last_line_two_delims
                Arguments.of("X:1\nab|\n|:|",
                        List.of("X:1\n", "ab|\n")),
                // abc_no_final_newline
                Arguments.of("X:1\nabc|def|",
                        List.of("X:1\n", "abc|", "def|\n")),
                // abc_long_bar
                Arguments.of("X:1\nabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij|xyz|\n",
                        List.of("X:1\n", "abcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghijabcdefghij|", "xyz|\n")),
                // abc_crlf
                Arguments.of("X:1\r\nT:t\r\nabc|def|\r\n|]\r\n",
                        List.of("X:1\r\n", "T:t\r\n", "abc|", "def|\n")),
                // abc_l18
                Arguments.of("X:1\nL:1/8\nK:C\nL:1/8 \nabc|\nL:1/8",
                        List.of("X:1\n", "K:C\n", "L:1/8 \n", "abc|\n", "L:1/8")),
                // abc_unicode_header
                Arguments.of("T:Caf\u00e9 \u00bd \u266f \u3057\n\u00e9|\u00df|\n",
                        List.of("T:Cafe  1/2 # shi\n", "e|", "ss|\n")),
                // abc_exact_62
                Arguments.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|\nbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|\n",
                        List.of("aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa|\n", "bbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbbb|\n")),
                // mtf_boundary_62
                Arguments.of("ticks_per_beat 1\nx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\nx zzzzzzzzzzzzzzzzzzzzzzzzzzzz\n",
                        List.of("ticks_per_beat 1\n", "x yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\tzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n")),
                // mtf_boundary_63
                Arguments.of("ticks_per_beat 1\nx yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\nx zzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n",
                        List.of("ticks_per_beat 1\n", "x yyyyyyyyyyyyyyyyyyyyyyyyyyyyyy\n", "x zzzzzzzzzzzzzzzzzzzzzzzzzzzzz\n")),
                // mtf_first_line_only
                Arguments.of("ticks_per_beat",
                        List.of("ticks_per_beat")),
                // abc_control_chars
                Arguments.of("T:a\u0001b\u007f\n",
                        List.of("T:a\u0001b\u007f\n")));
    }

    @ParameterizedTest
    @MethodSource("originalPatchStrings")
    void cutsTextLikeTheOriginal(String text, List<String> expected) {
        assertEquals(expected, patchilizer.patchStrings(text));
    }

    @Test
    void encodesWithMarkersSpecialPatchesAndPadding() {
        int[][] patches = patchilizer.encode("X:1\nab|\n");
        assertEquals(4, patches.length);
        int[] bos = new int[PATCH_SIZE];
        Arrays.fill(bos, 1);
        int[] eos = new int[PATCH_SIZE];
        Arrays.fill(eos, 2);
        eos[0] = 1;
        assertArrayEquals(bos, patches[0]);
        assertArrayEquals(eos, patches[3]);
        int[] header = new int[PATCH_SIZE];
        System.arraycopy(new int[] {1, 'X', ':', '1', '\n', 2}, 0, header, 0, 6);
        assertArrayEquals(header, patches[1]);
    }

    @Test
    void barLongerThanSixtyTwoCharactersLosesItsEndMarker() {
        String bar62 = "a".repeat(61) + "|";
        String bar63 = "b".repeat(62) + "|";
        int[][] patches = patchilizer.encode(bar62 + "\n" + bar63 + "\n");
        // bar62 + "\n" is 63 characters: 1 + 63 codes, no room for 2.
        assertEquals('\n', patches[1][63]);
        assertEquals('|', patches[2][63]);
        int[][] shorter = patchilizer.encode("a".repeat(60) + "|\n");
        assertEquals(2, shorter[1][63]);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "L:1/8\n", "L:1/8\nL:1/8\n", "\uD83C\uDFB5\u266D"})
    void textWithNothingLeftIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> patchilizer.encode(text));
        assertTrue(e.getMessage().contains("no content"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"X:1\nab|\n|]", "|", "X:1\n::", "abc|\n[|"})
    void lastLineThatIsOnlyABarLineIsRejected(String text) {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> patchilizer.encode(text));
        assertTrue(e.getMessage().contains("only the bar line"), e.getMessage());
    }

    @Test
    void barLineWithNewlineGivesNoPatchInsteadOfFailing() {
        assertEquals(List.of("X:1\n", "ab|\n"), patchilizer.patchStrings("X:1\nab|\n|]\n"));
    }

    @Test
    void hugeInputsTakeLinearTime() {
        String tenMegabyteLine = ("a".repeat(39) + "|").repeat(250_000) + "d\n";
        String tenMegabytesWithoutBarLines = "X:1\n" + "a".repeat(10_000_000);
        String millionLines = "ab|\n".repeat(1_000_000);
        String mtf = "ticks_per_beat 480\n" + "note_on 0 0 60 64\n".repeat(500_000);
        assertTimeoutPreemptively(Duration.ofSeconds(30), () -> {
            assertEquals(250_002, patchilizer.encode(tenMegabyteLine).length);
            assertEquals(3, patchilizer.encode(tenMegabytesWithoutBarLines).length);
            assertEquals(1_000_000, patchilizer.patchStrings(millionLines).size());
            assertTrue(patchilizer.patchStrings(mtf).size() > 100_000);
        });
    }

    @Test
    void randomBytesGiveAsciiPatchesOrTheDocumentedError() {
        Random random = new Random(20240611);
        for (int round = 0; round < 5; round++) {
            byte[] bytes = new byte[2_000_000];
            random.nextBytes(bytes);
            String text = new String(bytes, StandardCharsets.UTF_8);
            assertTimeoutPreemptively(Duration.ofSeconds(20), () -> {
                try {
                    for (int[] patch : patchilizer.encode(text)) {
                        for (int code : patch) {
                            assertTrue(code >= 0 && code < 128);
                        }
                    }
                } catch (IllegalArgumentException e) {
                    assertTrue(e.getMessage().contains("only the bar line"), e.getMessage());
                }
            });
        }
    }
}
