package org.clamp3.core.pipeline;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;

/**
 * Runs a {@link FileJob} over the tasks of a mirrored tree, with the rules every command shares:
 * <ul>
 *   <li>two tasks with the same output: the later one fails, naming the earlier;
 *   <li>an output is skipped only when it is complete ({@link FileJob#outputCheck()}, else the
 *       {@link OutputLedger}); {@code overwrite} redoes it; an incomplete one is redone;
 *   <li>{@code workers} threads prepare the files of the next round while this thread finishes
 *       the current one; outputs are written atomically (temp file + rename), in task order;
 *   <li>a file that fails is reported to the listener and the rest go on; an {@link Error} (out
 *       of memory, a bug) stops the batch and is rethrown, never turned into a file's failure.
 * </ul>
 */
public final class BatchRunner {
    private final BatchOptions options;

    public BatchRunner(BatchOptions options) {
        this.options = options;
    }

    public <P> BatchSummary run(List<FileTask> tasks, FileJob<P> job, BatchListener listener)
            throws IOException, InterruptedException {
        BatchSummary summary = new BatchSummary();
        BatchListener counting = (task, outcome, error) -> {
            summary.add(outcome);
            listener.done(task, outcome, error);
        };
        List<FileTask> unique = MirroredTree.withoutCollisions(tasks,
                e -> counting.done(taskOf(tasks, e), BatchListener.Outcome.FAILED, e));
        OutputCheck check = job.outputCheck();
        OutputLedger ledger = check.needsLedger() ? new OutputLedger() : null;
        List<FileTask> todo = new ArrayList<>();
        for (FileTask t : unique) {
            if (!options.overwrite() && isComplete(t.output(), check, ledger)) {
                counting.done(t, BatchListener.Outcome.SKIPPED, null);
            } else {
                todo.add(t);
            }
        }
        removeLeftovers(todo);
        AtomicInteger threadNumber = new AtomicInteger();
        ExecutorService workers = Executors.newFixedThreadPool(options.workers(), r -> {
            Thread th = new Thread(r, "clamp3-worker-" + threadNumber.incrementAndGet());
            th.setDaemon(true);
            return th;
        });
        try {
            int round = options.filesPerRound();
            List<Future<P>> next = submit(workers, job, todo, 0, round);
            for (int start = 0; start < todo.size(); start += round) {
                List<Future<P>> current = next;
                next = submit(workers, job, todo, start + round, round); // read ahead while this round finishes
                finishRound(todo.subList(start, Math.min(todo.size(), start + round)), current, job, ledger, counting);
            }
        } finally {
            workers.shutdownNow();
        }
        return summary;
    }

    /** Temporary files of outputs a killed run was writing: each is redone now, so its leftovers go. */
    private static void removeLeftovers(List<FileTask> todo) throws IOException {
        java.util.Map<Path, java.util.Set<String>> byFolder = new java.util.HashMap<>();
        for (FileTask t : todo) {
            Path out = t.output().toAbsolutePath();
            if (out.getParent() != null) {
                byFolder.computeIfAbsent(out.getParent(), d -> new java.util.HashSet<>()).add(out.getFileName().toString());
            }
        }
        for (java.util.Map.Entry<Path, java.util.Set<String>> e : byFolder.entrySet()) {
            AtomicFiles.removeLeftovers(e.getKey(), e.getValue());
        }
    }

    static boolean isComplete(Path output, OutputCheck check, OutputLedger ledger) {
        return (ledger != null && ledger.recorded(output)) || (java.nio.file.Files.isRegularFile(output) && check.isComplete(output));
    }

    private static FileTask taskOf(List<FileTask> tasks, InvalidInputException e) {
        for (FileTask t : tasks) {
            if (t.input().equals(e.file())) {
                return t;
            }
        }
        throw new IllegalStateException("collision reported for an unknown file " + e.file());
    }

    private static <P> List<Future<P>> submit(ExecutorService workers, FileJob<P> job, List<FileTask> todo, int start, int count) {
        List<Future<P>> futures = new ArrayList<>();
        for (int i = start; i < Math.min(todo.size(), start + count); i++) {
            FileTask task = todo.get(i);
            futures.add(workers.submit(() -> job.prepare(task)));
        }
        return futures;
    }

    private static <P> void finishRound(List<FileTask> tasks, List<Future<P>> futures, FileJob<P> job, OutputLedger ledger,
                                        BatchListener listener) throws InterruptedException {
        List<FileTask> ready = new ArrayList<>();
        List<P> prepared = new ArrayList<>();
        for (int i = 0; i < tasks.size(); i++) {
            FileTask task = tasks.get(i);
            try {
                P p = futures.get(i).get();
                if (p == null) {
                    listener.done(task, BatchListener.Outcome.NO_OUTPUT, null);
                } else {
                    ready.add(task);
                    prepared.add(p);
                }
            } catch (ExecutionException e) {
                listener.done(task, BatchListener.Outcome.FAILED, asInputError(task.input(), e.getCause()));
            }
        }
        if (ready.isEmpty()) {
            return;
        }
        List<Output> outputs;
        try {
            outputs = job.finish(ready, prepared);
        } catch (RuntimeException e) {
            for (FileTask task : ready) {
                listener.done(task, BatchListener.Outcome.FAILED, asInputError(task.input(), e));
            }
            return;
        }
        if (outputs.size() != ready.size()) {
            throw new IllegalStateException(job + " gave " + outputs.size() + " outputs for " + ready.size() + " files");
        }
        for (int i = 0; i < ready.size(); i++) {
            FileTask task = ready.get(i);
            Output out = outputs.get(i);
            if (out instanceof Output.Failed f) {
                listener.done(task, BatchListener.Outcome.FAILED, f.error());
            } else if (out instanceof Output.Kept) {
                listener.done(task, BatchListener.Outcome.WRITTEN, null);
            } else {
                try {
                    AtomicFiles.write(task.output(), ((Output.Write) out).writer());
                    if (ledger != null) {
                        ledger.record(task.output());
                    }
                    listener.done(task, BatchListener.Outcome.WRITTEN, null);
                } catch (IOException e) {
                    listener.done(task, BatchListener.Outcome.FAILED,
                            new InvalidInputException(task.output(), "cannot write: " + e.getMessage(), e));
                }
            }
        }
    }

    /** A file's failure as one line naming the file; {@link Error}s are rethrown, never reported as a file's problem. */
    static InvalidInputException asInputError(Path file, Throwable cause) {
        if (cause instanceof Error error) {
            throw error;
        }
        if (cause instanceof InvalidInputException e) {
            return e;
        }
        String msg = cause.getMessage() == null ? cause.getClass().getSimpleName() : cause.getMessage();
        return new InvalidInputException(file, msg.lines().findFirst().orElse(msg), cause);
    }
}
