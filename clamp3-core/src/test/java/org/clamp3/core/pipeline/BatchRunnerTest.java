package org.clamp3.core.pipeline;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The batch rules every command shares, on a job that upper-cases text files. */
class BatchRunnerTest {
    @TempDir
    Path dir;

    private List<FileTask> tasks(String... files) throws IOException {
        Path in = dir.resolve("in");
        for (String f : files) {
            Path p = in.resolve(f);
            Files.createDirectories(p.getParent());
            Files.writeString(p, f.startsWith("bad") ? "bad" : "text of " + f);
        }
        return MirroredTree.tasks(in, dir.resolve("out"), Set.of("txt", "abc"), "up");
    }

    private static final FileJob<byte[]> UPPER = FileJob.converting(task -> {
        String s = Files.readString(task.input());
        if (s.equals("bad")) {
            throw new InvalidInputException(task.input(), "bad content");
        }
        if (s.isBlank()) {
            return null;
        }
        return s.toUpperCase().getBytes(StandardCharsets.UTF_8);
    }, OutputCheck.LEDGER);

    private record Seen(List<String> lines) implements BatchListener {
        Seen() {
            this(new ArrayList<>());
        }

        @Override
        public void done(FileTask task, Outcome outcome, InvalidInputException error) {
            lines.add(task.relative() + " " + outcome + (error == null ? "" : " " + error.getMessage()));
        }
    }

    @Test
    void writesSkipsReportsAndNamesCollisions() throws Exception {
        List<FileTask> tasks = tasks("a.txt", "a.abc", "sub/b.txt", "bad1.txt");
        Files.writeString(dir.resolve("in/empty.txt"), " ");
        tasks = MirroredTree.tasks(dir.resolve("in"), dir.resolve("out"), Set.of("txt", "abc"), "up");
        Seen seen = new Seen();
        BatchSummary s = new BatchRunner(new BatchOptions(2, false, 2)).run(tasks, UPPER, seen);
        assertEquals("TEXT OF A.ABC", Files.readString(dir.resolve("out/a.up")));
        assertEquals("TEXT OF SUB/B.TXT", Files.readString(dir.resolve("out/sub/b.up")));
        assertEquals(2, s.written());
        assertEquals(2, s.failed(), seen.lines().toString()); // bad1 and the a.txt / a.abc collision
        assertEquals(1, s.count(BatchListener.Outcome.NO_OUTPUT));
        assertTrue(seen.lines().stream().anyMatch(l -> l.startsWith("a.txt FAILED") && l.contains("already the output of")), seen.lines().toString());
        assertEquals("extract: 2 written to out, 1 gave no output, 2 failed", s.line("extract", "out"));

        BatchSummary again = new BatchRunner(new BatchOptions(1, false, 8)).run(tasks, UPPER, BatchListener.NONE);
        assertEquals(0, again.written());
        assertEquals(2, again.skipped());
        assertEquals("x: 0 written, 2 skipped (complete output exists), 1 gave no output, 2 failed", again.line("x", null));
    }

    /**
     * Reader threads read at most one round ahead of the batch thread: while the model computes a
     * round, the workers prepare the next and then wait, so on a machine where libtorch uses every
     * core they take no more than one round's reading from it.
     */
    @Test
    void readersStayOneRoundAheadOfTheModel() throws Exception {
        String[] names = new String[40];
        for (int i = 0; i < names.length; i++) {
            names[i] = "f" + i + ".txt";
        }
        List<FileTask> tasks = tasks(names);
        int round = 4;
        java.util.concurrent.atomic.AtomicInteger prepared = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger finished = new java.util.concurrent.atomic.AtomicInteger();
        java.util.concurrent.atomic.AtomicInteger mostAhead = new java.util.concurrent.atomic.AtomicInteger();
        FileJob<String> job = new FileJob<>() {
            @Override
            public String prepare(FileTask task) {
                mostAhead.accumulateAndGet(prepared.incrementAndGet() - finished.get(), Math::max);
                return task.relative();
            }

            @Override
            public List<Output> finish(List<FileTask> t, List<String> p) {
                try {
                    Thread.sleep(30); // the model's forward pass; the workers could read everything meanwhile
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
                finished.addAndGet(t.size());
                return p.stream().map(s -> Output.bytes(s.getBytes(java.nio.charset.StandardCharsets.UTF_8))).toList();
            }
        };
        new BatchRunner(new BatchOptions(4, true, round)).run(tasks, job, BatchListener.NONE);
        assertEquals(names.length, finished.get());
        assertTrue(mostAhead.get() <= 2 * round, "workers prepared " + mostAhead.get() + " files ahead of the model");
    }

    @Test
    void aTornLedgerLineOnlyMeansRedoing() throws Exception {
        List<FileTask> tasks = tasks("a.txt", "b.txt");
        new BatchRunner(BatchOptions.perFile(1, false)).run(tasks, UPPER, BatchListener.NONE);
        Path ledger = dir.resolve("out").resolve(OutputLedger.FILE_NAME);
        String lines = Files.readString(ledger);
        assertEquals(2, lines.lines().count(), lines);
        Files.writeString(ledger, lines.substring(0, lines.length() - 4)); // the last line cut by a kill
        BatchSummary s = new BatchRunner(BatchOptions.perFile(1, false)).run(tasks, UPPER, BatchListener.NONE);
        assertEquals(1, s.skipped());
        assertEquals(1, s.written());
    }

    @Test
    void errorsAreNeverSwallowed() throws Exception {
        List<FileTask> tasks = tasks("a.txt", "b.txt");
        AtomicInteger calls = new AtomicInteger();
        FileJob<byte[]> oom = FileJob.converting(task -> {
            calls.incrementAndGet();
            throw new OutOfMemoryError("simulated");
        }, OutputCheck.LEDGER);
        OutOfMemoryError e = assertThrows(OutOfMemoryError.class,
                () -> new BatchRunner(BatchOptions.perFile(1, false)).run(tasks, oom, BatchListener.NONE));
        assertEquals("simulated", e.getMessage());
        assertFalse(Files.exists(dir.resolve("out/a.up")));
    }

    @Test
    void otherExceptionsFailOneFileInOneLine() throws Exception {
        List<FileTask> tasks = tasks("a.txt", "b.txt");
        FileJob<byte[]> job = FileJob.converting(task -> {
            if (task.relative().equals("a.txt")) {
                throw new IllegalStateException("first line\nsecond line");
            }
            return new byte[] {1};
        }, OutputCheck.LEDGER);
        Seen seen = new Seen();
        new BatchRunner(BatchOptions.perFile(2, false)).run(tasks, job, seen);
        assertEquals(List.of("a.txt FAILED " + dir.resolve("in/a.txt") + ": first line", "b.txt WRITTEN"), seen.lines());
    }

    @Test
    void npyOutputsAreCompleteOnlyWithAllTheirBytes() throws IOException {
        Path f = dir.resolve("x.npy");
        Npy.writeFloat32(f, new float[] {1, 2, 3, 4}, 1, 4);
        assertTrue(OutputCheck.NPY.isComplete(f));
        byte[] all = Files.readAllBytes(f);
        Files.write(f, java.util.Arrays.copyOf(all, all.length - 1));
        assertFalse(OutputCheck.NPY.isComplete(f));
        Files.write(f, java.util.Arrays.copyOf(all, 40));
        assertFalse(OutputCheck.NPY.isComplete(f));
        Files.write(f, new byte[0]);
        assertFalse(OutputCheck.NPY.isComplete(f));
    }
}
