package org.clamp3.core.model.kernel;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

/**
 * The {@link Layout#COLUMNS} layout: a batch of B windows of L tokens with C channels as one (C,
 * B·L) matrix, so that every linear layer is a single product over all tokens of the batch.
 */
public final class Columns {
    private Columns() {}

    /** (B, L, C) → (C, B·L). */
    public static NDArray fromRows(NDArray rows) {
        Shape s = rows.getShape();
        return rows.transpose(2, 0, 1).reshape(s.get(2), s.get(0) * s.get(1));
    }

    /** (C, B·L) → (B, L, C). */
    public static NDArray toRows(NDArray columns, long b, long l) {
        return columns.reshape(columns.getShape().get(0), b, l).transpose(1, 2, 0);
    }

    /** (heads·d, B·L) → (B, heads, d, L): the per-window, per-head view attention multiplies. */
    public static NDArray heads(NDArray columns, long b, long l, int heads, int d) {
        return columns.reshape(heads, d, b, l).transpose(2, 0, 1, 3);
    }

    /** (B, heads, d, L) → (heads·d, B·L). */
    public static NDArray fromHeads(NDArray perHead) {
        Shape s = perHead.getShape();
        return perHead.transpose(1, 2, 0, 3).reshape(s.get(1) * s.get(2), s.get(0) * s.get(3));
    }

    /** LayerNorm over the C channels of (C, N), at each token. */
    public static NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta, float eps) {
        return LayerNorm.layerNorm(x.transpose(), new Shape(gamma.getShape().get(0)), gamma, beta, eps)
                .singletonOrThrow().transpose();
    }
}
