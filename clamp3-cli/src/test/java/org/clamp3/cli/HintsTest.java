package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The library says what is wrong; the command line adds how to fix it with clamp3 (options, scripts). */
class HintsTest {

    @TempDir
    Path dir;

    @Test
    void everyHintIsWorded() {
        for (InvalidInputException.Hint hint : InvalidInputException.Hint.values()) {
            assertFalse(Hints.remedy(hint).isBlank(), hint.name());
        }
        InvalidInputException plain = new InvalidInputException(Path.of("x"), "broken");
        assertEquals("x: broken", Hints.message(plain));
    }

    @Test
    void aTemporalFeatureInASearchSaysToExtractGlobalOnes() throws IOException {
        Path refs = dir.resolve("refs");
        Npy.writeFloat32(refs.resolve("global.npy"), new float[] {1, 0, 0, 0}, 1, 4);
        Npy.writeFloat32(refs.resolve("temporal.npy"), new float[8], 1, 2, 4);
        Path query = dir.resolve("q.npy");
        Npy.writeFloat32(query, new float[] {1, 0, 0, 0}, 1, 4);
        Path errors = dir.resolve("errors.jsonl");

        CliRun run = CliRun.of("search", query.toString(), refs.toString(), "--errors", errors.toString());

        assertEquals(1, run.exitCode(), run.toString());
        String line = refs.resolve("temporal.npy") + ": expected a global feature of shape (1, D), got shape (1, 2, 4)"
                + " (a temporal feature; global features are needed); hint: extract with --global";
        assertEquals(List.of("error: " + line), run.errorLines());
        JsonNode report = new ObjectMapper().readTree(Files.readAllLines(errors).get(0));
        assertEquals(line, report.get("error").asText());
    }

    @Test
    void aModelFolderWithoutWeightsNamesTheFetchScript() throws IOException {
        Path fixture = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
        Path model = Files.createDirectories(dir.resolve("model"));
        Files.copy(fixture.resolve("config.json"), model.resolve("config.json"));
        Path in = Files.createDirectories(dir.resolve("in"));
        Files.writeString(in.resolve("a.txt"), "hello");

        CliRun run = CliRun.of("extract", in.toString(), dir.resolve("out").toString(), "--model", model.toString(),
                "--errors", dir.resolve("errors.jsonl").toString());

        assertEquals(1, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        String line = run.errorLines().get(0);
        assertTrue(line.startsWith("error: " + model + ": weights not found: "), line);
        assertTrue(line.endsWith(" (in the folder or its weights/); hint: scripts/fetch-models.sh installs the published weights"), line);
    }
}
