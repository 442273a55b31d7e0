package org.clamp3.bench;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

import org.clamp3.core.retrieval.Cosine;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;

/**
 * The data of the benchmarks that need a large index: generated clustered unit vectors of 768-d
 * (1000 Gaussian cluster centres on the unit sphere; a point is a centre plus Gaussian noise,
 * normalized, from a fixed seed), and the index built from them the way {@code clamp3 index build}
 * feeds one.
 */
final class GeneratedIndex {
    static final int DIM = 768;
    private static final int CLUSTERS = 1000;
    /** The noise's expected norm against the unit centre: a point's cosine with its centre is about 0.8. */
    private static final double NOISE = 0.75;
    private static final long SEED = 20_261_203L;
    /**
     * Threads putting vectors. Two (one graph each while feeding, merged later) were no faster here:
     * 20k vectors took 71 s against 40 s with one (one thread's buffer holds all 20k, so there is
     * no merge), 100k took 238 s against 234 s, on this 2-core machine with other work running.
     */
    private static final int FEEDERS = 1;

    private GeneratedIndex() {}

    /** What {@link #clustered} generates, for a benchmark's description of its data. */
    static String describe() {
        return String.format(Locale.ROOT, "%d clusters, noise/centre norm %.2f, seed %d", CLUSTERS, NOISE, SEED);
    }

    /**
     * {@code count} unit vectors: a centre (one of {@link #CLUSTERS}, uniform on the unit sphere)
     * plus Gaussian noise of expected norm {@link #NOISE}, normalized. Vector i depends on the seed
     * and i only, so any prefix is the same data.
     */
    static float[][] clustered(int count) {
        Random r = new Random(SEED);
        float[][] centres = new float[CLUSTERS][DIM];
        for (float[] c : centres) {
            for (int d = 0; d < DIM; d++) {
                c[d] = (float) r.nextGaussian();
            }
            System.arraycopy(Cosine.unit(c), 0, c, 0, DIM);
        }
        double sigma = NOISE / Math.sqrt(DIM);
        float[][] out = new float[count][];
        IntStream.range(0, count).parallel().forEach(i -> {
            Random ri = new Random(SEED + 0x9E3779B97F4A7C15L * (i + 1));
            float[] c = centres[ri.nextInt(CLUSTERS)];
            float[] x = new float[DIM];
            for (int d = 0; d < DIM; d++) {
                x[d] = (float) (c[d] + sigma * ri.nextGaussian());
            }
            out[i] = Cosine.unit(x);
        });
        return out;
    }

    /**
     * Builds an index of the entries {@code entry(0..n-1)} in {@code dir}: fed by {@link #FEEDERS}
     * thread(s), HNSW merges on {@code mergeThreads}, force-merged to one segment and committed.
     * Prints its progress and the build rate, each line indented by two spaces.
     *
     * @param model the fingerprint of the model the index says its vectors come from, or null
     * @return the seconds it took
     */
    static double build(Path dir, IndexSettings settings, String model, int n, IntFunction<IndexEntry> entry, int mergeThreads)
            throws Exception {
        long t = System.nanoTime();
        double fed;
        try (IndexUpdater u = IndexUpdater.open(dir, settings, model, null, null, mergeThreads)) {
            u.put(entry.apply(0)); // sets the index's dimension before any other thread puts
            AtomicInteger next = new AtomicInteger(1);
            int quarter = Math.max(1, n / 4);
            Bench.onThreads(FEEDERS, () -> {
                for (int i = next.getAndIncrement(); i < n; i = next.getAndIncrement()) {
                    u.put(entry.apply(i));
                    if ((i + 1) % quarter == 0 && i + 1 < n) {
                        System.out.printf(Locale.ROOT, "  fed %d of %d in %.0f s%n", i + 1, n, Bench.secs(t));
                    }
                }
                return null;
            });
            fed = Bench.secs(t);
            u.forceMerge(1); // and commits
        }
        double total = Bench.secs(t);
        System.out.printf(Locale.ROOT, "  built: %d vectors in %.1f s (fed by %d thread(s) in %.1f s; force-merged to one segment,"
                + " merges on %d threads, and committed in %.1f s): %.1f vectors/s%n", n, total, FEEDERS, fed, mergeThreads,
                total - fed, n / total);
        return total;
    }
}
