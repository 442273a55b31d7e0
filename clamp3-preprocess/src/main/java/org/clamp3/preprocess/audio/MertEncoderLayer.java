package org.clamp3.preprocess.audio;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.WeightBinder;

/**
 * One post-LN HuBERT encoder layer in eval mode: {@code x = LN(x + Attn(x))}, then
 * {@code x = finalLN(x + W2 GELU(W1 x + b1) + b2)}. Queries are scaled by head_dim^-0.5 before
 * the product with the keys, as HuBERT does. No attention mask: MERT windows are never padded.
 */
final class MertEncoderLayer {
    private final int heads;
    private final int headSize;
    private final float scaling;
    private final Shape hidden;
    private final float eps;
    private final NDArray qW, qB, kW, kB, vW, vB, oW, oB, lnG, lnB, iW, iB, fW, fB, flnG, flnB;

    MertEncoderLayer(MertConfig c, WeightBinder w, String prefix) {
        long h = c.hiddenSize();
        heads = c.numHeads();
        headSize = c.hiddenSize() / heads;
        scaling = (float) Math.pow(headSize, -0.5);
        hidden = new Shape(h);
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
    }

    /** @param x (B, T, H) hidden states; returns the layer's output, (B, T, H) */
    NDArray forward(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(1);
        NDArray q = split(Linear.linear(x, qW, qB).singletonOrThrow().muli(scaling), b, t);
        NDArray k = split(Linear.linear(x, kW, kB).singletonOrThrow(), b, t);
        NDArray v = split(Linear.linear(x, vW, vB).singletonOrThrow(), b, t);
        NDArray context = q.matMul(k.transpose(0, 1, 3, 2)).softmax(-1).matMul(v)
                .transpose(0, 2, 1, 3).reshape(b, t, (long) heads * headSize);
        NDArray attended = Linear.linear(context, oW, oB).singletonOrThrow().addi(x);
        NDArray h1 = LayerNorm.layerNorm(attended, hidden, lnG, lnB, eps).singletonOrThrow();
        NDArray inner = Activation.gelu(Linear.linear(h1, iW, iB).singletonOrThrow());
        NDArray out = Linear.linear(inner, fW, fB).singletonOrThrow().addi(h1);
        return LayerNorm.layerNorm(out, hidden, flnG, flnB, eps).singletonOrThrow();
    }

    private NDArray split(NDArray x, long b, long t) {
        return x.reshape(b, t, heads, headSize).transpose(0, 2, 1, 3);
    }
}
