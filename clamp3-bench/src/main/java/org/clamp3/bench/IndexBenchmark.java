package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.IntStream;

import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexHit;
import org.clamp3.index.IndexInfo;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexSettings.Quantization;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchRequest;

/**
 * Speed and recall of the search index (clamp3-index: Lucene HNSW, M 16, ef-construction 100) on
 * generated data: N clustered unit vectors of 768-d (1000 Gaussian cluster centres on the unit
 * sphere; a point is a centre plus Gaussian noise, normalized) and Q held-out queries from the same
 * distribution, all from fixed seeds. The exact top-10 of every query is computed in memory first.
 * Then, for float32 and for int8 vectors: the build rate (one thread feeding, as {@code clamp3 index
 * build} does; HNSW merges on two threads; force-merged to one segment and committed), the index's
 * disk and vector bytes, and a sweep of ef for approximate search: recall@10 against the exact
 * top-10, p50/p99 latency on one thread and queries/s on two (each the better of two rounds, so
 * that a busy moment of a shared machine hurts less). The float32 index also times its exact scan (every vector scored, as
 * {@code clamp3 search --exact} does) for the first queries. Ends with the targets of the issue,
 * met or not. The index is built under java.io.tmpdir and deleted.
 *
 * <p>Usage: {@code IndexBenchmark [vectors=200000] [queries=1000]}
 */
public final class IndexBenchmark {
    private static final int K = 10;
    private static final int[] EFS = {10, 16, 24, 32, 48, 64, 100, 160};
    /** Threads of the HNSW merges and of the throughput test. */
    private static final int THREADS = 2;
    /** Queries timed through the exact scan (it scores every vector: seconds per query at a million). */
    private static final int EXACT_SAMPLE = 100;

    private static final double RECALL_TARGET = 0.95;
    private static final double P50_TARGET_MS = 5;
    private static final double INT8_RECALL_GAP = 0.02;
    private static final double INT8_VECTOR_SHARE = 0.35;

    private IndexBenchmark() {}

    /** One ef of the sweep. */
    private record Point(int ef, double recall, double p50, double p99, double qps) {}

    /** One index: how long it took to build, what it takes on disk, how it searches. */
    private record Result(Quantization quantization, IndexInfo info, List<Point> sweep) {
        long bytes(String kind) {
            return info.vectorBytes().getOrDefault(kind, 0L);
        }

        Point first(double recall) {
            return sweep.stream().filter(p -> p.recall() >= recall).findFirst().orElse(null);
        }

        Point at(int ef) {
            return sweep.stream().filter(p -> p.ef() == ef).findFirst().orElseThrow();
        }
    }

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 200_000;
        int nq = args.length > 1 ? Integer.parseInt(args[1]) : 1_000;
        Machine.printHeader(String.format(Locale.ROOT, "index benchmark: %d vectors of %d-d, %d queries, top %d", n, GeneratedIndex.DIM, nq, K));

        long t = System.nanoTime();
        float[][] all = GeneratedIndex.clustered(n + nq);
        float[][] vectors = Arrays.copyOfRange(all, 0, n);
        float[][] queries = Arrays.copyOfRange(all, n, n + nq);
        all = null;
        System.out.printf(Locale.ROOT, "data: %s, queries held out from the same distribution; generated in %.1f s%n",
                GeneratedIndex.describe(), Bench.secs(t));
        t = System.nanoTime();
        int[][] truth = exactTop(vectors, queries);
        double truthSecs = Bench.secs(t);
        System.out.printf(Locale.ROOT, "ground truth: exact top %d in memory (double precision, %d threads) in %.1f s, %.1f ms per query%n",
                K, Runtime.getRuntime().availableProcessors(), truthSecs, 1e3 * truthSecs / nq);

