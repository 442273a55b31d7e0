package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** search with a text or a score as the query, embedded by the model, finds that input's own feature first. */
class SearchWithModelTest {

    @Test
    void textAndScoreQueriesFindTheirOwnFeature(@TempDir Path dir) throws Exception {
        Path model = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
        Path features = dir.resolve("features");
        CliRun run = CliRun.of("extract", model.resolve("inputs").toString(), features.toString(), "--global",
                "--model", model.toString(), "--errors", dir.resolve("e.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());

        String text = java.nio.file.Files.readString(model.resolve("inputs/text_ru.txt")).strip();
        run = CliRun.of("search", "--text", text, features.toString(), "--model", model.toString(), "--top-k", "1");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("Top 1 results among 17 candidates:\ntext_ru 1.0\n"), run.out());

        run = CliRun.of("search", model.resolve("inputs/mtf_long.mtf").toString(), features.toString(),
                "--model", model.toString(), "--top-k", "1", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().startsWith("[{\"key\": \"mtf_long\", \"similarity\": "), run.out());
    }
}
