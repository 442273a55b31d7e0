package org.clamp3.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.BatchOptions;
import org.clamp3.core.pipeline.BatchRunner;
import org.clamp3.core.pipeline.BatchSummary;
import org.clamp3.core.pipeline.FileJob;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * IN, OUT and the options of every command that maps a tree of files onto an output tree
 * ({@code extract} and each {@code preprocess} command), and the one way they run: the library's
 * {@link BatchRunner} (skip complete outputs, atomic writes, bad files reported while the rest go
 * on) with a progress bar, the error report, one summary line and the exit code.
 */
public final class TreeBatch {

    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "IN", description = "A file or a folder tree of them.")
    public Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output folder; IN's tree is mirrored, each output keeping its input's base name.")
    public Path out;

    @Mixin
    public WorkersOption workers = new WorkersOption();

    @Option(names = "--overwrite", description = "Redo outputs that are already complete (incomplete ones are always redone).")
    public boolean overwrite;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Mixin
    public ShardOption shard = new ShardOption();

    public CommandLine commandLine() {
        return command.commandLine();
    }

    /** Where warnings go: the command's stderr. */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** The files below IN with one of {@code extensions}, each mapped to OUT with {@code newExtension}. */
    public List<FileTask> tasks(Set<String> extensions, String newExtension) {
        return shard.filter(MirroredTree.tasks(in, out, extensions, newExtension));
    }

    /** Fails with "no ... files here" naming IN when there is nothing to do (a shard may legitimately be empty). */
    public List<FileTask> nonEmpty(List<FileTask> tasks, String what) {
        if (tasks.isEmpty() && shard.shard().count() == 1) {
            throw new InvalidInputException(in, "no " + what + " files here");
        }
        return tasks;
    }

    /** Options for work done file by file. */
    public BatchOptions perFile() {
        return BatchOptions.perFile(workers.count(), overwrite);
    }

    /** Runs the job over the tasks; prints the summary line; returns the exit code. */
    public int run(String verb, List<FileTask> tasks, FileJob<?> job, BatchOptions options)
            throws IOException, InterruptedException {
        return run(command.commandLine(), shard.errorsFile(errorsOption), verb, out, tasks, job, options);
    }

    /**
     * The one way a batch is run and reported: progress bar, each failure as one line and in the
     * error report, the summary line on stdout; returns the exit code.
     *
     * @param where what the summary says the outputs went to
     */
    public static int run(CommandLine cl, Path errorsFile, String verb, Object where, List<FileTask> tasks,
                          FileJob<?> job, BatchOptions options) throws IOException, InterruptedException {
        ErrorReport errors = new ErrorReport(cl.getErr());
        BatchSummary summary;
        try (ProgressBar bar = new ProgressBar(cl.getErr(), verb, tasks.size())) {
            summary = new BatchRunner(options).run(tasks, job, (task, outcome, error) -> {
                if (outcome == BatchListener.Outcome.FAILED) {
                    errors.add(error);
                }
                bar.step();
            });
        }
        PrintWriter stdout = cl.getOut();
        stdout.println(summary.line(verb, where));
        stdout.flush();
        return errors.finish(errorsFile);
    }

    /** Several task lists as one, in the order of their relative paths. */
    public static List<FileTask> merged(List<List<FileTask>> lists) {
        List<FileTask> all = new ArrayList<>();
        lists.forEach(all::addAll);
        all.sort(java.util.Comparator.comparing(FileTask::relative));
        return all;
    }
}
