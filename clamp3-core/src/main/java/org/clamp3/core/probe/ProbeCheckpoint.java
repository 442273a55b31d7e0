package org.clamp3.core.probe;

/**
 * A trained linear probe with the bookkeeping the original checkpoints carry.
 *
 * @param epoch       the epoch the weights come from
 * @param maxEvalAcc  the eval accuracy that made them the best so far
 */
public record ProbeCheckpoint(LinearProbe probe, int epoch, double maxEvalAcc) {}
