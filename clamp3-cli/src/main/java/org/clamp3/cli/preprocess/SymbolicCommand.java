package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.cli.TreeBatch;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.pipeline.OutputCheck;
import org.clamp3.preprocess.SymbolicPipeline;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** The whole symbolic chain by extension: what the symbolic encoder reads. */
@Command(name = "symbolic", mixinStandardHelpOptions = true,
        description = {
            "Turn raw scores and MIDI into symbolic model inputs in one go: .xml/.musicxml/.mxl → xml2abc",
            "→ interleaved .abc; .mid/.midi → .mtf (m3-compatible). `clamp3 extract` does the same on raw files."
        },
        footer = {"", "Example:", "  clamp3 preprocess symbolic collection/ model_inputs/"})
final class SymbolicCommand implements Callable<Integer> {

    @Mixin
    PerFileBatch batch = new PerFileBatch();

    @Override
    public Integer call() throws Exception {
        Map<FileTask, SymbolicPipeline> source = new HashMap<>();
        List<List<FileTask>> lists = new ArrayList<>();
        String single = Files.isRegularFile(batch.tree.in) ? MirroredTree.extension(batch.tree.in.getFileName().toString()) : null;
        for (SymbolicPipeline s : SymbolicPipeline.values()) {
            if (single != null && !s.extensions().contains(single)) {
                continue; // one input file: only its own kind
            }
            List<FileTask> tasks = batch.tasks(s.extensions(), s.outputExtension());
            tasks.forEach(t -> source.put(t, s));
            lists.add(tasks);
        }
        List<FileTask> tasks = batch.tree.nonEmpty(TreeBatch.merged(lists), ".xml, .musicxml, .mxl, .mid or .midi");
        PrintWriter err = batch.err();
        return batch.run("symbolic", tasks, task -> {
            SymbolicPipeline.Result r = source.get(task).convert(task.input());
            if (r == null) {
                return null;
            }
            synchronized (err) {
                r.warnings().forEach(w -> err.println("warning: " + w));
            }
            return r.text().getBytes(StandardCharsets.UTF_8);
        }, OutputCheck.LEDGER);
    }
}
