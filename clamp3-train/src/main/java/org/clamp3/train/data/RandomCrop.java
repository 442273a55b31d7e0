package org.clamp3.train.data;

import java.util.Random;

/**
 * The original's random_truncate for sequences longer than the model takes: head, tail or
 * middle (start uniform in [1, n − max]) with equal chance in training, always head in eval.
 */
public final class RandomCrop {
    private RandomCrop() {}

    /** The start of the kept {@code max} items of {@code n}. */
    public static int start(int n, int max, Random random, boolean train) {
        if (n <= max) {
            return 0;
        }
        int choice = random.nextInt(3);
        if (!train || choice == 0) {
            return 0;
        }
        if (choice == 1) {
            return n - max;
        }
        return 1 + random.nextInt(n - max); // randint(1, n - max)
    }
}
