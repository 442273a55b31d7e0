package org.clamp3.train;

import java.nio.file.Path;

import org.clamp3.core.model.config.TrainingConfig;

/**
 * How a training run goes. {@link #clamp3} and {@link #m3} give the original scripts' settings,
 * taken from a model config's {@link TrainingConfig}; a caller replaces what its user chose.
 *
 * @param epochs              epochs to train (the run ends earlier at maxSteps)
 * @param batchSize           examples per optimiser step; incomplete batches are dropped
 * @param learningRate        AdamW base learning rate
 * @param warmupSteps         linear warm-up steps (0: constant, what the original scripts do)
 * @param seed                seeds shuffling, data randomness and dropout, per epoch and per step,
 *                            so that a resumed run continues exactly like an uninterrupted one
 * @param maxSteps            stop after this many optimiser steps in total (0: no limit)
 * @param saveEvery           also keep a checkpoint every this many epochs (the original's SAVE_EVERY; 0: never)
 * @param checkpointEverySteps write the resumable latest checkpoint every this many steps (0: at epoch ends only)
 * @param outDir              where checkpoints and the log go
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, int warmupSteps, long seed,
                              long maxSteps, int saveEvery, int checkpointEverySteps, Path outDir) {

    /**
     * The warm-up the original scripts intend (get_constant_schedule_with_warmup, 1000 steps); they
     * attach it to an optimizer they then replace, so they actually train at a constant rate (0).
     */
    public static final int WARMUP_STEPS = 1000;
    /** The original seeds everything with 42 (plus the process rank). */
    public static final long SEED = 42;
    /** Not in the original, which saves at epoch ends only: how often the resumable checkpoint is written. */
    public static final int CHECKPOINT_EVERY_STEPS = 500;

    /** code/train_clamp3_*.py: CLAMP3_NUM_EPOCH, CLAMP3_BATCH_SIZE, CLAMP3_LEARNING_RATE, SAVE_EVERY. */
    public static TrainingOptions clamp3(TrainingConfig config, Path outDir) {
        return new TrainingOptions(config.clamp3NumEpoch(), config.clamp3BatchSize(), config.clamp3LearningRate(),
                WARMUP_STEPS, SEED, 0, config.saveEvery(), CHECKPOINT_EVERY_STEPS, outDir);
    }

    /** code/train_m3.py: M3_NUM_EPOCH, M3_BATCH_SIZE, M3_LEARNING_RATE (epoch checkpoints every SAVE_EVERY as for CLaMP 3). */
    public static TrainingOptions m3(TrainingConfig config, Path outDir) {
        return new TrainingOptions(config.m3NumEpoch(), config.m3BatchSize(), config.m3LearningRate(),
                WARMUP_STEPS, SEED, 0, config.saveEvery(), CHECKPOINT_EVERY_STEPS, outDir);
    }
}
