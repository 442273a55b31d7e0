package org.clamp3.train;

import java.util.Random;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/** What a {@link TrainingLoop} trains: examples by index, and the loss of a batch of them. */
public interface TrainingTask {

    int trainSize();

    int evalSize();

    /**
     * The loss of a batch of examples (indices into the train or eval set).
     *
     * @param random the randomness of this batch (text dropout, crops, masking); unused in eval
     * @return the scalar loss, or null if no example of the batch could be used
     */
    NDArray loss(NDManager scope, int[] examples, boolean train, Random random);
}
