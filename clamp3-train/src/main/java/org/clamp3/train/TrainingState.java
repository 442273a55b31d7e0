package org.clamp3.train;

/**
 * Where a run is: optimiser steps done, the epoch they belong to, and the best eval loss so far
 * (with its epoch), as checkpoints record it.
 */
public record TrainingState(long globalStep, int epoch, int bestEpoch, double minEvalLoss) {

    public static TrainingState start() {
        return new TrainingState(0, 0, 0, Double.POSITIVE_INFINITY);
    }
}
