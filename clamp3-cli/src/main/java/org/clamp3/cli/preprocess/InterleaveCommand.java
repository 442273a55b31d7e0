package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.TextFiles;
import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.preprocess.abc.AbcInterleaveException;
import org.clamp3.preprocess.abc.AbcInterleaver;
import org.clamp3.preprocess.abc.InterleavedAbc;
import org.clamp3.preprocess.abc.PipelineMessage;

import org.clamp3.core.pipeline.OutputCheck;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** Standard ABC → interleaved ABC, like preprocessing/abc/batch_interleaved_abc.py. */
@Command(name = "interleave", mixinStandardHelpOptions = true,
        description = {
            "Convert standard ABC (.abc, as xml2abc writes it) to interleaved ABC, byte-identical to the original",
            "batch_interleaved_abc.py (abctoolkit 0.0.4): X:, T:, C:, W:, w:, Z: and %%MIDI lines dropped,",
            "bar-number comments removed, empty bars at both ends cut, and one line per bar holding that bar of",
            "every voice: [V:1]...|[V:2]...|",
            "What the original prints (bars of unequal length, unequal barlines) is shown as warnings. Where it",
            "writes nothing (no line 'V:1', voices with unequal bar counts, an empty piece) the file fails",
            "with the original's reason. Empty files are skipped, as the original skips them."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 preprocess interleave abc/ interleaved/",
            "  warning: abc/quartet.abc: Odd bar duration  V:3  bar  12"
        })
final class InterleaveCommand implements Callable<Integer> {

    @Mixin
    PerFileBatch batch = new PerFileBatch();

    @Override
    public Integer call() throws Exception {
        PrintWriter err = batch.err();
        return batch.run("interleave", CoreFormats.ABC.extensions(), "abc", ".abc", t -> interleave(t.input(), err), OutputCheck.LEDGER);
    }

    /** One file: its interleaved text, or null for an empty file; warnings go to {@code err}. */
    private static byte[] interleave(Path file, PrintWriter err) {
        String abc = TextFiles.read(file);
        if (abc.isEmpty()) {
            return null;
        }
        try {
            InterleavedAbc result = AbcInterleaver.interleave(abc);
            warn(err, file, result.warnings());
            return result.text().getBytes(StandardCharsets.UTF_8);
        } catch (AbcInterleaveException e) {
            // the last line is the failure itself, reported as the error; a line repeating the reason is not shown twice
            List<PipelineMessage> before = e.messages().isEmpty() ? List.of() : e.messages().subList(0, e.messages().size() - 1);
            warn(err, file, before.stream().filter(m -> !m.text().equals(e.getMessage())).toList());
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    private static void warn(PrintWriter err, Path file, List<PipelineMessage> warnings) {
        if (warnings.isEmpty()) {
            return;
        }
        synchronized (err) {
            for (PipelineMessage m : warnings) {
                err.println("warning: " + file + ": " + m.text());
            }
            err.flush();
        }
    }
}
