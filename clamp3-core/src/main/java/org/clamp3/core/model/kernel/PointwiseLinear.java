package org.clamp3.core.model.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.convolutional.Conv1d;

/**
 * One linear layer's weights, applied to (in, N) token columns as the active {@link KernelPlan}
 * says for its {@link ProductShape} and N: a matrix product {@code W X + b} or a 1×1
 * convolution. Both views share the weight's storage. For inference only (no gradients).
 */
public final class PointwiseLinear {
    private static final Shape ONE = new Shape(1);
    private static final Shape NONE = new Shape(0);

    private final ProductShape shape;
    private final NDArray weight;
    private final NDArray kernel;
    private final NDArray bias;
    private final NDArray biasColumn;

    /** @param weight (out, in), as the state dict holds it; @param bias (out) */
    public PointwiseLinear(ProductShape shape, NDArray weight, NDArray bias) {
        this.shape = shape;
        this.weight = weight;
        this.bias = bias;
        // null when the weight binder found the tensor missing or mis-shaped: it reports that when
        // loading finishes, so nothing here may fail first
        this.kernel = weight == null ? null : weight.reshape(weight.getShape().get(0), weight.getShape().get(1), 1);
        this.biasColumn = bias == null ? null : bias.reshape(bias.getShape().get(0), 1);
    }

    public ProductShape shape() {
        return shape;
    }

    /** {@code W x + b} for each of the N columns of (in, N): (out, N). */
    public NDArray apply(NDArray x) {
        return apply(x, KernelPlan.active().kernel(shape, (int) x.getShape().get(1)));
    }

    /** The same with a given kernel (the probe and tests compare them). */
    public NDArray apply(NDArray x, Kernel k) {
        if (k == Kernel.CONV) {
            return Conv1d.conv1d(x.expandDims(0), kernel, bias, ONE, NONE, ONE, 1).singletonOrThrow().squeeze(0);
        }
        NDArray y = weight.matMul(x);
        y.attach(x.getManager()); // a result belongs to its receiver's manager: here the model's, which lives for the run
        return biasColumn == null ? y : y.addi(biasColumn);
    }
}
