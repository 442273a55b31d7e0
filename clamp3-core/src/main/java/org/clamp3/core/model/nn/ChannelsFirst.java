package org.clamp3.core.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;
import ai.djl.nn.norm.LayerNorm;

/**
 * Transformer building blocks on channels-first activations (B, C, L), for inference. A linear
 * layer becomes a 1x1 convolution, which libtorch runs through oneDNN: on the CPUs measured
 * (AMD EPYC, AVX2) that is 1.3-1.7x faster per transformer layer than the sgemm libtorch uses for
 * linear layers, and agrees with it to about 1e-6. LayerNorm still normalises over the channels.
 */
public final class ChannelsFirst {
    private static final Shape ONE = new Shape(1);
    private static final Shape NONE = new Shape(0);

    private ChannelsFirst() {}

    /**
     * A linear layer's (out, in) weight as an (out, in, 1) kernel: a view of the same storage, in
     * the weight's manager (so make it once, at load). Null stays null (a weight not bound).
     */
    public static NDArray kernel(NDArray weight) {
        return weight == null ? null : weight.reshape(weight.getShape().get(0), weight.getShape().get(1), 1);
    }

    /** {@code W x + b} for every position of (B, in, L): (B, out, L). */
    public static NDArray linear(NDArray x, NDArray kernel, NDArray bias) {
        return Conv1d.conv1d(x, kernel, bias, ONE, NONE, ONE, 1).singletonOrThrow();
    }

    /** LayerNorm over the C channels of (B, C, L), at each position. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        NDArray rows = x.transpose(0, 2, 1);
        return LayerNorm.layerNorm(rows, new Shape(gamma.getShape().get(0)), gamma, beta, eps).singletonOrThrow()
                .transpose(0, 2, 1);
    }
}
