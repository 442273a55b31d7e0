package org.clamp3.preprocess.xml;

import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
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

/**
 * Every "xml2abc" entry of the shared fixtures, including the Recordare samples (vx_*) that state no
 * licence and so are not copied into src-test-data. Skipped where ../shared/fixtures is absent (a clean clone).
 */
class XmlToAbcSharedFixturesTest {
    static final Path SHARED = Path.of(System.getProperty("clamp3.testdata"), "..", "..", "shared", "fixtures", "symbolic")
            .normalize();

    static Stream<Arguments> cases() throws IOException {
        Path manifest = SHARED.resolve("MANIFEST.json");
        if (!Files.isRegularFile(manifest)) {
            return Stream.of(Arguments.of("(shared fixtures absent)", null));
        }
        List<Arguments> cases = new ArrayList<>();
        for (JsonNode e : new ObjectMapper().readTree(manifest.toFile()).get("entries")) {
            if (e.get("step").asText().equals("xml2abc")) {
                cases.add(Arguments.of(e.get("case").asText(), e));
            }
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reproducesTheOriginal(String name, JsonNode entry) throws IOException {
        assumeTrue(entry != null, "shared fixtures not present");
        XmlToAbcManifestTest.check(SHARED, entry);
    }
}
