package org.clamp3.preprocess.audio.mert;

import ai.djl.ndarray.NDArray;
import ai.djl.nn.Activation;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.nn.ChannelsFirst;

/**
 * One post-LN HuBERT encoder layer in eval mode: {@code x = LN(x + Attn(x))}, then
 * {@code x = finalLN(x + W2 GELU(W1 x + b1) + b2)}. Queries are scaled by head_dim^-0.5 before
 * the product with the keys, as HuBERT does. No attention mask: MERT windows are never padded.
 * Runs on channels-first hidden states (B, H, T), linear layers as 1x1 convolutions (see
 * {@link ChannelsFirst}: faster on CPU, same results to about 1e-6).
 */
final class MertEncoderLayer {
    private final int heads;
    private final int headSize;
    private final float scaling;
    private final float eps;
    /** Linear weights as (out, in, 1) kernels; biases and LayerNorm affines as they are. */
    private final NDArray qW, qB, kW, kB, vW, vB, oW, oB, lnG, lnB, iW, iB, fW, fB, flnG, flnB;

    MertEncoderLayer(MertConfig c, WeightBinder w, String prefix) {
        long h = c.hiddenSize();
        heads = c.numHeads();
        headSize = c.hiddenSize() / heads;
        scaling = (float) Math.pow(headSize, -0.5);
        eps = (float) c.layerNormEps();
        String a = prefix + "attention.";
        qW = ChannelsFirst.kernel(w.take(a + "q_proj.weight", h, h));
        qB = w.take(a + "q_proj.bias", h);
        kW = ChannelsFirst.kernel(w.take(a + "k_proj.weight", h, h));
        kB = w.take(a + "k_proj.bias", h);
        vW = ChannelsFirst.kernel(w.take(a + "v_proj.weight", h, h));
        vB = w.take(a + "v_proj.bias", h);
        oW = ChannelsFirst.kernel(w.take(a + "out_proj.weight", h, h));
        oB = w.take(a + "out_proj.bias", h);
        lnG = w.take(prefix + "layer_norm.weight", h);
        lnB = w.take(prefix + "layer_norm.bias", h);
        String ff = prefix + "feed_forward.";
        iW = ChannelsFirst.kernel(w.take(ff + "intermediate_dense.weight", c.intermediateSize(), h));
        iB = w.take(ff + "intermediate_dense.bias", c.intermediateSize());
        fW = ChannelsFirst.kernel(w.take(ff + "output_dense.weight", h, c.intermediateSize()));
        fB = w.take(ff + "output_dense.bias", h);
        flnG = w.take(prefix + "final_layer_norm.weight", h);
        flnB = w.take(prefix + "final_layer_norm.bias", h);
    }

    /** @param x (B, H, T) hidden states; returns the layer's output, (B, H, T) */
    NDArray forward(NDArray x) {
        long b = x.getShape().get(0);
        long t = x.getShape().get(2);
        NDArray q = ChannelsFirst.linear(x, qW, qB).muli(scaling).reshape(b, heads, headSize, t);
        NDArray k = ChannelsFirst.linear(x, kW, kB).reshape(b, heads, headSize, t);
        NDArray v = ChannelsFirst.linear(x, vW, vB).reshape(b, heads, headSize, t);
        NDArray probs = q.transpose(0, 1, 3, 2).matMul(k).softmax(-1);
        // context^T = V P^T: (B, heads, d, T), already channels first
        NDArray context = v.matMul(probs.transpose(0, 1, 3, 2)).reshape(b, (long) heads * headSize, t);
        NDArray attended = ChannelsFirst.linear(context, oW, oB).addi(x);
        NDArray h1 = ChannelsFirst.layerNorm(attended, lnG, lnB, eps);
        NDArray inner = Activation.gelu(ChannelsFirst.linear(h1, iW, iB));
        NDArray out = ChannelsFirst.linear(inner, fW, fB).addi(h1);
        return ChannelsFirst.layerNorm(out, flnG, flnB, eps);
    }
}
