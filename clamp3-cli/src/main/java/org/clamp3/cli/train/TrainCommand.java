package org.clamp3.cli.train;

import picocli.CommandLine.Command;

/** Training: CLaMP 3 contrastive training, M3 pre-training, and the reproducibility check. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = "Train or fine-tune CLaMP 3 and M3 (the original code/train_*.py).",
        subcommands = {TrainClamp3Command.class, TrainM3Command.class, TrainCheckCommand.class},
        footer = {
            "",
            "Example:",
            "  clamp3 train clamp3 --modality symbolic --train-jsonl data/train.jsonl --model models/clamp3-c2 --out runs/c2"
        })
public final class TrainCommand {
}
