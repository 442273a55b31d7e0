package org.clamp3.train;

import java.nio.file.Path;

/**
 * How a training run goes.
 *
 * @param epochs              epochs to train (the run ends earlier at maxSteps)
 * @param batchSize           examples per optimiser step; incomplete batches are dropped
 * @param learningRate        AdamW base learning rate
 * @param warmupSteps         linear warm-up steps (0: constant, what the original scripts do)
 * @param seed                seeds shuffling, data randomness and dropout, per epoch and per step,
 *                            so that a resumed run continues exactly like an uninterrupted one
 * @param maxSteps            stop after this many optimiser steps in total (0: no limit)
 * @param saveEvery           also keep a checkpoint every this many epochs (the original's SAVE_EVERY)
 * @param checkpointEverySteps write the resumable latest checkpoint every this many steps (0: at epoch ends only)
 * @param outDir              where checkpoints and the log go
 */
public record TrainingOptions(int epochs, int batchSize, double learningRate, int warmupSteps, long seed,
                              long maxSteps, int saveEvery, int checkpointEverySteps, Path outDir) {}
