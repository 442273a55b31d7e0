package org.clamp3.train;

import java.util.Map;

import ai.djl.ndarray.NDArray;

/** Gradient bookkeeping over a set of parameters. */
public final class Gradients {
    private Gradients() {}

    /** sqrt(Σ g²) over all parameters that have a gradient, accumulated in double. */
    public static double globalNorm(Map<String, NDArray> parameters) {
        double sum = 0;
        for (NDArray p : parameters.values()) {
            if (!p.hasGradient()) {
                continue;
            }
            try (NDArray g = p.getGradient()) {
                for (float v : g.toFloatArray()) {
                    sum += (double) v * v;
                }
            }
        }
        return Math.sqrt(sum);
    }

    /** Sets every gradient to zero (the next backward pass accumulates into them). */
    public static void zero(Map<String, NDArray> parameters) {
        try (NoGrad ignored = new NoGrad()) {
            zeroAll(parameters);
        }
    }

    private static void zeroAll(Map<String, NDArray> parameters) {
        for (NDArray p : parameters.values()) {
            if (p.hasGradient()) {
                try (NDArray g = p.getGradient()) {
                    g.subi(g);
                }
            }
        }
    }
}
