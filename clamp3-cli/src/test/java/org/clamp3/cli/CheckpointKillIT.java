package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.function.BiPredicate;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import org.clamp3.core.io.Npy;
import org.clamp3.core.weights.TorchCheckpoint;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * kill -9 of a training run that writes its checkpoint every step, at four really different
 * moments, never leaves a corrupt last.pth, and the run resumes from it. To kill at a moment and
 * not merely near it, the run is stopped (SIGSTOP) at each look at its files and killed while
 * still stopped when the look shows the moment, so the files after the kill are the ones looked at.
 */
class CheckpointKillIT {

    /**
     * What the test saw of the run's out folder.
     *
     * @param lastKey  last.pth's file key (a rename gives a new one), null if there is none
     * @param lastSize last.pth's size, -1 if there is none
     * @param tmp      the temporary file of a last.pth being written in this round, or null
     * @param tmpSize  its size so far
     */
    record Look(Object lastKey, long lastSize, Path tmp, long tmpSize) {}

    /** A moment to kill at, given what was there when the round started (last.pth's key). */
    enum Moment {
        /** The run's first last.pth is being written: some bytes in its temporary file, no last.pth yet. */
        FIRST_WRITE_UNDER_WAY((l, startKey) -> l.lastKey == null && l.tmp != null && l.tmpSize > 0),
        /** This run has replaced last.pth, and its next write has only begun (at most a quarter written). */
        LATER_WRITE_BEGUN((l, startKey) -> wroteOne(l, startKey) && l.tmp != null && l.tmpSize > 0 && l.tmpSize <= l.lastSize / 4),
        /** ... and its next write is nearly or wholly done but not yet renamed (three quarters or more). */
        LATER_WRITE_NEARLY_DONE((l, startKey) -> wroteOne(l, startKey) && l.tmp != null && l.tmpSize >= l.lastSize * 3 / 4),
        /** ... and no write is under way: between two checkpoints. */
        BETWEEN_WRITES((l, startKey) -> wroteOne(l, startKey) && l.tmp == null);

        final BiPredicate<Look, Object> holds;

        Moment(BiPredicate<Look, Object> holds) {
            this.holds = holds;
        }

