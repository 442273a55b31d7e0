package org.clamp3.core.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Dropout for training, shared by all layers of a model: off (the identity) for inference and
 * for the reproducibility checks, on with rate p while training, as HF's modules do in train mode.
 */
public final class Dropout {
    private volatile boolean training;
    private final float rate;

    public Dropout(float rate) {
        this.rate = rate;
    }

    public void setTraining(boolean training) {
        this.training = training;
    }

    public boolean isTraining() {
        return training;
    }

    NDArray apply(NDArray x) {
        if (!training || rate <= 0) {
            return x;
        }
        return ai.djl.nn.norm.Dropout.dropout(x, rate, true).singletonOrThrow();
    }
}
