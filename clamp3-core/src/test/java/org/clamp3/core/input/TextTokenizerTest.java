package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.clamp3.core.TestData;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TextTokenizerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static TextTokenizer tokenizer;
    private static String loadOutput;

    @BeforeAll
    static void load() {
        PrintStream stderr = System.err;
        ByteArrayOutputStream captured = new ByteArrayOutputStream();
        System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
        try {
            tokenizer = TextTokenizer.load(TestData.path("model/xlmr-tiny"));
            tokenizer.encode("warm up");
        } finally {
            System.setErr(stderr);
        }
        loadOutput = captured.toString(StandardCharsets.UTF_8);
    }

    @AfterAll
    static void close() {
        tokenizer.close();
    }

    static Stream<Arguments> textCases() throws IOException {
        JsonNode manifest = JSON.readTree(TestData.path("model/MANIFEST.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode c : manifest.get("cases")) {
            if (c.path("modality").asText().equals("text")) {
                cases.add(Arguments.of(c.get("id").asText(), c.get("input").asText(),
                        c.get("intermediates").get("joined_text").asText()));
            }
        }
        assertTrue(cases.size() >= 5, "text fixture cases found");
        return cases.stream();
    }

    /**
     * Every fixture file has one distinct line, so the original's set order (PYTHONHASHSEED)
     * cannot matter and the joined text must match exactly.
     */
    @ParameterizedTest
    @MethodSource("textCases")
    void preparesAndTokenizesFixturesLikeTheOriginal(String id, String input, String joinedText)
            throws IOException {
        String fileText = org.clamp3.core.io.TextFiles.read(TestData.path("model/" + input));
        String joined = TextInput.join(fileText, tokenizer.sepToken());
        assertEquals(joinedText, joined);

        long[] expected = Npy.read(TestData.path("model/intermediates/" + id + "/input_ids.npy")).longs();
        assertArrayEquals(expected, tokenizer.encode(joined));
    }

    static Stream<Arguments> tokenizerCases() throws IOException {
        JsonNode cases = JSON.readTree(TestData.path("model/tokenizer_cases.json").toFile()).get("cases");
        List<Arguments> result = new ArrayList<>();
        for (Map.Entry<String, JsonNode> entry : cases.properties()) {
            long[] ids = new long[entry.getValue().size()];
            for (int i = 0; i < ids.length; i++) {
                ids[i] = entry.getValue().get(i).asLong();
            }
            result.add(Arguments.of(entry.getKey(), ids));
        }
        assertFalse(result.isEmpty());
        return result.stream();
    }

    @ParameterizedTest
    @MethodSource("tokenizerCases")
    void matchesReferenceTokenizers(String text, long[] expected) {
        assertArrayEquals(expected, tokenizer.encode(text));
    }

    @Test
    void longTextsAreTokenizedInPiecesWithTheWholeTextsIds() throws IOException {
        assertTrue(tokenizer.piecewise());
        StringBuilder text = new StringBuilder();
        java.util.Random random = new java.util.Random(15);
        String[] words = {"hello", "world", "Ünïcödé", "ﬁne", "音乐", "a", "x1", "  ", "\t", "café", "", "</s>", "<s>", "--"};
        while (text.length() < 5 * TextTokenizer.PIECE_CHARS) {
            int n = 1 + random.nextInt(40);
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < n; i++) {
                line.append(words[random.nextInt(words.length)]).append(random.nextInt(5) == 0 ? "  " : " ");
            }
            text.append(line).append('\n');
            if (random.nextInt(50) == 0) { // a long line of words
                for (int i = 0; i < 20_000; i++) {
                    text.append(words[random.nextInt(words.length)]).append(' ');
                }
                text.append('\n');
            }
        }
        String joined = TextInput.join(text.toString(), tokenizer.sepToken());
        try (ai.djl.huggingface.tokenizers.HuggingFaceTokenizer whole = ai.djl.huggingface.tokenizers.HuggingFaceTokenizer.builder()
                .optTokenizerPath(TestData.path("model/xlmr-tiny/tokenizer.json"))
                .optAddSpecialTokens(true).optTruncation(false).optPadding(false).build()) {
            assertArrayEquals(whole.encode(joined).getIds(), tokenizer.encode(joined));
        }
    }

    @Test
    void aRunTooLongToCutIsRefusedInOneLine() {
        String run = "a".repeat(TextTokenizer.MAX_PIECE_CHARS + 10);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> tokenizer.encode("b " + run));
        assertEquals("a run of " + (run.length() + 1) + " characters without a space or line break at character 1; at most "
                + TextTokenizer.MAX_PIECE_CHARS + " are tokenized", e.getMessage());
    }

    @Test
    void cutsBeforeSeparatorsAndBeforeSpacesAfterWords() {
        assertEquals(3, TextTokenizer.cut("abc</s>def", 0, 4));
        assertEquals(5, TextTokenizer.cut("ab cd ef", 0, 6));
        assertEquals(2, TextTokenizer.cut("ab cd ef", 0, 2));
        assertEquals(8, TextTokenizer.cut("abcdefgh", 0, 3));
        assertEquals(6, TextTokenizer.cut("abc\u3000 d e", 0, 6)); // not after the ideographic space
    }

    @Test
    void longTextIsNeitherTruncatedNorPadded() {
        long[] one = tokenizer.encode("piano");
        int perWord = one.length - 2;
        long[] many = tokenizer.encode("piano ".repeat(5000).trim());
        assertEquals(5000 * perWord + 2, many.length);
        assertEquals(0, many[0]);
        assertEquals(2, many[many.length - 1]);
    }

    @Test
    void loadsWithoutWarnings() {
        assertFalse(loadOutput.contains("WARN"), loadOutput);
    }

    @Test
    void emptyTextIsJustTheMarkers() {
        assertArrayEquals(new long[] {0, 2}, tokenizer.encode(""));
    }

    @Test
    void readsSpecialTokens() {
        assertEquals(1, tokenizer.padTokenId());
        assertEquals("</s>", tokenizer.sepToken());
        assertArrayEquals(new long[] {0, 2, 2}, tokenizer.encode("</s>"));
    }

    @Test
    void needsOnlyTokenizerJson(@TempDir Path dir) throws IOException {
        Files.copy(TestData.path("model/xlmr-tiny/tokenizer.json"), dir.resolve("tokenizer.json"));
        try (TextTokenizer alone = TextTokenizer.load(dir)) {
            String text = "A slow folk song in D minor.";
            assertArrayEquals(tokenizer.encode(text), alone.encode(text));
        }
    }

    @Test
    void missingTokenizerFileIsNamed(@TempDir Path dir) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextTokenizer.load(dir));
        assertEquals(dir.resolve("tokenizer.json"), e.file());
    }

    @Test
    void brokenTokenizerFileIsNamed(@TempDir Path dir) throws IOException {
        Path file = dir.resolve("tokenizer.json");
        Files.writeString(file, "{\"version\": \"1.0\", \"model\": ");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TextTokenizer.load(dir));
        assertEquals(file, e.file());
        assertEquals(-1, e.getMessage().indexOf('\n'), "one line");
    }
}
