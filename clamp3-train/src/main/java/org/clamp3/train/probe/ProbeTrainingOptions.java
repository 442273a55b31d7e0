package org.clamp3.train.probe;

/**
 * Settings of linear-probe training; the defaults are the original train_cls.py's.
 *
 * @param epochs        number of epochs (original default 1000)
 * @param learningRate  AdamW learning rate (original default 1e-5)
 * @param warmupEpochs  epochs of linear learning-rate warm-up: 1 is the schedule the original
 *                      meant; it attaches it to an optimizer it then replaces, so it actually trains
 *                      at a constant rate, which 0 reproduces
 * @param balanced      resample each epoch to the size of the smallest class
 * @param seed          seeds initialisation and shuffling
 */
public record ProbeTrainingOptions(int epochs, double learningRate, int warmupEpochs, boolean balanced, long seed) {

    public static ProbeTrainingOptions defaults() {
        return new ProbeTrainingOptions(1000, 1e-5, 1, false, 42);
    }
}
