package org.clamp3.core.model.nn;

import java.util.ArrayList;
import java.util.List;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.norm.LayerNorm;

import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.DecoderConfig;

/**
 * The M3 token decoder: GPT-2 (pre-LayerNorm, tanh-approximated GELU, causal attention, LM head
 * tied to the token embedding) as HuggingFace GPT2LMHeadModel computes it, returning the
 * language-modelling loss. GPT-2's Conv1D layers store weights as [in, out]: y = x·W + b.
 */
public final class Gpt2Decoder {
    private static final double GELU_C = Math.sqrt(2 / Math.PI);

    private final DecoderConfig config;
    private final Dropout dropout;
    private final NDArray wte;
    private final NDArray wpe;
    private final List<NDArray[]> layers = new ArrayList<>();
    private final NDArray lnFG;
    private final NDArray lnFB;

    public Gpt2Decoder(DecoderConfig config, WeightBinder w, String prefix, Dropout dropout) {
        this.config = config;
        this.dropout = dropout;
        long h = config.hiddenSize();
        String t = prefix + "transformer.";
        wte = w.take(t + "wte.weight", config.vocabSize(), h);
        wpe = w.take(t + "wpe.weight", config.positions(), h);
        w.expect(prefix + "lm_head.weight", config.vocabSize(), h); // tied to wte
        for (int i = 0; i < config.numLayers(); i++) {
            String l = t + "h." + i + ".";
            layers.add(new NDArray[] {
                w.take(l + "ln_1.weight", h), w.take(l + "ln_1.bias", h),
                w.take(l + "attn.c_attn.weight", h, 3 * h), w.take(l + "attn.c_attn.bias", 3 * h),
                w.take(l + "attn.c_proj.weight", h, h), w.take(l + "attn.c_proj.bias", h),
                w.take(l + "ln_2.weight", h), w.take(l + "ln_2.bias", h),
                w.take(l + "mlp.c_fc.weight", h, config.innerSize()), w.take(l + "mlp.c_fc.bias", config.innerSize()),
                w.take(l + "mlp.c_proj.weight", config.innerSize(), h), w.take(l + "mlp.c_proj.bias", h),
            });
        }
        lnFG = w.take(t + "ln_f.weight", h);
        lnFB = w.take(t + "ln_f.bias", h);
    }

    public NDArray tokenEmbeddings(NDArray ids) {
        return BertEncoder.gather(wte, ids);
    }

    /**
     * Mean cross-entropy of next-token prediction.
     *
     * @param embeds  (N, P, H) input embeddings
     * @param targets (N, P) token ids; 0 is padding (masked in attention, ignored in the loss)
     */
    public NDArray loss(NDArray embeds, long[] targets) {
        NDManager m = embeds.getManager();
        long n = embeds.getShape().get(0);
        int p = (int) embeds.getShape().get(1);
        NDArray positions = m.arange(0, p, 1, DataType.INT64);
        NDArray x = dropout.apply(embeds.add(BertEncoder.gather(wpe, positions)));
        float[] keep = new float[targets.length];
        for (int i = 0; i < targets.length; i++) {
            keep[i] = targets[i] != 0 ? 1f : 0f;
        }
        NDArray paddingAdd = m.create(keep, new Shape(n, 1, 1, p)).neg().add(1).mul(-Float.MAX_VALUE);
        float[] lower = new float[p * p];
        float[] future = new float[p * p];
        for (int i = 0; i < p; i++) {
            for (int j = 0; j < p; j++) {
                lower[i * p + j] = j <= i ? 1f : 0f;
                future[i * p + j] = j <= i ? 0f : -Float.MAX_VALUE;
            }
        }
        NDArray causal = m.create(lower, new Shape(1, 1, p, p));
        NDArray floor = m.create(future, new Shape(1, 1, p, p));
        for (NDArray[] layer : layers) {
            x = x.add(attention(layerNorm(x, layer[0], layer[1]), layer, causal, floor, paddingAdd, n, p));
            x = x.add(mlp(layerNorm(x, layer[6], layer[7]), layer));
        }
        x = layerNorm(x, lnFG, lnFB);
        NDArray tableT = wte.transpose();
        tableT.attach(m); // a view of the weights, owned by this pass so it is freed with it
        NDArray logits = x.matMul(tableT);
        // logits[:, :-1] predict targets[:, 1:]
        NDArray logProbs = logits.get(":, :-1, :").logSoftmax(-1);
        long[] next = new long[(int) n * (p - 1)];
        float[] valid = new float[next.length];
        int count = 0;
        for (int r = 0; r < n; r++) {
            for (int i = 1; i < p; i++) {
                long t = targets[r * p + i];
                next[r * (p - 1) + i - 1] = t;
                valid[r * (p - 1) + i - 1] = t != 0 ? 1f : 0f;
                count += t != 0 ? 1 : 0;
            }
        }
        NDArray picked = logProbs.gather(m.create(next, new Shape(n, p - 1, 1)), 2).reshape(n, p - 1);
        return picked.mul(m.create(valid, new Shape(n, p - 1))).sum().div(Scalars.of(picked, Math.max(1, count))).neg();
    }

    private NDArray attention(NDArray x, NDArray[] l, NDArray causal, NDArray floor, NDArray paddingAdd, long n, int p) {
        int heads = config.numHeads();
        int d = config.headSize();
        long h = config.hiddenSize();
        NDArray qkv = x.matMul(l[2]).add(l[3]);
        NDArray q = qkv.get(":, :, 0:" + h).reshape(n, p, heads, d).transpose(0, 2, 1, 3);
        NDArray k = qkv.get(":, :, " + h + ":" + 2 * h).reshape(n, p, heads, d).transpose(0, 2, 1, 3);
        NDArray v = qkv.get(":, :, " + 2 * h + ":").reshape(n, p, heads, d).transpose(0, 2, 1, 3);
        NDArray scores = q.matMul(k.transpose(0, 1, 3, 2)).div(Scalars.of(q, Math.sqrt(d)));
        // future positions are replaced by the float minimum (scores·1 + 0, or scores·0 + min), then
        // padded keys get it added
        scores = scores.mul(causal).add(floor).add(paddingAdd);
        NDArray context = dropout.apply(scores.softmax(-1)).matMul(v).transpose(0, 2, 1, 3).reshape(n, p, h);
        return dropout.apply(context.matMul(l[4]).add(l[5]));
    }

    private NDArray mlp(NDArray x, NDArray[] l) {
        NDArray a = x.matMul(l[8]).add(l[9]);
        NDArray cube = a.mul(a).mul(a);
        NDArray gelu = cube.mul(Scalars.of(a, 0.044715)).add(a).mul(Scalars.of(a, GELU_C)).tanh().add(Scalars.of(a, 1)).mul(a)
                .mul(Scalars.of(a, 0.5));
        return dropout.apply(gelu.matMul(l[10]).add(l[11]));
    }

    private NDArray layerNorm(NDArray x, NDArray gamma, NDArray beta) {
        return LayerNorm.layerNorm(x, new Shape(config.hiddenSize()), gamma, beta, (float) config.layerNormEps())
                .singletonOrThrow();
    }
}
