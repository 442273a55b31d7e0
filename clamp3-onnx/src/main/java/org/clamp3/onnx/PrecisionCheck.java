package org.clamp3.onnx;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.features.FeatureFile;
import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.retrieval.KeyPairing;
import org.clamp3.core.retrieval.RetrievalEval;

/**
 * How far int8 on ONNX Runtime moves a model's global features from the fp32 reference (libtorch),
 * on the caller's inputs: the cosine per input, min and mean per modality, and, as a check of the
 * graph itself, ONNX Runtime fp32's largest difference from libtorch; and on a paired set, the
 * retrieval metrics at both precisions.
 */
public final class PrecisionCheck {
    private PrecisionCheck() {}

    /** One modality's figures; {@code fp32MaxAbsDiff} should be about 1e-5 (the graph is right). */
    public record Row(Modality modality, int inputs, double minCosine, double meanCosine, double fp32MaxAbsDiff) {}

    /** @param threads ONNX Runtime's intra-op threads, 0 for its default */
    public static List<Row> run(FeatureModel model, List<? extends EncodedInput> inputs, int threads) {
        ExtractionOptions options = ExtractionOptions.defaults(true);
        List<RoundInference.Result> reference = new RoundInference(model, options).run(inputs);
        List<RoundInference.Result> fp32;
        List<RoundInference.Result> int8;
        try (OnnxModel ort = new OnnxModel(model, Precision.FP32, threads)) {
            fp32 = ort.roundInference(options).run(inputs);
        }
        try (OnnxModel ort = new OnnxModel(model, Precision.INT8, threads)) {
            int8 = ort.roundInference(options).run(inputs);
        }
        Map<Modality, double[]> acc = new EnumMap<>(Modality.class); // count, min, sum, max abs diff
        for (int i = 0; i < inputs.size(); i++) {
            for (RoundInference.Result r : List.of(reference.get(i), fp32.get(i), int8.get(i))) {
                if (r.failure() != null) {
                    throw r.failure();
                }
            }
            float[] a = reference.get(i).features();
            double[] s = acc.computeIfAbsent(inputs.get(i).modality(), m -> new double[] {0, 1, 0, 0});
            double c = cosine(a, int8.get(i).features());
            s[0]++;
            s[1] = Math.min(s[1], c);
            s[2] += c;
            float[] b = fp32.get(i).features();
            for (int k = 0; k < a.length; k++) {
                s[3] = Math.max(s[3], Math.abs(a[k] - b[k]));
            }
        }
        List<Row> rows = new ArrayList<>();
        acc.forEach((m, s) -> rows.add(new Row(m, (int) s[0], s[1], s[2] / s[0], s[3])));
        return rows;
    }

    /** MRR and Hit@1/10/100 of a paired set, as {@code eval} computes them, at fp32 (libtorch) and int8. */
    public record Retrieval(int queries, double[] fp32, double[] int8) {}

    /**
     * Queries and references paired by file name (as {@code eval} pairs feature files), embedded at
     * fp32 on libtorch and at int8 on ONNX Runtime, and evaluated with each.
     */
    public static Retrieval retrieval(FeatureModel model, List<FeatureFile> queryFiles, List<? extends EncodedInput> queries,
                                      List<FeatureFile> referenceFiles, List<? extends EncodedInput> references, int threads) {
        ExtractionOptions options = ExtractionOptions.defaults(true);
        double[][] metrics = new double[2][];
        int count = 0;
        for (int p = 0; p < 2; p++) {
            try (OnnxModel ort = p == 0 ? null : new OnnxModel(model, Precision.INT8, threads)) {
                RoundInference inference = ort == null ? new RoundInference(model, options) : ort.roundInference(options);
                KeyPairing pairing = new KeyPairing(FeatureSet.of(queryFiles, vectors(inference, queries)),
                        FeatureSet.of(referenceFiles, vectors(inference, references)));
                RetrievalEval eval = RetrievalEval.of(pairing);
                metrics[p] = new double[] {eval.mrr(), eval.hitAt1(), eval.hitAt10(), eval.hitAt100()};
                count = eval.queries();
            }
        }
        return new Retrieval(count, metrics[0], metrics[1]);
    }

    private static float[][] vectors(RoundInference inference, List<? extends EncodedInput> inputs) {
        List<RoundInference.Result> results = inference.run(inputs);
        float[][] out = new float[results.size()][];
        for (int i = 0; i < out.length; i++) {
            if (results.get(i).failure() != null) {
                throw results.get(i).failure();
            }
            out[i] = results.get(i).features();
        }
        return out;
    }

    static double cosine(float[] a, float[] b) {
        double dot = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            dot += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return dot / Math.sqrt(na * nb);
    }
}
