package org.clamp3.cli;

import picocli.CommandLine.Command;

/** The linear probe of the original classification/ folder: train and predict. */
@Command(name = "classify", mixinStandardHelpOptions = true,
        description = {
            "Linear-probe classification of global features (the original classification/ scripts).",
            "A file's label is its name up to the first underscore: rock_0001.npy has label 'rock'."
        },
        subcommands = {ClassifyTrainCommand.class, ClassifyPredictCommand.class},
        footer = {
            "",
            "Example:",
            "  clamp3 classify train --train features/train --epochs 100 --lr 1e-4 -o genre.pth",
            "  clamp3 classify predict genre.pth features/test predictions.json"
        })
final class ClassifyCommand {
}
