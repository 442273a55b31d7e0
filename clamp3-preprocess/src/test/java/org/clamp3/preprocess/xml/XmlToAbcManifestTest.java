package org.clamp3.preprocess.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/** Every licensed "xml2abc" case of the symbolic fixtures: the ABC of xml2abc.py -d 8 -x, byte for byte. */
class XmlToAbcManifestTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata"), "symbolic");

    static Stream<Arguments> cases() throws IOException {
        JsonNode manifest = new ObjectMapper().readTree(DATA.resolve("MANIFEST-xml2abc.json").toFile());
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : manifest.get("entries")) {
            cases.add(Arguments.of(e.get("case").asText(), e));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheOriginal(String name, JsonNode entry) throws IOException {
        check(DATA, entry);
    }

    /** Converts the entry's input and compares with its expected output (null: the original writes no file). */
    static void check(Path root, JsonNode entry) throws IOException {
        String abc = XmlToAbc.convert(root.resolve(entry.get("input").asText()));
        JsonNode expected = entry.get("expected_output");
        if (expected.isNull()) {
            assertNull(abc, "the original writes nothing for this score");
        } else {
            assertEquals(Files.readString(root.resolve(expected.asText()), StandardCharsets.UTF_8), abc);
        }
    }
}
