package org.clamp3.cli;

import picocli.CommandLine.Command;

/** Classification of global features: the linear probe of the original classification/ folder, and zero-shot. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {
            "Classification of global features: a linear probe (train, predict; the original classification/ scripts)",
            "or zero-shot against text labels (zero-shot).",
            "For the probe, a file's label is its name up to the first underscore: rock_0001.npy has label 'rock'."
        },
        subcommands = {ClassifyTrainCommand.class, ClassifyPredictCommand.class, ClassifyZeroShotCommand.class},
        footer = {
            "",
            "Example:",
            "  clamp3 classify train --train features/train --epochs 100 --lr 1e-4 -o genre.pth",
            "  clamp3 classify predict genre.pth features/test predictions.json",
            "  clamp3 classify zero-shot features/test --labels genres.txt --template \"a piece of {} music\" -o zero-shot.json"
        })
final class ClassifyCommand {
}
