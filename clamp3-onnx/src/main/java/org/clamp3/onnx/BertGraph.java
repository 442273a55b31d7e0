package org.clamp3.onnx;

import java.util.Arrays;
import java.util.Locale;

import org.clamp3.core.model.EncoderWeights;
import org.clamp3.core.model.config.EncoderConfig;
import org.clamp3.core.weights.FloatTensor;

/**
 * The ONNX graph of one CLaMP 3 branch from its input embeddings on, computing what BertEncoder and
 * ModalityEncoder compute in eval mode: position and token-type embeddings, the embedding
 * LayerNorm, post-LayerNorm layers with eager attention under HF's additive mask, then the masked
 * mean and the projection.
 *
 * <p>Inputs: {@value #EMBEDS} (B, L, H) float, {@value #POSITIONS} (B, L) int64, {@value #MASK}
 * (B, L) float (1 for items, 0 for padding). Outputs: {@value #HIDDEN} (B, L, H), and
 * {@value #GLOBAL} (B, D) when the branch has a projection.
 */
final class BertGraph {
    static final String EMBEDS = "embeds";
    static final String POSITIONS = "positions";
    static final String MASK = "mask";
    static final String HIDDEN = "hidden";
    static final String GLOBAL = "global";

    private final OnnxGraph g;
    private final EncoderWeights w;
    private final EncoderConfig c;
    private final Precision precision;

    private BertGraph(EncoderWeights weights, Precision precision) {
        this.g = new OnnxGraph("clamp3_" + weights.modality().name().toLowerCase(Locale.ROOT));
        this.w = weights;
        this.c = weights.config();
        this.precision = precision;
    }

    static OnnxGraph build(EncoderWeights weights, Precision precision) {
        BertGraph b = new BertGraph(weights, precision);
        b.build();
        return b.g;
    }

    private void build() {
        long h = c.hiddenSize();
        String embeds = g.input(EMBEDS, OnnxGraph.FLOAT, "batch", "length", h);
        String positions = g.input(POSITIONS, OnnxGraph.INT64, "batch", "length");
        String mask = g.input(MASK, OnnxGraph.FLOAT, "batch", "length");

        String posTable = weight("embeddings.position_embeddings.weight");
        FloatTensor types = w.get("embeddings.token_type_embeddings.weight");
        float[] type0 = Arrays.copyOf(types.data(), (int) h); // token type is always 0
        String x = g.op("Add", new String[] {embeds, g.op("Gather", new String[] {posTable, positions}, OnnxGraph.Attr.i("axis", 0))});
        x = g.op("Add", new String[] {x, g.floats("embeddings.token_type0", type0, h)});
        x = layerNorm(x, "embeddings.LayerNorm.");

        // HF's extended mask: (1 - mask) * finfo(float32).min, as (B, 1, 1, L)
        String inverted = g.op("Sub", new String[] {g.scalar("one", 1f), mask});
        String maskAdd = g.op("Mul", new String[] {inverted, g.scalar("float_min", -Float.MAX_VALUE)});
        maskAdd = g.op("Unsqueeze", new String[] {maskAdd, g.longs("axes_1_2", 1, 2)});

        String headShape = g.longs("head_shape", 0, 0, c.numHeads(), c.headSize());
        String mergedShape = g.longs("merged_shape", 0, 0, h);
        String scale = g.scalar("sqrt_head_size", (float) Math.sqrt(c.headSize()));
        for (int i = 0; i < c.numLayers(); i++) {
            x = layer("encoder.layer." + i + ".", x, maskAdd, headShape, mergedShape, scale);
        }
        g.nodeTo("", "Identity", new String[] {x}, HIDDEN);
        g.output(HIDDEN, OnnxGraph.FLOAT, "batch", "length", h);

        if (w.tensors().containsKey(EncoderWeights.PROJ_WEIGHT)) {
            String axis1 = g.longs("axes_1", 1);
            String m3 = g.op("Unsqueeze", new String[] {mask, g.longs("axes_2", 2)});
            String summed = g.op("ReduceSum", new String[] {g.op("Mul", new String[] {x, m3}), axis1}, OnnxGraph.Attr.i("keepdims", 0));
            String count = g.op("ReduceSum", new String[] {mask, axis1}, OnnxGraph.Attr.i("keepdims", 1));
            String pooled = g.op("Div", new String[] {summed, count});
            // the projection runs once per window on pooled rows: not worth quantizing
            String projected = linearFp32(pooled, "proj.");
            g.nodeTo("", "Identity", new String[] {projected}, GLOBAL);
            g.output(GLOBAL, OnnxGraph.FLOAT, "batch", w.get(EncoderWeights.PROJ_WEIGHT).shape()[0]);
        }
    }

