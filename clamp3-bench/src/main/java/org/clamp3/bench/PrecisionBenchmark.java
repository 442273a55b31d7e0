package org.clamp3.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.EncoderWeights;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.WindowedInference;
import org.clamp3.onnx.OnnxEncoder;
import org.clamp3.onnx.Precision;

/**
 * fp32 on libtorch (the default path) against ONNX Runtime at fp32 and int8, on full windows of a
 * full-size random CLaMP 3 (512 patches, 128 tokens, 128 audio frames), straight through each
 * encoder to global vectors: seconds per window, the speed-up over libtorch, and the cosine of the
 * int8 vectors to libtorch's (random weights have no outlier channels; trained ones may do worse:
 * check a real model with {@code clamp3 models check-precision}).
 *
 * <p>Usage: {@code PrecisionBenchmark REPO_ROOT [WINDOWS_PER_MODALITY]}
 */
public final class PrecisionBenchmark {
    private PrecisionBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int count = args.length > 1 ? Integer.parseInt(args[1]) : 8;
        Path tmp = Files.createTempDirectory("clamp3-precision-bench");
        try {
            double peak = Machine.printHeader("precision benchmark: libtorch fp32 vs ONNX Runtime fp32 / int8 ("
                    + Precision.int8Weights() + "), threads: default");
            Path modelDir = RandomClamp3Model.write(tmp.resolve("model"), root.resolve("config/clamp3-saas.json"),
                    root.resolve("src-test-data/model/xlmr-tiny"), 611);
            try (Clamp3Model model = Clamp3Model.load(modelDir)) {
                java.util.Random rnd = new java.util.Random(3);
                for (Modality modality : new Modality[] {Modality.SYMBOLIC, Modality.TEXT, Modality.AUDIO}) {
                    ModalityEncoder enc = model.encoder(modality);
                    int length = enc.windowLength();
                    List<EncodedInput> inputs = new ArrayList<>();
                    for (int i = 0; i < count; i++) {
                        inputs.add(ExtractBenchmark.fullWindow(model, modality, length, rnd));
                    }
                    double flops = count * 12 * (24.0 * length * enc.hiddenSize() * enc.hiddenSize()
                            + 4.0 * length * length * enc.hiddenSize());
                    ExtractionOptions d = ExtractionOptions.defaults(true);
                    WindowedInference libtorch = new WindowedInference(enc, model.manager(), d.maxWindows(), d.maxItems());
                    List<float[]> reference = libtorch.run(inputs, true); // warm-up, and the vectors compared with
                    double base = best(() -> libtorch.run(inputs, true));
                    report(modality, count, length, "libtorch fp32", base, base, flops, peak, null, null);
                    EncoderWeights weights = enc.exportWeights();
                    for (Precision p : Precision.values()) {
                        try (OnnxEncoder ort = new OnnxEncoder(weights, p, 0)) {
                            List<float[]> got = ort.run(inputs, true, d.maxWindows(), d.maxItems());
                            double secs = best(() -> ort.run(inputs, true, d.maxWindows(), d.maxItems()));
                            report(modality, count, length, "onnxruntime " + p.label(), secs, base, flops, peak, reference, got);
                        }
                    }
                }
            }
        } finally {
            Bench.deleteTree(tmp);
        }
    }

    /** The best of two timed runs (after the untimed first), in seconds. */
    private static double best(Runnable run) {
        double best = Double.MAX_VALUE;
        for (int i = 0; i < 2; i++) {
            long t = System.nanoTime();
            run.run();
            best = Math.min(best, Bench.secs(t));
        }
        return best;
    }

    private static void report(Modality m, int count, int length, String what, double secs, double base, double flops, double peak,
                               List<float[]> reference, List<float[]> got) {
        String cos = "";
        if (reference != null) {
            double min = 1;
            double sum = 0;
            for (int i = 0; i < reference.size(); i++) {
                double c = cosine(reference.get(i), got.get(i));
                min = Math.min(min, c);
                sum += c;
            }
            cos = String.format(Locale.ROOT, "  cosine to libtorch min %.5f mean %.5f", min, sum / reference.size());
        }
        double g = flops / secs / 1e9;
        System.out.printf(Locale.ROOT, "  %-8s %d windows of %3d, %-16s %6.3f s per window  %5.2fx  %6.1f GFLOP/s-equivalent (%3.0f%% of sgemm)%s%n",
                m.name().toLowerCase(Locale.ROOT), count, length, what + ":", secs / count, base / secs, g, 100 * g / peak, cos);
    }

    private static double cosine(float[] a, float[] b) {
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
