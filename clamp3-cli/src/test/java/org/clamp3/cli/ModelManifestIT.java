package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every extraction case of src-test-data/model/MANIFEST.json through the built launcher:
 * `clamp3 extract` on the whole inputs folder, per-item and --global, batched and
 * --exact-original, and `--encoder m3`, each output within the manifest's tolerance.
 */
class ModelManifestIT {
    @TempDir
    static Path tmp;

    private static Path fixtures() {
        return Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
    }

    @TestFactory
    Stream<DynamicTest> extractionModes() {
        List<DynamicTest> tests = new ArrayList<>();
        String[][] modes = {
            {"local", ""}, {"global", "--global"}, {"local", "--exact-original"}, {"global", "--global --exact-original"},
            {"m3_local", "--encoder m3"},
        };
        for (String[] mode : modes) {
            tests.add(DynamicTest.dynamicTest(mode[0] + " " + mode[1], () -> run(mode[0], mode[1])));
        }
        return tests.stream();
    }

    private void run(String output, String flags) throws Exception {
        Path out = tmp.resolve((output + flags).replaceAll("[^a-z0-9]", "_"));
        List<String> args = new ArrayList<>(List.of("extract", fixtures().resolve("inputs").toString(), out.toString(),
                "--model", fixtures().toString()));
        if (!flags.isEmpty()) {
            args.addAll(List.of(flags.split(" ")));
        }
        RetrievalManifestIT.Result r = RetrievalManifestIT.clamp3(tmp, args);
        assertEquals(0, r.exitCode(), r.out() + r.err());
        JsonNode manifest = new ObjectMapper().readTree(fixtures().resolve("MANIFEST.json").toFile());
        int checked = 0;
        for (JsonNode c : manifest.get("cases")) {
            JsonNode expected = c.path("outputs").get(output);
            if (expected == null) {
                continue;
            }
            String name = Path.of(c.get("input").asText()).getFileName().toString().replaceAll("\\.[a-z]+$", ".npy");
            NpyArray want = Npy.read(fixtures().resolve(expected.get("path").asText()));
            NpyArray got = Npy.read(out.resolve(name));
            assertArrayEquals(want.shape(), got.shape(), name);
            float[] a = want.floats();
            float[] b = got.floats();
            double worst = 0;
            for (int i = 0; i < a.length; i++) {
                worst = Math.max(worst, Math.abs(a[i] - b[i]));
            }
            double tol = expected.get("tolerance").get("max_abs_diff").asDouble();
            assertTrue(worst <= tol, name + " " + flags + ": max abs diff " + worst);
            checked++;
        }
        assertTrue(checked >= 6, "cases checked: " + checked);
    }
}
