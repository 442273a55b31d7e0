package org.clamp3.cli.bench;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.extract.ExtractionListener;
import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.FeatureExtractor;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.Segmentation;
import org.clamp3.core.model.Window;

/**
 * Times {@code clamp3 extract --global} with a full-size random CLaMP 3 (768 hidden, 12 layers
 * per encoder) on a generated corpus (ABC and MTF of 20–1500 patches, texts of 4–400 words):
 * the default batched mode against --exact-original (batch 1, full padding) on the same files,
 * then the default mode on the whole corpus. Prints files/s and the achieved GFLOP/s (FLOPs of
 * the real, unpadded items) next to a plain libtorch matrix product measured in the same run.
 *
 * <p>Usage: {@code ExtractBenchmark REPO_ROOT [files-per-kind] [files-per-kind-for-the-comparison]}
 */
public final class ExtractBenchmark {
    private ExtractBenchmark() {}

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".");
        int perKind = args.length > 1 ? Integer.parseInt(args[1]) : 200;
        int compared = args.length > 2 ? Integer.parseInt(args[2]) : 12;
        Path tmp = Files.createTempDirectory("clamp3-extract-bench");
        try {
            System.out.printf(Locale.ROOT, "extract benchmark: %d cores, Java %s, libtorch threads: default%n",
                    Runtime.getRuntime().availableProcessors(), System.getProperty("java.version"));
            long t = System.nanoTime();
            Path modelDir = RandomClamp3Model.write(tmp.resolve("model"), root.resolve("config/clamp3-saas.json"),
                    root.resolve("src-test-data/model/xlmr-tiny"), 611);
            SyntheticCorpus.write(tmp.resolve("corpus"), perKind, 7);
            System.out.printf(Locale.ROOT, "generated a full-size random model and %d files in %.1f s%n", 3 * perKind, secs(t));

            t = System.nanoTime();
            try (Clamp3Model model = Clamp3Model.load(modelDir)) {
                System.out.printf(Locale.ROOT, "model loaded in %.1f s%n", secs(t));
                double peak = matmulGflops(model.manager());
                System.out.printf(Locale.ROOT, "plain libtorch matmul (3072x768 @ 768x512): %.1f GFLOP/s%n", peak);

                List<FileTask> all = MirroredTree.tasks(tmp.resolve("corpus"), tmp.resolve("unused"),
                        Set.of("abc", "mtf", "txt"), "npy");
                List<FileTask> subset = new ArrayList<>();
                for (String kind : new String[] {"abc/", "mtf/", "txt/"}) {
                    all.stream().filter(f -> f.relative().startsWith(kind)).limit(compared).forEach(subset::add);
                }
                double subsetFlops = flops(model, subset, false);
                System.out.printf(Locale.ROOT, "FLOPs of the compared files: %.0f GFLOP on real items, %.0f GFLOP padded as the original pads"
                        + " (so padding alone makes --exact-original do %.2fx the work)%n",
                        subsetFlops / 1e9, flops(model, subset, true) / 1e9, flops(model, subset, true) / subsetFlops);
                double exact = run(model, subset, tmp.resolve("out-exact"), true);
                double batched = run(model, subset, tmp.resolve("out-batched"), false);
                report("--exact-original", subset.size(), exact, subsetFlops, peak);
                report("default (batched)", subset.size(), batched, subsetFlops, peak);
                System.out.printf(Locale.ROOT, "speed-up on the same %d files: %.2fx%n", subset.size(), exact / batched);
                double full = run(model, all, tmp.resolve("out-all"), false);
                report("default, whole corpus", all.size(), full, flops(model, all, false), peak);
            }
        } finally {
            try (Stream<Path> walk = Files.walk(tmp)) {
                walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
    }

    private static double run(Clamp3Model model, List<FileTask> files, Path out, boolean exact) throws Exception {
        List<FileTask> tasks = new ArrayList<>();
        for (FileTask f : files) {
            tasks.add(new FileTask(f.input(), f.relative(), out.resolve(MirroredTree.replaceExtension(f.relative(), "npy"))));
        }
        ExtractionOptions d = ExtractionOptions.defaults(true);
        ExtractionOptions options = new ExtractionOptions(true, d.maxWindows(), d.maxItems(), exact, d.readers(), d.filesPerRound());
        long t = System.nanoTime();
        new FeatureExtractor(model, options).run(tasks, new ExtractionListener() {
            @Override
            public void written(FileTask task) {
            }

            @Override
            public void skipped(FileTask task) {
            }

            @Override
            public void failed(FileTask task, InvalidInputException error) {
                throw error;
            }
        });
        return secs(t);
    }

    /** Matmul FLOPs of the encoder over each window's real items, or over full-length windows when {@code padded}. */
    private static double flops(Clamp3Model model, List<FileTask> files, boolean padded) {
        double total = 0;
        for (FileTask f : files) {
            EncodedInput in = model.read(f.input());
            ModalityEncoder enc = model.encoder(in.modality());
            double h = enc.hiddenSize();
            for (Window w : Segmentation.windows(in, enc.windowLength())) {
                double p = padded ? enc.windowLength() : w.length();
                total += 12 * (24 * p * h * h + 4 * p * p * h);
            }
        }
        return total;
    }

    private static double matmulGflops(NDManager parent) {
        try (NDManager m = parent.newSubManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(3072, 768));
            NDArray b = m.randomUniform(-1, 1, new Shape(768, 512));
            a.matMul(b).close();
            int reps = 20;
            long t = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            return reps * 2.0 * 3072 * 768 * 512 / ((System.nanoTime() - t) / 1e9) / 1e9;
        }
    }

    private static void report(String what, int files, double seconds, double flops, double peak) {
        double gflops = flops / seconds / 1e9;
        System.out.printf(Locale.ROOT, "%-24s %5d files in %7.1f s  %6.2f files/s  %6.1f GFLOP/s (%2.0f%% of matmul)%n",
                what, files, seconds, files / seconds, gflops, 100 * gflops / peak);
    }

    private static double secs(long start) {
        return (System.nanoTime() - start) / 1e9;
    }
}
