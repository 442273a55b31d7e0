package org.clamp3.train.probe;

/**
 * Settings of linear-probe training; the defaults are the original train_cls.py's.
 *
 * @param epochs        number of epochs (original default 1000)
 * @param learningRate  AdamW learning rate (original default 1e-5)
 * @param warmupEpochs  epochs of linear learning-rate warm-up. The original builds a one-epoch
 *                      warm-up schedule but then replaces the optimizer it was attached to, so it
 *                      actually trains at a constant rate: 0 reproduces that, 1 gives the
 *                      schedule it meant
 * @param balanced      resample each epoch to the size of the smallest class
 * @param seed          seeds initialisation and shuffling
 */
public record ProbeTrainingOptions(int epochs, double learningRate, int warmupEpochs, boolean balanced, long seed) {

    public static ProbeTrainingOptions defaults() {
        return new ProbeTrainingOptions(1000, 1e-5, 0, false, 42);
    }
}
