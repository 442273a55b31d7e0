package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** scripts/fetch-models.sh without a reachable server: a clear message, a failing exit code, no weights installed. */
class FetchModelsScriptTest {

    @Test
    void offlineFetchSaysWhatToDoAndInstallsNothing(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/curl")), "curl not installed");
        Path root = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).getParent();
        ProcessBuilder pb = new ProcessBuilder("bash", root.resolve("scripts/fetch-models.sh").toString(), "saas",
                "--dest", dir.toString()).redirectErrorStream(true);
        pb.environment().put("CLAMP3_HF_ENDPOINT", "http://127.0.0.1:9"); // nothing listens on the discard port
        Process p = pb.start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertNotEquals(0, p.exitValue(), out);
        assertTrue(out.contains("cannot download") && out.contains("offline"), out);
        try (var files = Files.walk(dir)) {
            assertFalse(files.anyMatch(f -> f.getFileName().toString().endsWith(".pth")), "no weights installed");
        }
    }
}
