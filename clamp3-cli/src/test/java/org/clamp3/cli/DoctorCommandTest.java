package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.clamp3.core.model.kernel.KernelPlan;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code clamp3 doctor}, {@code --kernels} and {@code models convert} from the command line. */
class DoctorCommandTest {
    @TempDir
    Path tmp;

    @AfterEach
    void backToAuto() {
        KernelPlan.select(KernelPlan.Mode.AUTO);
    }

    @Test
    void doctorPrintsTheCpuThePlanAndGflops() {
        CliRun run = CliRun.of("doctor");
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("CPU: "), run.out());
        assertTrue(run.out().contains("GFLOP/s"), run.out());
        assertTrue(run.out().contains("batching ceiling"), run.out());
        CliRun json = CliRun.of("doctor", "--json");
        assertEquals(0, json.exitCode(), json.toString());
        assertTrue(json.out().trim().startsWith("{") && json.out().contains("\"sgemm_gflops\""), json.out());
    }

    @Test
    void kernelsCanBeForcedAndAreCheckedWhenParsed() {
        CliRun forced = CliRun.of("doctor", "--kernels", "conv");
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains("kernels: conv (forced: conv)"), forced.out());
        CliRun bad = CliRun.of("doctor", "--kernels", "fast");
        assertEquals(2, bad.exitCode(), bad.toString());
        assertTrue(bad.err().contains("--kernels"), bad.err());
    }

    @Test
    void modelsConvertWritesTheSafetensorsBesideTheCheckpoint() throws IOException {
        Path src = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
        // the tiny model as published: config.json, its .pth and the tokenizer; no safetensors named
        String config = Files.readString(src.resolve("config.json"))
                .replaceAll("\"clamp3_weights_safetensors\"\\s*:\\s*\"[^\"]*\"", "\"clamp3_weights_safetensors\": null")
                .replaceAll("\"m3_weights_safetensors\"\\s*:\\s*\"[^\"]*\"", "\"m3_weights_safetensors\": null");
        Files.writeString(tmp.resolve("config.json"), config);
        try (var files = Files.list(src.resolve("weights"))) {
            for (Path f : files.filter(p -> p.toString().endsWith(".pth")).toList()) {
                Files.copy(f, tmp.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(tmp.resolve("xlmr-tiny"));
        try (var files = Files.list(src.resolve("xlmr-tiny"))) {
            for (Path f : files.toList()) {
                Files.copy(f, tmp.resolve("xlmr-tiny").resolve(f.getFileName()));
            }
        }
        CliRun run = CliRun.of("models", "convert", tmp.toString());
        assertEquals(0, run.exitCode(), run.toString());
        assertTrue(run.out().contains("converted weights_clamp3_saas"), run.out());
        try (var files = Files.list(tmp)) {
            assertEquals(1, files.filter(p -> p.toString().endsWith(".safetensors")).count());
        }
        CliRun verify = CliRun.of("models", "verify", tmp.toString());
        assertEquals(0, verify.exitCode(), verify.toString());
    }
}
