package org.clamp3.train.probe;

/** What one epoch achieved; {@code best} is true when it beat every earlier eval accuracy. */
public record EpochResult(int epoch, double trainLoss, double trainAccuracy, double evalAccuracy,
                          double evalMacroF1, boolean best) {}
