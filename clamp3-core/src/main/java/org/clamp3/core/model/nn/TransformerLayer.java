package org.clamp3.core.model.nn;

import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.Activation;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;
import org.clamp3.core.model.kernel.Columns;
import org.clamp3.core.model.kernel.KernelPlan;
import org.clamp3.core.model.kernel.LayerProducts;

/**
 * One post-LayerNorm BERT layer, as HuggingFace BertLayer/XLMRobertaLayer compute it in eval mode
 * with eager attention: x = LN(x + Dense(Attn(x))), then x = LN(x + Dense2(GELU(Dense1(x)))).
 *
 * <p>Two layouts of the same computation: {@link #forward} on (B, L, H) with linear layers (for
 * training, where every op has the reference's shape, and for inference where the
 * {@link KernelPlan} chooses rows), and {@link #forwardColumns} on (H, B·L) token columns, whose
 * products run as the plan says per shape (see {@link org.clamp3.core.model.kernel.Layout}).
 */
final class TransformerLayer {
    private final EncoderConfig config;
    private final Dropout dropout;
    private final NDArray qW, qB, kW, kB, vW, vB, oW, oB, ln1G, ln1B, iW, iB, fW, fB, ln2G, ln2B;
    /** The linear layers for the columns layout; views of the same storage. */
    private final LayerProducts products;

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
        products = LayerProducts.of(qW, qB, kW, kB, vW, vB, oW, oB, iW, iB, fW, fB);
    }

    void exportTo(String prefix, Map<String, NDArray> out) {
        String a = prefix + "attention.";
        out.put(a + "self.query.weight", qW);
        out.put(a + "self.query.bias", qB);
        out.put(a + "self.key.weight", kW);
        out.put(a + "self.key.bias", kB);
        out.put(a + "self.value.weight", vW);
        out.put(a + "self.value.bias", vB);
        out.put(a + "output.dense.weight", oW);
        out.put(a + "output.dense.bias", oB);
        out.put(a + "output.LayerNorm.weight", ln1G);
        out.put(a + "output.LayerNorm.bias", ln1B);
        out.put(prefix + "intermediate.dense.weight", iW);
        out.put(prefix + "intermediate.dense.bias", iB);
        out.put(prefix + "output.dense.weight", fW);
        out.put(prefix + "output.dense.bias", fB);
        out.put(prefix + "output.LayerNorm.weight", ln2G);
        out.put(prefix + "output.LayerNorm.bias", ln2B);
    }

    /** Whether training differentiates this layer (then only {@link #forward} may be used). */
    boolean requiresGradient() {
        return qW.hasGradient();
    }

    /**
     * @param x        (B, L, H) hidden states
     * @param maskAdd  (B, 1, 1, L): 0 for real keys, float32 min for padding; null when nothing is padded
     */
    NDArray forward(NDArray x, NDArray maskAdd) {
        long b = x.getShape().get(0);
        long l = x.getShape().get(1);
        int heads = config.numHeads();
        int d = config.headSize();
        NDArray q = heads(Linear.linear(x, qW, qB).singletonOrThrow(), b, l, heads, d);
        NDArray k = heads(Linear.linear(x, kW, kB).singletonOrThrow(), b, l, heads, d);
        NDArray v = heads(Linear.linear(x, vW, vB).singletonOrThrow(), b, l, heads, d);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Scalars.of(q, Math.sqrt(d)));
        if (maskAdd != null) {
            scores = scores.add(maskAdd);
        }
        NDArray context = dropout.apply(scores.softmax(-1)).matMul(v).transpose(0, 2, 1, 3).reshape(b, l, (long) heads * d);
        NDArray attended = dropout.apply(Linear.linear(context, oW, oB).singletonOrThrow()).add(x);
        NDArray h1 = layerNorm(attended, ln1G, ln1B);
        NDArray inner = Activation.gelu(Linear.linear(h1, iW, iB).singletonOrThrow());
        NDArray out = dropout.apply(Linear.linear(inner, fW, fB).singletonOrThrow()).add(h1);
        return layerNorm(out, ln2G, ln2B);
    }

    /**
     * The same as {@link #forward} on token columns, for inference (no dropout, no gradients).
     *
     * @param x        (H, B·L) hidden states of B windows of L positions
     * @param maskAdd  (B, 1, 1, L): 0 for real keys, float32 min for padding; null when nothing is padded
     * @return (H, B·L)
     */
    NDArray forwardColumns(NDArray x, NDArray maskAdd, long b, long l) {
        int heads = config.numHeads();
        int d = config.headSize();
        // the 1/sqrt(d) goes on the queries (H x N) rather than on the scores (B x heads x L x L):
        // the same numbers (exactly so for d = 64, where it is a power of two), one pass over far fewer
        NDArray qh = Columns.heads(products.q().apply(x).muli((float) (1 / Math.sqrt(d))), b, l, heads, d);
        NDArray kh = Columns.heads(products.k().apply(x), b, l, heads, d);
        NDArray vh = Columns.heads(products.v().apply(x), b, l, heads, d);
        NDArray scores = qh.transpose(0, 1, 3, 2).matMul(kh);
        if (maskAdd != null) {
            scores = scores.addi(maskAdd);
        }
        // context^T = V P^T: (B, heads, d, L), per head already channels first
        NDArray context = Columns.fromHeads(vh.matMul(scores.softmax(-1).transpose(0, 1, 3, 2)));
        NDArray h1 = layerNormColumns(products.o().apply(context).add(x), ln1G, ln1B);
        NDArray inner = Activation.gelu(products.up().apply(h1));
        return layerNormColumns(products.down().apply(inner).add(h1), ln2G, ln2B);
    }

    private NDArray layerNormColumns(NDArray x, NDArray gamma, NDArray beta) {
        return Columns.layerNorm(x, gamma, beta, (float) config.layerNormEps());
    }

    private static NDArray heads(NDArray x, long b, long l, int heads, int d) {
        return x.reshape(b, l, heads, d).transpose(0, 2, 1, 3);
    }

    NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), gamma, beta, (float) config.layerNormEps())
                .singletonOrThrow();
    }
}
