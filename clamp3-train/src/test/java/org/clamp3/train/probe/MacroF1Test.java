package org.clamp3.train.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class MacroF1Test {

    @Test
    void matchesSklearn() {
        // per class F1: 0 -> 2/4, 1 -> 4/5, 2 -> 0 (never predicted), 3 -> 0 (never true); mean over the 4 = 0.325
        assertEquals(0.325, MacroF1.of(new int[] {0, 0, 1, 1, 2, 2}, new int[] {0, 1, 1, 1, 0, 3}), 1e-12);
        assertEquals(1.0, MacroF1.of(new int[] {2, 1}, new int[] {2, 1}), 0);
        assertEquals(0.0, MacroF1.of(new int[] {0}, new int[] {1}), 0);
    }
}
