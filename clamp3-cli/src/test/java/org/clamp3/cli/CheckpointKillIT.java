package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.clamp3.core.io.Npy;
import org.clamp3.core.weights.TorchCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a training run, at moments when it is writing its checkpoint every step, never
 * leaves a corrupt last.pth, and the run resumes from it.
 */
class CheckpointKillIT {

    @Test
    void killedRunsLeaveAResumableCheckpoint(@TempDir Path dir) throws Exception {
        Path model = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 8; i++) {
            Npy.writeFloat32(dir.resolve("a" + i + ".npy"), new float[4 * 128], 1, 4, 128);
            jsonl.append("{\"id\": \"a").append(i).append("\", \"filepaths\": [\"a").append(i)
                    .append(".npy\"], \"analysis\": \"Piece ").append(i).append(".\"}\n");
        }
        Files.writeString(dir.resolve("train.jsonl"), jsonl);
        Path out = dir.resolve("run");
        List<String> args = List.of("train", "clamp3", "--modality", "audio", "--train-jsonl", dir.resolve("train.jsonl").toString(),
                "--eval-jsonl", dir.resolve("train.jsonl").toString(), "--model", model.toString(), "--out", out.toString(),
                "--batch-size", "2", "--epochs", "1000", "--checkpoint-every", "1", "--warmup-steps", "0");
        long[] delays = {2500, 3300, 4100};
        for (long delay : delays) {
            Process p = start(dir, args, out);
            // wait until a first checkpoint exists, then let it write a few more and kill it mid-flight
            long deadline = System.currentTimeMillis() + 120_000;
            while (!Files.exists(out.resolve("last.pth")) && System.currentTimeMillis() < deadline && p.isAlive()) {
                Thread.sleep(50);
            }
            Thread.sleep(delay % 1000 + 200);
            p.destroyForcibly(); // SIGKILL
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            try (TorchCheckpoint ck = TorchCheckpoint.open(out.resolve("last.pth"))) {
                assertTrue(ck.stateDict("model").size() > 100, "a complete state dict");
                ck.stateDict("model").values().forEach(t -> t.toFloatArray()); // every tensor readable
            }
        }
        // and the run goes on from it
        List<String> resume = new ArrayList<>(args);
        resume.set(resume.indexOf("1000"), "1");
        resume.addAll(List.of("--resume", out.resolve("last.pth").toString(), "--max-steps", "1000000"));
        Process p = start(dir, resume, out);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        try (java.util.stream.Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "temporary files of killed writes are cleaned up");
        }
    }

    private static Process start(Path dir, List<String> args, Path out) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(RetrievalManifestIT.root().resolve("scripts/clamp3").toAbsolutePath().toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
    }
}
