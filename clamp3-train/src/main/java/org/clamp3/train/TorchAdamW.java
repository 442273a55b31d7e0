package org.clamp3.train;

import java.util.HashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;

/**
 * torch.optim.AdamW as the original training uses it (betas 0.9/0.999, eps 1e-8, weight decay
 * 0.01): per parameter with a gradient, p ← p·fp32(1 − lr·wd); m ← β1·m + (1−β1)·g;
 * v ← β2·v + (1−β2)·g²; p ← p − lr/(1−β1ᵗ) · m / (√v/√(1−β2ᵗ) + eps). Parameters without a
 * gradient are skipped entirely (no decay, no state), like torch.
 */
public final class TorchAdamW {
    public static final double BETA1 = 0.9;
    public static final double BETA2 = 0.999;
    public static final double EPS = 1e-8;
    public static final double WEIGHT_DECAY = 0.01;

    private final NDManager manager;
    private final Map<String, NDArray[]> moments = new HashMap<>(); // name -> {exp_avg, exp_avg_sq}
    private final Map<String, Integer> steps = new HashMap<>();

    public TorchAdamW(NDManager manager) {
        this.manager = manager;
    }

    /** One step over the parameters that have gradients. */
    public void step(Map<String, NDArray> parameters, double lr) {
        try (NoGrad ignored = new NoGrad()) {
            update(parameters, lr);
        }
    }

    private void update(Map<String, NDArray> parameters, double lr) {
        float decay = (float) (1 - lr * WEIGHT_DECAY); // torch applies the factor as a float32 scalar
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray p = e.getValue();
            if (!p.hasGradient()) {
                continue;
            }
            try (NDArray g = p.getGradient()) {
                NDArray[] mv = moments.computeIfAbsent(e.getKey(), k -> new NDArray[] {
                    manager.zeros(p.getShape()), manager.zeros(p.getShape())});
                int t = steps.merge(e.getKey(), 1, Integer::sum);
                p.muli(decay);
                mv[0].muli((float) BETA1).addi(g.mul((float) (1 - BETA1)));
                mv[1].muli((float) BETA2).addi(g.mul(g).muli((float) (1 - BETA2)));
                double stepSize = lr / (1 - Math.pow(BETA1, t));
                double bc2Sqrt = Math.sqrt(1 - Math.pow(BETA2, t));
                try (NDArray denom = mv[1].sqrt().divi(bc2Sqrt).addi(EPS);
                     NDArray update = mv[0].div(denom).muli(stepSize)) {
                    p.subi(update);
                }
            }
        }
    }

    /** Adam's first and second moments of a parameter, or null before its first step. */
    public NDArray[] moments(String name) {
        return moments.get(name);
    }

    /** The steps a parameter has taken. */
    public int stepCount(String name) {
        return steps.getOrDefault(name, 0);
    }

    /** Restores state saved from {@link #moments}/{@link #stepCount}, for --resume. */
    public void restore(String name, NDArray expAvg, NDArray expAvgSq, int step) {
        moments.put(name, new NDArray[] {expAvg, expAvgSq});
        steps.put(name, step);
    }

    public Map<String, Integer> stepCounts() {
        return steps;
    }
}
