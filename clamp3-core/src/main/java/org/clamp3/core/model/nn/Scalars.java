package org.clamp3.core.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * Scalar operands for graphs that training differentiates. DJL's {@code x.div(2.0)} wraps the
 * number in a temporary tensor and frees it right after the op, but autograd keeps that tensor
 * to compute the backward pass, which then reads freed memory (NaN gradients that come and go
 * with the garbage collector). A scalar made here lives in the same manager as {@code like}, so
 * until the pass ends.
 */
final class Scalars {
    private Scalars() {}

    static NDArray of(NDArray like, double value) {
        return like.getManager().create((float) value);
    }
}
