package org.clamp3.core.model.kernel;

import ai.djl.ndarray.NDArray;

/**
 * The six linear products of one BERT-style layer, ready for the columns layout: query, key,
 * value and attention output ({@link ProductShape#ATTENTION}), then the feed-forward's up and
 * down products. Weights are (out, in) as state dicts hold them, biases (out).
 */
public record LayerProducts(PointwiseLinear q, PointwiseLinear k, PointwiseLinear v, PointwiseLinear o,
                            PointwiseLinear up, PointwiseLinear down) {

    public static LayerProducts of(NDArray qW, NDArray qB, NDArray kW, NDArray kB, NDArray vW, NDArray vB,
                                   NDArray oW, NDArray oB, NDArray upW, NDArray upB, NDArray downW, NDArray downB) {
        return new LayerProducts(new PointwiseLinear(ProductShape.ATTENTION, qW, qB),
                new PointwiseLinear(ProductShape.ATTENTION, kW, kB), new PointwiseLinear(ProductShape.ATTENTION, vW, vB),
                new PointwiseLinear(ProductShape.ATTENTION, oW, oB), new PointwiseLinear(ProductShape.FFN_UP, upW, upB),
                new PointwiseLinear(ProductShape.FFN_DOWN, downW, downB));
    }
}
