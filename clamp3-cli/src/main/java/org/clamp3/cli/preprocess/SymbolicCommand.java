package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.Callable;

import org.clamp3.core.io.FileTask;
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
    ConversionBatch batch = new ConversionBatch();

    @Override
    public Integer call() throws Exception {
        List<FileTask> tasks = new ArrayList<>(batch.tasks(SymbolicPipeline.XML, "abc"));
        tasks.addAll(batch.tasks(SymbolicPipeline.MIDI, "mtf"));
        tasks.sort(Comparator.comparing(FileTask::relative));
        batch.nonEmpty(tasks, "MusicXML or MIDI");
        PrintWriter err = batch.err();
        return batch.run(tasks, "symbolic", file -> {
            SymbolicPipeline.Result r = SymbolicPipeline.convert(file);
            if (r == null) {
                return null;
            }
            synchronized (err) {
                r.warnings().forEach(w -> err.println("warning: " + w));
            }
            return r.text().getBytes(StandardCharsets.UTF_8);
        });
    }
}
