package org.clamp3.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.clamp3.train.TrainingCheckpoint;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Writes a checkpoint the original Python tools load. */
@Command(name = "export", mixinStandardHelpOptions = true,
        description = {
            "Write a training checkpoint as a torch.save file the original scripts load.",
            "It has the original layout (model state dict, epoch, best_epoch, min_eval_loss, modality) without",
            "the resume state, so the original scripts (torch.load + load_state_dict(strict=True)) load it."
        },
        footer = {"", "Example:", "  clamp3 export --format pth runs/audio/best.pth weights_clamp3_mine.pth"})
final class ExportCommand implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--format", defaultValue = "pth", paramLabel = "pth", description = "Output format (pth).")
    String format;

    @Parameters(index = "0", paramLabel = "CHECKPOINT", description = "A checkpoint written by clamp3 train.")
    Path from;

    @Parameters(index = "1", paramLabel = "OUT", description = "File to write.")
    Path to;

    @Override
    public Integer call() throws Exception {
        if (!format.equals("pth")) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--format must be pth");
        }
        TrainingCheckpoint.export(from, to);
        spec.commandLine().getOut().println("Wrote " + to);
        return ExitCodes.OK;
    }
}
