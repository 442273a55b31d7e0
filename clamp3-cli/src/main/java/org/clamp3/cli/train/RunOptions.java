package org.clamp3.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.clamp3.cli.ErrorsFileOption;
import org.clamp3.cli.ThreadsOption;

import org.clamp3.train.TrainingOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every training run has. */
final class RunOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where checkpoints (best.pth, last.pth, epoch_N.pth) and training.log go.")
    Path out;

    @Option(names = "--epochs", defaultValue = "100", paramLabel = "N", description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--batch-size", paramLabel = "N", description = "Examples per step (default: 256 for CLaMP 3, 16 for M3, as the original).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", description = "AdamW learning rate (default: 1e-5 for CLaMP 3, 1e-4 for M3).")
    Double lr;

    @Option(names = "--warmup-steps", defaultValue = "1000", paramLabel = "N",
            description = {"Linear warm-up steps (default: ${DEFAULT-VALUE}, what the original intended).",
                "The original scripts attach their warm-up to an optimizer they then replace, so they actually",
                "train at a constant rate: --warmup-steps 0 reproduces that."})
    int warmupSteps;

    @Option(names = "--seed", defaultValue = "42", description = "Seed of shuffling, data randomness and dropout (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = "--max-steps", defaultValue = "0", paramLabel = "N", description = "Stop after N optimiser steps in total (smoke runs).")
    long maxSteps;

    @Option(names = "--save-every", defaultValue = "5", paramLabel = "EPOCHS", description = "Keep a checkpoint every N epochs (default: ${DEFAULT-VALUE}).")
    int saveEvery;

    @Option(names = "--checkpoint-every", defaultValue = "500", paramLabel = "STEPS",
            description = "Write the resumable last.pth every N steps, besides each epoch end (default: ${DEFAULT-VALUE}).")
    int checkpointEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its last.pth.")
    Path resume;

    @Option(names = "--eval-split", defaultValue = "0.01", paramLabel = "F",
            description = "Fraction held out for eval when there is no eval set (default: ${DEFAULT-VALUE}, as the original).")
    double evalSplit;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    /** The training and eval examples: the given eval set, or --eval-split of the shuffled training set. */
    <T> List<List<T>> trainAndEval(List<T> train, List<T> evalOrNull) {
        if (evalOrNull != null) {
            return List.of(train, evalOrNull);
        }
        List<T> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(seed));
        int held = (int) (shuffled.size() * evalSplit);
        return List.of(new ArrayList<>(shuffled.subList(held, shuffled.size())), new ArrayList<>(shuffled.subList(0, held)));
    }

    TrainingOptions options(int defaultBatch, double defaultLr) {
        return new TrainingOptions(epochs, batchSize != null ? batchSize : defaultBatch, lr != null ? lr : defaultLr,
                warmupSteps, seed, maxSteps, saveEvery, checkpointEvery, out);
    }
}
