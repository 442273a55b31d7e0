package org.clamp3.core.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;

/**
 * One post-LayerNorm BERT layer, as HuggingFace BertLayer/XLMRobertaLayer compute it in eval mode
 * with eager attention: x = LN(x + Dense(Attn(x))), then x = LN(x + Dense2(GELU(Dense1(x)))).
 *
 * <p>Two layouts of the same computation: {@link #forward} on (B, L, H) with linear layers (for
 * training: every op has the reference's shape), and {@link #forwardChannelsFirst} on (B, H, L)
 * for inference, faster on CPU (see {@link ChannelsFirst}).
 */
final class TransformerLayer {
    private final EncoderConfig config;
    private final Dropout dropout;
    private final NDArray qW, qB, kW, kB, vW, vB, oW, oB, ln1G, ln1B, iW, iB, fW, fB, ln2G, ln2B;
    /** The linear weights as (out, in, 1) convolution kernels; views of the same storage. */
    private final NDArray qK, kK, vK, oK, iK, fK;

    TransformerLayer(EncoderConfig config, WeightBinder w, String prefix, Dropout dropout) {
        this.config = config;
        this.dropout = dropout;
        long h = config.hiddenSize();
        long inter = config.intermediateSize();
        String a = prefix + "attention.";
        qW = w.take(a + "self.query.weight", h, h);
        qB = w.take(a + "self.query.bias", h);
        kW = w.take(a + "self.key.weight", h, h);
        kB = w.take(a + "self.key.bias", h);
        vW = w.take(a + "self.value.weight", h, h);
        vB = w.take(a + "self.value.bias", h);
        oW = w.take(a + "output.dense.weight", h, h);
        oB = w.take(a + "output.dense.bias", h);
        ln1G = w.take(a + "output.LayerNorm.weight", h);
        ln1B = w.take(a + "output.LayerNorm.bias", h);
        iW = w.take(prefix + "intermediate.dense.weight", inter, h);
        iB = w.take(prefix + "intermediate.dense.bias", inter);
        fW = w.take(prefix + "output.dense.weight", h, inter);
        fB = w.take(prefix + "output.dense.bias", h);
        ln2G = w.take(prefix + "output.LayerNorm.weight", h);
        ln2B = w.take(prefix + "output.LayerNorm.bias", h);
        qK = ChannelsFirst.kernel(qW);
        kK = ChannelsFirst.kernel(kW);
        vK = ChannelsFirst.kernel(vW);
        oK = ChannelsFirst.kernel(oW);
        iK = ChannelsFirst.kernel(iW);
        fK = ChannelsFirst.kernel(fW);
    }

    /** Whether training differentiates this layer (then only {@link #forward} may be used). */
    boolean requiresGradient() {
        return qW.hasGradient();
    }

    /**
     * @param x        (B, L, H) hidden states
     * @param maskAdd  (B, 1, 1, L): 0 for real keys, float32 min for padding
     */
    NDArray forward(NDArray x, NDArray maskAdd) {
        long b = x.getShape().get(0);
        long l = x.getShape().get(1);
        int heads = config.numHeads();
        int d = config.headSize();
        NDArray q = heads(Linear.linear(x, qW, qB).singletonOrThrow(), b, l, heads, d);
        NDArray k = heads(Linear.linear(x, kW, kB).singletonOrThrow(), b, l, heads, d);
        NDArray v = heads(Linear.linear(x, vW, vB).singletonOrThrow(), b, l, heads, d);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Scalars.of(q, Math.sqrt(d))).add(maskAdd);
        NDArray context = dropout.apply(scores.softmax(-1)).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, (long) heads * d);
        NDArray attended = dropout.apply(Linear.linear(context, oW, oB).singletonOrThrow()).add(x);
        NDArray h1 = layerNorm(attended, ln1G, ln1B);
        NDArray inner = Activation.gelu(Linear.linear(h1, iW, iB).singletonOrThrow());
        NDArray out = dropout.apply(Linear.linear(inner, fW, fB).singletonOrThrow()).add(h1);
        return layerNorm(out, ln2G, ln2B);
    }

    /**
     * The same as {@link #forward} on channels-first hidden states, for inference (no dropout, no
     * gradients).
     *
     * @param x        (B, H, L) hidden states
     * @param maskAdd  (B, 1, 1, L): 0 for real keys, float32 min for padding
     * @return (B, H, L)
     */
    NDArray forwardChannelsFirst(NDArray x, NDArray maskAdd) {
        long b = x.getShape().get(0);
        long l = x.getShape().get(2);
        int heads = config.numHeads();
        int d = config.headSize();
        NDArray q = pointwise(x, qK, qB).reshape(b, heads, d, l);
        NDArray k = pointwise(x, kK, kB).reshape(b, heads, d, l);
        NDArray v = pointwise(x, vK, vB).reshape(b, heads, d, l);
        NDArray scores = q.transpose(0, 1, 3, 2).matMul(k).div(Scalars.of(q, Math.sqrt(d))).add(maskAdd);
        // context^T = V P^T: (B, heads, d, L), already the channels-first layout
        NDArray context = v.matMul(scores.softmax(-1).transpose(0, 1, 3, 2)).reshape(b, (long) heads * d, l);
        NDArray h1 = layerNormChannels(pointwise(context, oK, oB).add(x), ln1G, ln1B);
        NDArray inner = Activation.gelu(pointwise(h1, iK, iB));
        return layerNormChannels(pointwise(inner, fK, fB).add(h1), ln2G, ln2B);
    }

    private static NDArray pointwise(NDArray x, NDArray kernel, NDArray bias) {
        return ChannelsFirst.linear(x, kernel, bias);
    }

    private NDArray layerNormChannels(NDArray x, NDArray gamma, NDArray beta) {
        return ChannelsFirst.layerNorm(x, gamma, beta, (float) config.layerNormEps());
    }

    private static NDArray heads(NDArray x, long b, long l, int heads, int d) {
        return x.reshape(b, l, heads, d).transpose(0, 2, 1, 3);
    }

    NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), gamma, beta, (float) config.layerNormEps())
                .singletonOrThrow();
    }
}
