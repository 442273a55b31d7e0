package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.stream.IntStream;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.Npy;
import org.clamp3.core.retrieval.KeyPairing;
import org.clamp3.core.retrieval.QueryRank;
import org.clamp3.core.retrieval.RetrievalEval;

/**
 * Times {@code clamp3 eval} on a generated corpus (default 10k queries × 10k references of
 * 768-d, written as .npy files) against the original's per-query algorithm on the same data.
 * The per-query baseline is timed on a sample of queries and extrapolated, since running all of
 * it takes minutes; both give the same ranks on that sample.
 *
 * <p>Usage: {@code EvalBenchmark [queries] [references] [dimension] [baseline-sample]}
 */
public final class EvalBenchmark {
    private EvalBenchmark() {}

    public static void main(String[] args) throws Exception {
        int nq = args.length > 0 ? Integer.parseInt(args[0]) : 10_000;
        int nr = args.length > 1 ? Integer.parseInt(args[1]) : 10_000;
        int d = args.length > 2 ? Integer.parseInt(args[2]) : 768;
        int sample = args.length > 3 ? Integer.parseInt(args[3]) : 300;
        if (nq > nr) {
            throw new IllegalArgumentException("need at least as many references as queries (one per query)");
        }
        Path dir = Files.createTempDirectory("clamp3-eval-bench");
        try {
            // starts libtorch (once per process), so that the timings below do not include it
            Machine.printHeader(String.format(Locale.ROOT, "eval benchmark: %d queries x %d references, %d-d", nq, nr, d));
            long t0 = System.nanoTime();
            generate(dir, nq, nr, d);
            System.out.printf(Locale.ROOT, "generated %d .npy files in %.1f s%n", nq + nr, Bench.secs(t0));

            long tLoad = System.nanoTime();
            FeatureSet queries = FeatureSet.load(dir.resolve("queries").toString(), e -> { throw e; });
            FeatureSet refs = FeatureSet.load(dir.resolve("refs").toString(), e -> { throw e; });
            KeyPairing pairing = new KeyPairing(queries, refs);
            double load = Bench.secs(tLoad);

            long tEval = System.nanoTime();
            RetrievalEval eval = RetrievalEval.of(pairing);
            double ours = Bench.secs(tEval);

            long tBase = System.nanoTime();
            int[] baseline = PerQueryEval.ranks(pairing, sample);
            double baseSample = Bench.secs(tBase);
            double baseFull = baseSample * eval.queries() / baseline.length;

            Map<String, Integer> oursByQuery = new HashMap<>();
            for (QueryRank r : eval.ranks()) {
                oursByQuery.put(r.query(), r.rank());
            }
            int agree = 0;
            for (int i = 0; i < baseline.length; i++) {
                String q = queries.file(i).shown();
                agree += oursByQuery.get(q) == baseline[i] ? 1 : 0;
            }

            System.out.printf(Locale.ROOT, "loading %d feature files:          %8.2f s%n", nq + nr, load);
            System.out.printf(Locale.ROOT, "clamp3 eval (one matrix product):    %8.2f s  %10.0f queries/s%n", ours, eval.queries() / ours);
            System.out.printf(Locale.ROOT, "original per-query algorithm:        %8.2f s  %10.0f queries/s  (%d queries timed in %.2f s, extrapolated)%n",
                    baseFull, baseline.length / baseSample, baseline.length, baseSample);
            System.out.printf(Locale.ROOT, "speed-up: %.1fx   ranks agree on the sample: %d/%d   MRR %.4f Hit@1 %.4f Hit@10 %.4f Hit@100 %.4f%n",
                    baseFull / ours, agree, baseline.length, eval.mrr(), eval.hitAt1(), eval.hitAt10(), eval.hitAt100());
        } finally {
            Bench.deleteTree(dir);
        }
    }

    /** References are random unit-ish vectors; query i is reference i plus noise, so metrics are not trivial. */
    private static void generate(Path dir, int nq, int nr, int d) throws IOException {
        Files.createDirectories(dir.resolve("queries"));
        Files.createDirectories(dir.resolve("refs"));
        IntStream.range(0, nr).parallel().forEach(i -> {
            Random rnd = new Random(i);
            float[] ref = new float[d];
            float[] q = new float[d];
            for (int k = 0; k < d; k++) {
                ref[k] = (float) rnd.nextGaussian();
                q[k] = ref[k] + (float) (rnd.nextGaussian() * 12);
            }
            try {
                String name = String.format("item%06d.npy", i);
                Npy.writeFloat32(dir.resolve("refs").resolve(name), ref, 1, d);
                if (i < nq) {
                    Npy.writeFloat32(dir.resolve("queries").resolve(name), q, 1, d);
                }
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
        });
    }
}
