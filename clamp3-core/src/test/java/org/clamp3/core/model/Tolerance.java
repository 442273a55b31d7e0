package org.clamp3.core.model;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The fixture MANIFEST's comparison: max |difference| and the cosine of every row. */
public record Tolerance(double maxAbsDiff, double minRowCosine) {

    public void check(String what, float[] expected, float[] actual, int width) {
        assertEquals(expected.length, actual.length, what + ": length");
        double worst = 0;
        double worstCos = 1;
        for (int r = 0; r < expected.length / width; r++) {
            double dot = 0;
            double ne = 0;
            double na = 0;
            for (int i = r * width; i < (r + 1) * width; i++) {
                worst = Math.max(worst, Math.abs(expected[i] - actual[i]));
                dot += (double) expected[i] * actual[i];
                ne += (double) expected[i] * expected[i];
                na += (double) actual[i] * actual[i];
            }
            worstCos = Math.min(worstCos, dot / Math.sqrt(ne * na));
        }
        assertTrue(worst <= maxAbsDiff, what + ": max abs diff " + worst + " > " + maxAbsDiff);
        assertTrue(worstCos >= minRowCosine, what + ": row cosine " + worstCos + " < " + minRowCosine);
    }
}
