package org.clamp3.preprocess.abc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clamp3.core.io.TextFiles;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every "interleave" case of the symbolic fixtures: output and printed messages as the original's, byte for byte. */
class InterleaveManifestTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata"), "symbolic");

    static Stream<Arguments> cases() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(DATA.resolve("MANIFEST-interleave.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : manifest.get("entries")) {
            cases.add(Arguments.of(e.get("case").asText() + " " + e.get("input").asText(), e));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheOriginal(String name, JsonNode entry) throws IOException {
        String abc = TextFiles.read(DATA.resolve(entry.get("input").asText()));
        String expectedMessages = entry.get("expected_messages").asText();
        JsonNode expectedOutput = entry.get("expected_output");
        if (expectedOutput.isNull()) {
            AbcInterleaveException e = assertThrows(AbcInterleaveException.class, () -> AbcInterleaver.interleave(abc));
            assertEquals(expectedMessages, printed(e.messages()));
        } else {
            InterleavedAbc result = AbcInterleaver.interleave(abc);
            String expected = Files.readString(DATA.resolve(expectedOutput.asText()), StandardCharsets.UTF_8);
            assertEquals(expected, result.text());
            assertEquals(expectedMessages, printed(result.warnings()));
        }
    }

    private static String printed(List<PipelineMessage> messages) {
        return messages.stream().map(m -> m.printedFor("<INPUT>")).collect(Collectors.joining("\n"));
    }
}