        private static boolean wroteOne(Look l, Object startKey) {
            return l.lastKey != null && !l.lastKey.equals(startKey);
        }
    }

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
        for (Moment moment : Moment.values()) {
            Look start = look(out, Set.of());
            Set<Path> leftovers = temporaryFiles(out); // an earlier round's; the new run removes them
            Process p = start(dir, args);
            Look seen = killAt(p, moment, out, start.lastKey, leftovers, dir.resolve("log.txt"));
            // the kill came while the process was stopped: the files are what the look saw
            Look after = look(out, leftovers);
            System.out.println("killed at " + moment + ": last.pth " + after.lastSize + " bytes, "
                    + (after.tmp == null ? "no write under way" : "a write of it under way at " + after.tmpSize + " bytes"));
            assertEquals(seen, after, moment + ": the files changed between the look and the kill");
            if (moment == Moment.FIRST_WRITE_UNDER_WAY) {
                assertFalse(Files.exists(out.resolve("last.pth")), "a first write cut short leaves no last.pth");
            } else {
                assertNotEquals(start.lastKey, after.lastKey, moment + ": this round replaced last.pth");
                try (TorchCheckpoint ck = TorchCheckpoint.open(out.resolve("last.pth"))) {
                    assertTrue(ck.stateDict("model").size() > 100, moment + ": a complete state dict");
                    ck.stateDict("model").values().forEach(t -> t.toFloatArray()); // every tensor readable
                }
            }
        }
        // and the run goes on from the last one
        List<String> resume = new ArrayList<>(args);
        resume.set(resume.indexOf("1000"), "1");
        resume.addAll(List.of("--resume", out.resolve("last.pth").toString(), "--max-steps", "1000000"));
        Process p = start(dir, resume);
        assertTrue(p.waitFor(300, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), Files.readString(dir.resolve("log.txt")));
        try (Stream<Path> files = Files.list(out)) {
            assertEquals(List.of(), files.map(f -> f.getFileName().toString()).filter(n -> n.endsWith(".tmp")).toList(),
                    "temporary files of killed writes are cleaned up");
        }
    }

    /** Looks at the run's files with the process stopped until the moment holds, then kills it there. */
    private static Look killAt(Process p, Moment moment, Path out, Object startKey, Set<Path> leftovers, Path log) throws Exception {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (System.nanoTime() < deadline) {
            if (!p.isAlive()) {
                fail(moment + ": the run ended before the moment came\n" + Files.readString(log));
            }
            // a look while it runs is cheap; only when that shows the moment is it stopped to look again
            if (moment.holds.test(look(out, leftovers), startKey)) {
                signal(p, "STOP");
                if (!awaitStopped(p.pid())) {
                    continue; // it ended: said above on the next turn
                }
                Look l = look(out, leftovers);
                if (moment.holds.test(l, startKey)) {
                    p.destroyForcibly(); // SIGKILL; a stopped process dies without running on
                    assertTrue(p.waitFor(30, TimeUnit.SECONDS));
                    return l;
                }
                signal(p, "CONT");
            }
            Thread.sleep(1);
        }
        p.destroyForcibly();
        p.waitFor(30, TimeUnit.SECONDS);
        return fail(moment + ": not reached in time\n" + Files.readString(log));
    }

    private static Look look(Path out, Set<Path> leftovers) throws IOException {
        Path last = out.resolve("last.pth");
        Object key = null;
        long size = -1;
        try {
            BasicFileAttributes a = Files.readAttributes(last, BasicFileAttributes.class);
            key = a.fileKey();
            size = a.size();
        } catch (NoSuchFileException e) {
            // none yet
        }
        Path tmp = null;
        long tmpSize = 0;
        for (Path t : temporaryFiles(out)) {
            if (!leftovers.contains(t)) {
                try {
                    tmpSize = Files.size(t);
                    tmp = t;
                } catch (NoSuchFileException e) {
                    // renamed or removed since the listing (the run was not stopped)
                }
            }
        }
        return new Look(key, size, tmp, tmpSize);
    }

    /** The temporary files of last.pth writes (AtomicFiles: ".last.pth.*.tmp"). */
    private static Set<Path> temporaryFiles(Path out) throws IOException {
        if (!Files.isDirectory(out)) {
            return Set.of();
        }
        try (Stream<Path> files = Files.list(out)) {
            return files.filter(f -> {
                String n = f.getFileName().toString();
                return n.startsWith(".last.pth.") && n.endsWith(".tmp");
            }).collect(Collectors.toSet());
        }
    }

    private static void signal(Process p, String signal) throws Exception {
        Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(p.pid())).redirectErrorStream(true).start();
        assertTrue(kill.waitFor(30, TimeUnit.SECONDS));
    }

    /**
     * Waits until every thread of the process is stopped (kill returns before the signal has taken
     * effect); false if the process is gone.
     */
    private static boolean awaitStopped(long pid) throws Exception {
        Path tasks = Path.of("/proc", Long.toString(pid), "task");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (!Files.isDirectory(tasks)) {
                return false;
            }
            boolean all = true;
            try (Stream<Path> threads = Files.list(tasks)) {
                for (Path t : threads.toList()) {
                    try {
                        String stat = Files.readString(t.resolve("stat"));
                        char state = stat.substring(stat.lastIndexOf(')') + 1).trim().charAt(0);
                        all &= state == 'T' || state == 't' || state == 'Z' || state == 'X';
                    } catch (NoSuchFileException e) {
                        // the thread ended meanwhile
                    }
                }
            } catch (NoSuchFileException e) {
                return false; // the process ended meanwhile
            }
            if (all) {
                return true;
            }
            Thread.sleep(1);
        }
        return fail("process " + pid + " did not stop");
    }

    private static Process start(Path dir, List<String> args) throws Exception {
        List<String> cmd = new ArrayList<>();
        cmd.add(RetrievalManifestIT.root().resolve("scripts/clamp3").toAbsolutePath().toString());
        cmd.addAll(args);
        return new ProcessBuilder(cmd).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("log.txt").toFile()).start();
    }
}
