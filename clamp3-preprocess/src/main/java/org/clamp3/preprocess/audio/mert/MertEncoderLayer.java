package org.clamp3.preprocess.audio.mert;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.kernel.Columns;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.core.model.kernel.LayerProducts;

/**
 * One post-LN HuBERT encoder layer in eval mode: {@code x = LN(x + Attn(x))}, then
 * {@code x = finalLN(x + W2 GELU(W1 x + b1) + b2)}. Queries are scaled by head_dim^-0.5 before
 * the product with the keys, as HuBERT does. No attention mask: MERT windows are never padded.
 * Runs in the layout the {@link KernelPlan} chooses for the pass's token count: rows (B, T, H)
 * with libtorch linear, or token columns (H, B·T) with each product as the plan says; both
 * compute the same function to float rounding.
 */
final class MertEncoderLayer {
    private final int heads;
    private final int headSize;
    private final float scaling;
    private final float eps;
    private final NDArray qW, qB, kW, kB, vW, vB, oW, oB, lnG, lnB, iW, iB, fW, fB, flnG, flnB;
    private final LayerProducts products;

    MertEncoderLayer(MertConfig c, WeightBinder w, String prefix) {
        long h = c.hiddenSize();
        heads = c.numHeads();
        headSize = c.hiddenSize() / heads;
        scaling = (float) Math.pow(headSize, -0.5);
        eps = (float) c.layerNormEps();
        String a = prefix + "attention.";
        qW = w.take(a + "q_proj.weight", h, h);
        qB = w.take(a + "q_proj.bias", h);
        kW = w.take(a + "k_proj.weight", h, h);
        kB = w.take(a + "k_proj.bias", h);
        vW = w.take(a + "v_proj.weight", h, h);
        vB = w.take(a + "v_proj.bias", h);
        oW = w.take(a + "out_proj.weight", h, h);
        oB = w.take(a + "out_proj.bias", h);
        lnG = w.take(prefix + "layer_norm.weight", h);
        lnB = w.take(prefix + "layer_norm.bias", h);
        String ff = prefix + "feed_forward.";
        iW = w.take(ff + "intermediate_dense.weight", c.intermediateSize(), h);
        iB = w.take(ff + "intermediate_dense.bias", c.intermediateSize());
        fW = w.take(ff + "output_dense.weight", h, c.intermediateSize());
        fB = w.take(ff + "output_dense.bias", h);
        flnG = w.take(prefix + "final_layer_norm.weight", h);
        flnB = w.take(prefix + "final_layer_norm.bias", h);
        products = LayerProducts.of(qW, qB, kW, kB, vW, vB, oW, oB, iW, iB, fW, fB);
    }

    /** @param x (H, B·T) token columns; returns the layer's output, (H, B·T) */
    NDArray forwardColumns(NDArray x, long b, long t) {
        NDArray qh = Columns.heads(products.q().apply(x).muli(scaling), b, t, heads, headSize);
        NDArray kh = Columns.heads(products.k().apply(x), b, t, heads, headSize);
        NDArray vh = Columns.heads(products.v().apply(x), b, t, heads, headSize);
        NDArray probs = qh.transpose(0, 1, 3, 2).matMul(kh).softmax(-1);
        // context^T = V P^T: (B, heads, d, T), per head already channels first
        NDArray context = Columns.fromHeads(vh.matMul(probs.transpose(0, 1, 3, 2)));
        NDArray h1 = Columns.layerNorm(products.o().apply(context).addi(x), lnG, lnB, eps);
        NDArray inner = Activation.gelu(products.up().apply(h1));
        return Columns.layerNorm(products.down().apply(inner).addi(h1), flnG, flnB, eps);
    }

    /** @param x (B, T, H) rows; returns the layer's output, (B, T, H) */
    NDArray forwardRows(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray qh = rowHeads(Linear.linear(x, qW, qB).singletonOrThrow().muli(scaling), b, t);
        NDArray kh = rowHeads(Linear.linear(x, kW, kB).singletonOrThrow(), b, t);
        NDArray vh = rowHeads(Linear.linear(x, vW, vB).singletonOrThrow(), b, t);
        NDArray probs = qh.matMul(kh.transpose(0, 1, 3, 2)).softmax(-1);
        NDArray context = probs.matMul(vh).transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headSize);
        NDArray h1 = layerNormRows(Linear.linear(context, oW, oB).singletonOrThrow().addi(x), lnG, lnB);
        NDArray inner = Activation.gelu(Linear.linear(h1, iW, iB).singletonOrThrow());
        return layerNormRows(Linear.linear(inner, fW, fB).singletonOrThrow().addi(h1), flnG, flnB);
    }

    private NDArray rowHeads(NDArray x, long b, long t) {
        return x.reshape(b, t, heads, headSize).transpose(0, 2, 1, 3);
    }

    private NDArray layerNormRows(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(gamma.getShape().get(0)), gamma, beta, eps).singletonOrThrow();
    }
}