        Path tmp = Files.createTempDirectory("clamp3-index-bench");
        try {
            List<Result> results = new ArrayList<>();
            for (Quantization q : Quantization.values()) {
                Path dir = tmp.resolve(q.label());
                results.add(run(dir, q, vectors, queries, truth, results.isEmpty() ? null : results.get(0)));
                Bench.deleteTree(dir); // frees the disk (and page cache) before the next build
            }
            summary(n, results.get(0), results.get(1));
            System.out.println("at the end: " + Machine.sgemmLine(Machine.sgemmGflops()) + "; load average " + Machine.loadAverage());
        } finally {
            Bench.deleteTree(tmp);
        }
    }

    /** Builds one index, describes it and searches it; {@code fp32} is the float32 result to compare with, or null. */
    private static Result run(Path dir, Quantization q, float[][] vectors, float[][] queries, int[][] truth, Result fp32)
            throws Exception {
        String name = q == Quantization.NONE ? "float32" : "int8";
        System.out.printf(Locale.ROOT, "%n%s index (--quantize %s, M 16, ef-construction 100):%n", name, q.label());
        GeneratedIndex.build(dir, new IndexSettings(q, 16, 100, 0), null, vectors.length, i -> entry(i, vectors[i]), THREADS);
        try (MusicIndex index = MusicIndex.open(dir)) {
            IndexInfo info = index.info();
            System.out.printf(Locale.ROOT, "  disk: %s in all; float32 vectors (.vec) %s, int8 vectors (.veq) %s, graph (.vex) %s%n",
                    mb(info.diskBytes()), mb(info.vectorBytes().get("float32")), mb(info.vectorBytes().get("int8")),
                    mb(info.vectorBytes().get("graph")));
            if (q == Quantization.NONE) {
                exactScan(index, queries, truth);
            }
            List<Point> sweep = sweep(index, queries, truth, fp32);
            return new Result(q, info, sweep);
        }
    }

    private static IndexEntry entry(int i, float[] vector) {
        String key = "v" + i;
        return new IndexEntry(key, "audio", key + ".npy", 0, 0, "", Map.of(), null, vector, List.of());
    }

    /** The index's exact scan for the first queries: latency, and agreement with the in-memory top 10. */
    private static void exactScan(MusicIndex index, float[][] queries, int[][] truth) throws IOException {
        int s = Math.min(EXACT_SAMPLE, queries.length);
        SearchRequest exact = new SearchRequest(K, null, SearchRequest.Mode.EXACT, K);
        for (int i = 0; i < Math.min(3, s); i++) {
            index.search(queries[i], exact); // warm-up
        }
        long[] nanos = new long[s];
        int same = 0;
        for (int i = 0; i < s; i++) {
            long t = System.nanoTime();
            List<IndexHit> hits = index.search(queries[i], exact);
            nanos[i] = System.nanoTime() - t;
            same += found(hits, truth[i]) == K ? 1 : 0;
        }
        Arrays.sort(nanos);
        System.out.printf(Locale.ROOT, "  exact scan (every vector scored, as `clamp3 search --exact`), first %d queries, 1 thread:"
                + " p50 %.1f ms, p99 %.1f ms; top %d equal to the in-memory ground truth for %d of %d%n",
                s, Bench.percentile(nanos, 0.50), Bench.percentile(nanos, 0.99), K, same, s);
    }

    /** Approximate search at each ef: recall, latency on one thread, throughput on {@link #THREADS}. */
    private static List<Point> sweep(MusicIndex index, float[][] queries, int[][] truth, Result fp32) throws Exception {
        int nq = queries.length;
        for (int ef : EFS) {
            for (float[] q : queries) {
                index.search(q, approximate(ef)); // warm-up: every query at every ef once, untimed
            }
        }
        System.out.printf(Locale.ROOT, "  approximate search, HNSW candidates re-scored with the float32 vectors:%n"
                + "     ef  recall@%d  %s p50 ms  p99 ms  QPS (%d threads)%n", K, fp32 == null ? "" : "vs float32 ", THREADS);
        List<Point> points = new ArrayList<>();
        for (int ef : EFS) {
            SearchRequest request = approximate(ef);
            long[] best = null;
            long found = 0;
            double qps = 0;
            for (int round = 0; round < 2; round++) {
                long[] nanos = new long[nq];
                found = 0;
                for (int i = 0; i < nq; i++) {
                    long t = System.nanoTime();
                    List<IndexHit> hits = index.search(queries[i], request);
                    nanos[i] = System.nanoTime() - t;
                    found += found(hits, truth[i]);
                }
                Arrays.sort(nanos);
                if (best == null || Bench.percentile(nanos, 0.50) < Bench.percentile(best, 0.50)) {
                    best = nanos;
                }
                AtomicInteger next = new AtomicInteger();
                long t = System.nanoTime();
                Bench.onThreads(THREADS, () -> {
                    for (int i = next.getAndIncrement(); i < nq; i = next.getAndIncrement()) {
                        index.search(queries[i], request);
                    }
                    return null;
                });
                qps = Math.max(qps, nq / Bench.secs(t));
            }
            Point p = new Point(ef, found / (double) (nq * K), Bench.percentile(best, 0.50), Bench.percentile(best, 0.99), qps);
            points.add(p);
            String versus = fp32 == null ? "" : String.format(Locale.ROOT, "%+10.3f ", p.recall() - fp32.at(ef).recall());
            System.out.printf(Locale.ROOT, "    %3d   %6.3f   %s%7.2f %7.2f %8.0f%n", ef, p.recall(), versus, p.p50(), p.p99(), p.qps());
        }
        return points;
    }

    private static SearchRequest approximate(int ef) {
        return new SearchRequest(K, null, SearchRequest.Mode.APPROXIMATE, ef);
    }

    /** Whether the targets are met, and the smallest ef that reaches the recall target. */
    private static void summary(int n, Result fp32, Result int8) {
        System.out.printf(Locale.ROOT, "%ntargets (%d vectors, on the machine above):%n", n);
        Point best = fp32.first(RECALL_TARGET);
        if (best == null) {
            Point top = fp32.sweep().get(fp32.sweep().size() - 1);
            System.out.printf(Locale.ROOT, "  float32: no ef of the sweep reaches recall@%d %.2f (ef %d: %.3f): NOT MET%n",
                    K, RECALL_TARGET, top.ef(), top.recall());
        } else {
            System.out.printf(Locale.ROOT, "  float32: the smallest ef reaching recall@%d >= %.2f is %d: recall %.3f, p50 %.2f ms"
                    + " (target <= %.0f ms): %s%n", K, RECALL_TARGET, best.ef(), best.recall(), best.p50(), P50_TARGET_MS,
                    met(best.p50() <= P50_TARGET_MS));
            Point same = int8.at(best.ef());
            double diff = same.recall() - best.recall();
            System.out.printf(Locale.ROOT, "  int8 at ef %d: recall %.3f, int8 - float32 = %+.3f (target >= -%.2f): %s; p50 %.2f ms%n",
                    best.ef(), same.recall(), diff, INT8_RECALL_GAP, met(diff >= -INT8_RECALL_GAP), same.p50());
        }
        Point best8 = int8.first(RECALL_TARGET);
        System.out.printf(Locale.ROOT, "  int8: the smallest ef reaching recall@%d >= %.2f: %s%n", K, RECALL_TARGET,
                best8 == null ? "none of the sweep" : String.format(Locale.ROOT, "%d (recall %.3f, p50 %.2f ms)",
                        best8.ef(), best8.recall(), best8.p50()));
        long vec = fp32.bytes("float32");
        long veq = int8.bytes("int8");
        double share = veq / (double) vec;
        System.out.printf(Locale.ROOT, "  vector data searched: int8 .veq %s = %.1f%% of float32 .vec %s (target <= %.0f%%): %s%n",
                mb(veq), 100 * share, mb(vec), 100 * INT8_VECTOR_SHARE, met(share <= INT8_VECTOR_SHARE));
        System.out.printf(Locale.ROOT, "  but Lucene's int8 format keeps the float32 vectors on disk too (%s .vec, for exact re-scoring"
                + " and merges): the int8 index takes %s on disk in all, the float32 index %s (%+.1f%%)%n",
                mb(int8.bytes("float32")), mb(int8.info().diskBytes()), mb(fp32.info().diskBytes()),
                100.0 * (int8.info().diskBytes() - fp32.info().diskBytes()) / fp32.info().diskBytes());
        Point atDefault = Arrays.stream(EFS).anyMatch(e -> e == SearchRequest.DEFAULT_EF) ? fp32.at(SearchRequest.DEFAULT_EF) : null;
        System.out.printf(Locale.ROOT, "  default ef (SearchRequest.DEFAULT_EF) is %d%s%n", SearchRequest.DEFAULT_EF,
                atDefault == null ? "" : String.format(Locale.ROOT, ": float32 recall %.3f, p50 %.2f ms; int8 recall %.3f, p50 %.2f ms",
                        atDefault.recall(), atDefault.p50(), int8.at(SearchRequest.DEFAULT_EF).recall(),
                        int8.at(SearchRequest.DEFAULT_EF).p50()));
    }

    private static String met(boolean met) {
        return met ? "MET" : "NOT MET";
    }

    /** The indices of each query's K most similar vectors, by brute force in double precision. */
    static int[][] exactTop(float[][] vectors, float[][] queries) {
        int[][] top = new int[queries.length][];
        IntStream.range(0, queries.length).parallel().forEach(qi -> {
            float[] q = queries[qi];
            double[] best = new double[K];
            int[] ids = new int[K];
            Arrays.fill(best, Double.NEGATIVE_INFINITY);
            for (int i = 0; i < vectors.length; i++) {
                double s = dot(q, vectors[i]);
                if (s > best[K - 1]) {
                    int j = K - 1;
                    for (; j > 0 && best[j - 1] < s; j--) {
                        best[j] = best[j - 1];
                        ids[j] = ids[j - 1];
                    }
                    best[j] = s;
                    ids[j] = i;
                }
            }
            top[qi] = ids;
        });
        return top;
    }

    /** A dot product in double with four independent sums (about 3x Cosine.dot's one chain). */
    private static double dot(float[] a, float[] b) {
        double s0 = 0;
        double s1 = 0;
        double s2 = 0;
        double s3 = 0;
        int i = 0;
        for (; i + 3 < a.length; i += 4) {
            s0 += (double) a[i] * b[i];
            s1 += (double) a[i + 1] * b[i + 1];
            s2 += (double) a[i + 2] * b[i + 2];
            s3 += (double) a[i + 3] * b[i + 3];
        }
        for (; i < a.length; i++) {
            s0 += (double) a[i] * b[i];
        }
        return (s0 + s1) + (s2 + s3);
    }

    /** How many of the hits are among the exact top K. */
    private static int found(List<IndexHit> hits, int[] exact) {
        int n = 0;
        for (IndexHit h : hits) {
            int id = Integer.parseInt(h.key().substring(1));
            for (int e : exact) {
                if (e == id) {
                    n++;
                    break;
                }
            }
        }
        return n;
    }

    private static String mb(Long bytes) {
        return bytes == null ? "-" : String.format(Locale.ROOT, "%.1f MB", bytes / 1e6);
    }
}
