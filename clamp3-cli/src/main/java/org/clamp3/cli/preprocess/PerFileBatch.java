package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.util.List;
import java.util.Set;

import org.clamp3.cli.Ranges;
import org.clamp3.cli.TreeBatch;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.OutputCheck;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The batch of a preprocess command that converts file by file and runs no model: IN, OUT and the
 * tree options ({@link TreeBatch}), plus {@code --threads N}, this command's old spelling of
 * {@code --workers}, kept for one release (elsewhere --threads means libtorch's threads).
 */
final class PerFileBatch {

    @Mixin
    TreeBatch tree = new TreeBatch();

    @Option(names = "--threads", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Deprecated: the old name of --workers in this command (files in parallel); will be removed.")
    Integer deprecatedThreads;

    PrintWriter err() {
        return tree.err();
    }

    /** The files below IN with one of {@code extensions}, mapped to OUT with {@code newExtension}. */
    List<FileTask> tasks(Set<String> extensions, String newExtension) {
        return tree.tasks(extensions, newExtension);
    }

    /** Converts every file below IN with one of {@code extensions}; returns the exit code. */
    int run(String verb, Set<String> extensions, String newExtension, String what, FileJob.Converter converter,
            OutputCheck check) throws Exception {
        return run(verb, tree.nonEmpty(tree.tasks(extensions, newExtension), what), converter, check);
    }

    /** Converts these tasks; returns the exit code. */
    int run(String verb, List<FileTask> tasks, FileJob.Converter converter, OutputCheck check) throws Exception {
        if (deprecatedThreads != null && !tree.workers.given()) {
            err().println("warning: --threads is deprecated in this command; use --workers " + deprecatedThreads);
            tree.workers.setDefault(deprecatedThreads);
        }
        return tree.run(verb, tasks, FileJob.converting(converter, check), tree.perFile());
    }
}
