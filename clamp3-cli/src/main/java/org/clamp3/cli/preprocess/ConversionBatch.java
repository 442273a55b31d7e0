package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.clamp3.cli.ErrorReport;
import org.clamp3.cli.ErrorsFileOption;
import org.clamp3.cli.ProgressBar;
import org.clamp3.cli.Ranges;
import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;

import picocli.CommandLine;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * Runs a file-to-file conversion over a mirrored tree, the way every preprocess command does:
 * files in parallel, outputs that exist skipped, each output written atomically, a bad file
 * reported in one line while the rest go on, an error report, exit code 1 if anything failed.
 * Commands add it as a mixin.
 */
public final class ConversionBatch {

    /** Turns one input file into the bytes of its output; null means "no output" (the original writes none). */
    @FunctionalInterface
    public interface Converter {
        byte[] convert(Path input) throws Exception;
    }

    /** The command this batch belongs to: where output and errors are printed. */
    @Spec(Spec.Target.MIXEE)
    CommandSpec command;

    @Parameters(index = "0", paramLabel = "IN", description = "A file or a folder tree of them.")
    Path in;

    @Parameters(index = "1", paramLabel = "OUT", description = "Output folder; IN's tree is mirrored, each output keeping its input's base name.")
    Path out;

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class, description = "Files converted in parallel (default: number of cores).")
    Integer threads;

    @Option(names = "--overwrite", description = "Convert again even where the output exists.")
    boolean overwrite;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    /** The files below IN with one of {@code extensions}, each mapped to OUT with {@code newExtension}. */
    public List<FileTask> tasks(Set<String> extensions, String newExtension) {
        return MirroredTree.tasks(in, out, extensions, newExtension);
    }

    /** Fails with "no files" naming IN when there is nothing to do. */
    public List<FileTask> nonEmpty(List<FileTask> tasks, String what) {
        if (tasks.isEmpty()) {
            throw new InvalidInputException(in, "no " + what + " files here");
        }
        return tasks;
    }

    public CommandLine commandLine() {
        return command.commandLine();
    }

    /** Where warnings go: the command's stderr. */
    public PrintWriter err() {
        return command.commandLine().getErr();
    }

    /** Converts every task; returns the exit code. */
    public int run(List<FileTask> tasks, String verb, Converter converter) throws Exception {
        return run(command.commandLine().getOut(), err(), tasks, verb, converter);
    }

    private int run(PrintWriter out, PrintWriter err, List<FileTask> tasks, String verb, Converter converter)
            throws Exception {
        ErrorReport errors = new ErrorReport(err);
        List<FileTask> todo = MirroredTree.withoutCollisions(tasks, errors::add);
        int n = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        AtomicInteger written = new AtomicInteger();
        AtomicInteger skipped = new AtomicInteger();
        AtomicInteger empty = new AtomicInteger();
        ExecutorService pool = Executors.newFixedThreadPool(n);
        try (ProgressBar bar = new ProgressBar(err, verb, todo.size())) {
            for (FileTask task : todo) {
                pool.execute(() -> {
                    try {
                        if (!overwrite && Files.exists(task.output())) {
                            skipped.incrementAndGet();
                            return;
                        }
                        byte[] result = converter.convert(task.input());
                        if (result == null) {
                            empty.incrementAndGet();
                            return;
                        }
                        AtomicFiles.write(task.output(), o -> o.write(result));
                        written.incrementAndGet();
                    } catch (InvalidInputException e) {
                        errors.add(e);
                    } catch (Exception | StackOverflowError | OutOfMemoryError e) {
                        String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                        errors.add(new InvalidInputException(task.input(), msg.lines().findFirst().orElse(msg), e));
                    } finally {
                        bar.step();
                    }
                });
            }
            pool.shutdown();
            while (!pool.awaitTermination(1, TimeUnit.SECONDS)) {
                // waiting for the batch; the progress bar shows how far it is
            }
        } finally {
            pool.shutdownNow();
        }
        out.println(verb + ": " + written.get() + " written" + (skipped.get() > 0 ? ", " + skipped.get() + " skipped (output exists)" : "")
                + (empty.get() > 0 ? ", " + empty.get() + " gave no output" : "")
                + (errors.isEmpty() ? "" : ", " + errors.size() + " failed"));
        out.flush();
        return errors.finish(errorsOption.file);
    }
}