    private String layer(String p, String x, String maskAdd, String headShape, String mergedShape, String scale) {
        String a = p + "attention.";
        // Q, K and V as one product: x is read (and, at int8, quantized) once
        String[] qkv = split(linear(g, x, a + "self.qkv.", stacked(a + "self.query.weight", a + "self.key.weight", a + "self.value.weight"),
                g.floats(a + "self.qkv.bias", concat(a + "self.query.bias", a + "self.key.bias", a + "self.value.bias"), 3L * c.hiddenSize()),
                precision), 3);
        String q = heads(qkv[0], headShape, 0, 2, 1, 3);
        String kT = heads(qkv[1], headShape, 0, 2, 3, 1);
        String v = heads(qkv[2], headShape, 0, 2, 1, 3);
        String scores = g.op("Div", new String[] {g.op("MatMul", new String[] {q, kT}), scale});
        scores = g.op("Add", new String[] {scores, maskAdd});
        String probs = g.op("Softmax", new String[] {scores}, OnnxGraph.Attr.i("axis", -1));
        String context = g.op("Transpose", new String[] {g.op("MatMul", new String[] {probs, v})}, OnnxGraph.Attr.ints("perm", 0, 2, 1, 3));
        context = g.op("Reshape", new String[] {context, mergedShape});
        String h1 = layerNorm(g.op("Add", new String[] {linear(context, a + "output.dense."), x}), a + "output.LayerNorm.");
        // HF's "gelu" is the exact, erf-based one
        String inner = g.node(OnnxGraph.MICROSOFT, "Gelu", new String[] {linear(h1, p + "intermediate.dense.")});
        String out = g.op("Add", new String[] {linear(inner, p + "output.dense."), h1});
        return layerNorm(out, p + "output.LayerNorm.");
    }

    /** The (out, in) weights at {@code keys} stacked along out. */
    private FloatTensor stacked(String... keys) {
        long in = w.get(keys[0]).shape()[1];
        float[] all = concat(keys);
        return new FloatTensor(all, all.length / in, in);
    }

    private float[] concat(String... keys) {
        int n = 0;
        for (String k : keys) {
            n += w.get(k).data().length;
        }
        float[] out = new float[n];
        int at = 0;
        for (String k : keys) {
            float[] d = w.get(k).data();
            System.arraycopy(d, 0, out, at, d.length);
            at += d.length;
        }
        return out;
    }

    /** {@code parts} equal slices of the last axis. */
    private String[] split(String x, int parts) {
        String[] outs = new String[parts];
        for (int i = 0; i < parts; i++) {
            outs[i] = x + "_part" + i;
        }
        g.nodeTo("", "Split", new String[] {x}, outs, OnnxGraph.Attr.i("axis", -1));
        return outs;
    }

    private String heads(String x, String headShape, long... perm) {
        return g.op("Transpose", new String[] {g.op("Reshape", new String[] {x, headShape})}, OnnxGraph.Attr.ints("perm", perm));
    }

    private String layerNorm(String x, String prefix) {
        return g.op("LayerNormalization", new String[] {x, weight(prefix + "weight"), weight(prefix + "bias")},
                OnnxGraph.Attr.i("axis", -1), OnnxGraph.Attr.f("epsilon", (float) c.layerNormEps()));
    }

    /** x·Wᵀ + b of the Linear at {@code prefix}, in the graph's precision. */
    private String linear(String x, String prefix) {
        return linear(g, x, prefix, w.get(prefix + "weight"), weight(prefix + "bias"), precision);
    }

    private String linearFp32(String x, String prefix) {
        return linear(g, x, prefix, w.get(prefix + "weight"), weight(prefix + "bias"), Precision.FP32);
    }

    /**
     * A Linear layer: MatMul with Wᵀ then Add at fp32; at int8, DynamicQuantizeMatMul (activations
     * quantized to uint8 per call, per-column int8 weights, bias added in float).
     *
     * @param weight (out, in), as torch stores it
     * @param bias   the name of the (out) bias initializer
     */
    static String linear(OnnxGraph g, String x, String name, FloatTensor weight, String bias, Precision precision) {
        int out = (int) weight.shape()[0];
        int in = (int) weight.shape()[1];
        if (precision == Precision.FP32) {
            String wt = g.floats(name + "weight_t", transpose(weight.data(), out, in), in, out);
            return g.op("Add", new String[] {g.op("MatMul", new String[] {x, wt}), bias});
        }
        Int8Weights q = Int8Weights.quantize(weight.data(), out, in, Int8Weights.levelsForThisCpu());
        String b = g.int8s(name + "weight_int8", q.transposed(), in, out);
        String scales = g.floats(name + "weight_scale", q.scales(), out);
        String zeros = g.int8s(name + "weight_zero", new byte[out], out);
        return g.node(OnnxGraph.MICROSOFT, "DynamicQuantizeMatMul", new String[] {x, b, scales, zeros, bias});
    }

    private String weight(String key) {
        FloatTensor t = w.get(key);
        return g.floats(key, t.data(), t.shape());
    }

    /** (rows, cols) row-major to (cols, rows): MatMul takes B as (in, out). */
    static float[] transpose(float[] a, int rows, int cols) {
        float[] t = new float[a.length];
        for (int r = 0; r < rows; r++) {
            for (int col = 0; col < cols; col++) {
                t[col * rows + r] = a[r * cols + col];
            }
        }
        return t;
    }
}
