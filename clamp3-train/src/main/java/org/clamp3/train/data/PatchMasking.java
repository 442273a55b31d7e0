package org.clamp3.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;

/**
 * M3's masked patch modelling input (the original's mask_patches): ceil(ratio · n) patches are
 * selected; in training, with probabilities 0.8 / 0.1 / 0.1 all selected patches are replaced
 * by mask patches (code 3), have their characters between the start code and the end code
 * shuffled, or are kept; in eval they are kept.
 */
public final class PatchMasking {
    public static final int MASK = 3;
    public static final int EOS = 2;

    /** The encoder's input patches and which patches the decoder must reconstruct. */
    public record Masked(int[][] input, boolean[] selected) {}

    private PatchMasking() {}

    public static Masked apply(int[][] target, double ratio, Random random, boolean train) {
        int n = target.length;
        List<Integer> order = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            order.add(i);
        }
        Collections.shuffle(order, random);
        int count = (int) Math.ceil(ratio * n);
        boolean[] selected = new boolean[n];
        for (int i = 0; i < count; i++) {
            selected[order.get(i)] = true;
        }
        int[][] input = new int[n][];
        for (int i = 0; i < n; i++) {
            input[i] = target[i].clone();
        }
        if (train) {
            double r = random.nextDouble();
            for (int i = 0; i < n; i++) {
                if (!selected[i]) {
                    continue;
                }
                if (r < 0.8) {
                    java.util.Arrays.fill(input[i], MASK);
                } else if (r < 0.9) {
                    shuffleInside(input[i], random);
                }
            }
        }
        return new Masked(input, selected);
    }

    /** Shuffles the characters after the start code and before the end code (or the patch end). */
    private static void shuffleInside(int[] patch, Random random) {
        int eos = patch.length;
        for (int i = 0; i < patch.length; i++) {
            if (patch[i] == EOS) {
                eos = i;
                break;
            }
        }
        List<Integer> middle = new ArrayList<>();
        for (int i = 1; i < eos; i++) {
            middle.add(patch[i]);
        }
        Collections.shuffle(middle, random);
        for (int i = 1; i < eos; i++) {
            patch[i] = middle.get(i - 1);
        }
    }
}
