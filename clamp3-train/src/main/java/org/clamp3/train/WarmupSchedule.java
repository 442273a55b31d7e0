package org.clamp3.train;

/**
 * HF's get_constant_schedule_with_warmup attached to the optimizer that steps: optimizer step k
 * (1-based) uses base·(k−1)/W for k ≤ W, then base. With W = 0 the rate is constant from the first
 * step, which is what the original scripts actually do (their scheduler drives an optimizer they
 * discard).
 */
public record WarmupSchedule(double baseLr, int warmupSteps) {

    public double lr(long step) {
        if (warmupSteps <= 0 || step - 1 >= warmupSteps) {
            return baseLr;
        }
        return baseLr * (step - 1) / warmupSteps;
    }
}
