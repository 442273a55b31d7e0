package org.clamp3.cli.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

import org.clamp3.cli.ErrorsFileOption;
import org.clamp3.cli.Ranges;
import org.clamp3.cli.ThreadsOption;
import org.clamp3.core.model.config.TrainingConfig;
import org.clamp3.train.TrainingOptions;

import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** The options every training run has. */
final class RunOptions {
    @Option(names = "--out", required = true, paramLabel = "DIR",
            description = "Where checkpoints (best.pth, last.pth, epoch_N.pth) and training.log go.")
    Path out;

    @Option(names = "--epochs", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Epochs (default: the model config's CLAMP3_NUM_EPOCH or M3_NUM_EPOCH, else the original's 100).")
    Integer epochs;

    @Option(names = "--batch-size", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Examples per step (default: the model config's CLAMP3_BATCH_SIZE or M3_BATCH_SIZE, else the original's 256 or 16).")
    Integer batchSize;

    @Option(names = "--lr", paramLabel = "RATE", converter = Ranges.PositiveRate.class,
            description = "AdamW learning rate (default: the model config's CLAMP3_LEARNING_RATE or M3_LEARNING_RATE, else 1e-5 or 1e-4).")
    Double lr;

    @Option(names = "--warmup-steps", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = {"Linear warm-up steps (default: " + TrainingOptions.WARMUP_STEPS + ", what the original intended).",
                "The original scripts attach their warm-up to an optimizer they then replace, so they actually",
                "train at a constant rate: --warmup-steps 0 reproduces that."})
    Integer warmupSteps;

    @Option(names = "--seed", description = "Seed of shuffling, data randomness and dropout (default: " + TrainingOptions.SEED + ").")
    Long seed;

    @Option(names = "--max-steps", paramLabel = "N", converter = Ranges.LongAtLeastZero.class,
            description = "Stop after N optimiser steps in total (smoke runs; default 0: no limit).")
    Long maxSteps;

    @Option(names = "--save-every", paramLabel = "EPOCHS", converter = Ranges.AtLeastZero.class,
            description = "Keep a checkpoint every N epochs, 0 for none (default: the model config's SAVE_EVERY, else 5).")
    Integer saveEvery;

    @Option(names = "--checkpoint-every", paramLabel = "STEPS", converter = Ranges.AtLeastZero.class,
            description = "Write the resumable last.pth every N steps besides each epoch end, 0 for epoch ends only (default: "
                    + TrainingOptions.CHECKPOINT_EVERY_STEPS + ").")
    Integer checkpointEvery;

    @Option(names = "--resume", paramLabel = "CHECKPOINT", description = "Continue a run from its last.pth.")
    Path resume;

    @Option(names = "--eval-split", paramLabel = "F", converter = Ranges.Fraction.class,
            description = "Fraction held out for eval when there is no eval set (default: the model config's EVAL_SPLIT, else 0.01).")
    Double evalSplit;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    /**
     * The training and eval examples: the given eval set, or --eval-split (else the config's
     * EVAL_SPLIT) of the training set shuffled with the run's seed.
     */
    <T> List<List<T>> trainAndEval(List<T> train, List<T> evalOrNull, TrainingOptions options, TrainingConfig config) {
        if (evalOrNull != null) {
            return List.of(train, evalOrNull);
        }
        List<T> shuffled = new ArrayList<>(train);
        Collections.shuffle(shuffled, new Random(options.seed()));
        int held = (int) (shuffled.size() * (evalSplit != null ? evalSplit : config.evalSplit()));
        return List.of(new ArrayList<>(shuffled.subList(held, shuffled.size())), new ArrayList<>(shuffled.subList(0, held)));
    }

    /** The library's defaults for this kind of run, with each option the user gave in their place. */
    TrainingOptions options(TrainingOptions defaults) {
        TrainingOptions d = defaults;
        return new TrainingOptions(or(epochs, d.epochs()), or(batchSize, d.batchSize()), or(lr, d.learningRate()),
                or(warmupSteps, d.warmupSteps()), or(seed, d.seed()), or(maxSteps, d.maxSteps()), or(saveEvery, d.saveEvery()),
                or(checkpointEvery, d.checkpointEverySteps()), out);
    }

    private static <T> T or(T given, T fallback) {
        return given != null ? given : fallback;
    }
}
