package org.clamp3.train.probe;

/**
 * torch.optim.AdamW with its defaults (betas 0.9/0.999, eps 1e-8, weight decay 0.01) over one
 * flat float32 parameter array: decoupled weight decay, then the bias-corrected Adam step.
 */
final class AdamW {
    static final double BETA1 = 0.9;
    static final double BETA2 = 0.999;
    static final double EPS = 1e-8;
    static final double WEIGHT_DECAY = 0.01;

    private final float[] m;
    private final float[] v;
    private int step;

    AdamW(int size) {
        m = new float[size];
        v = new float[size];
    }

    /** One update of {@code params} (modified in place) with gradient {@code grad} at rate lr. */
    void step(float[] params, float[] grad, double lr) {
        step++;
        double bc1 = 1 - Math.pow(BETA1, step);
        double bc2 = 1 - Math.pow(BETA2, step);
        double stepSize = lr / bc1;
        double bc2Sqrt = Math.sqrt(bc2);
        float decay = (float) (1 - lr * WEIGHT_DECAY);
        for (int i = 0; i < params.length; i++) {
            float g = grad[i];
            params[i] *= decay;
            m[i] = (float) (BETA1 * m[i] + (1 - BETA1) * g);
            v[i] = (float) (BETA2 * v[i] + (1 - BETA2) * g * g);
            double denom = Math.sqrt(v[i]) / bc2Sqrt + EPS;
            params[i] = (float) (params[i] - stepSize * m[i] / denom);
        }
    }
}
