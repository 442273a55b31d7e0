package org.clamp3.spark;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;

/**
 * The Parquet of {@link ExtractJob} → a search index: each row without an error becomes an item
 * (key, modality, path relative to the job's input, vector, model fingerprint, size, mtime and
 * hash, so that a later {@code index build} of the same tree skips what is unchanged); rows with an
 * error are skipped and counted. Refuses output of more than one model (or MERT model), and an
 * index built with another model, as {@code index build} does. Spelled
 * {@code scripts/clamp3-spark import} rather than {@code clamp3 index build --parquet}: reading
 * Parquet needs the Hadoop and Spark jars, which the plain command-line tool does not carry.
 */
public final class ImportJob {
    /** Items put between commits. */
    static final int COMMIT_EVERY = 50_000;

    private ImportJob() {}

    /** Counts of one import. */
    public record Summary(long imported, long skipped, long items) {
        public String line(Path index) {
            return "clamp3-spark import: " + imported + " imported" + (skipped > 0 ? ", " + skipped + " skipped (error rows)" : "")
                    + "; " + items + " items in " + index;
        }
    }

    /**
     * @param parquet the job's output (a Hadoop path or URI)
     * @param index the index folder (local), created when missing
     * @param threads threads that build HNSW graphs when segments merge
     */
    public static Summary run(SparkSession spark, String parquet, Path index, IndexSettings settings, int threads) throws IOException {
        Dataset<Row> rows = spark.read().parquet(parquet);
        String model = single(rows, "model_fingerprint", parquet);
        String mert = single(rows, "mert_fingerprint", parquet);
        long imported = 0;
        long skipped = 0;
        try (IndexUpdater updater = IndexUpdater.open(index, settings, model, mert, parquet, threads)) {
            Iterator<Row> it = rows.select("key", "path", "modality", "vector", "error", "size", "mtime", "hash").toLocalIterator();
            while (it.hasNext()) {
                Row r = it.next();
                if (!r.isNullAt(4) || r.isNullAt(3)) {
                    skipped++;
                    continue;
                }
                String key = r.getString(0);
                List<Float> v = r.getList(3);
                float[] vector = new float[v.size()];
                for (int i = 0; i < vector.length; i++) {
                    vector[i] = v.get(i);
                }
                String ext = MirroredTree.extension(new org.apache.hadoop.fs.Path(r.getString(1)).getName());
                String path = ext.isEmpty() ? key : key + "." + ext;
                try {
                    updater.put(new IndexEntry(key, r.getString(2), path, r.getLong(5), r.getLong(6), r.getString(7),
                            Map.of(), model, vector, List.of()));
                } catch (IllegalArgumentException e) {
                    throw new InvalidInputException(Path.of(path), e.getMessage(), e);
                }
                if (++imported % COMMIT_EVERY == 0) {
                    updater.commit();
                }
            }
            updater.commit();
            return new Summary(imported, skipped, updater.meta().items());
        }
    }

    /** The one non-null value of a column over all rows; more than one is refused. */
    private static String single(Dataset<Row> rows, String column, String parquet) {
        List<Row> values = rows.select(column).where(column + " IS NOT NULL").distinct().limit(2).collectAsList();
        if (values.size() > 1) {
            throw new IllegalArgumentException(parquet + ": rows of more than one model (" + column + " "
                    + values.get(0).getString(0) + ", " + values.get(1).getString(0) + "); import each model's rows into its own index");
        }
        return values.isEmpty() ? null : values.get(0).getString(0);
    }

    /** {@code ImportJob OUTPUT.parquet INDEX [--quantize none|int8] [--master URL]}. */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args, java.util.Set.of("--quantize", "--m", "--ef-construction", "--master"), java.util.Set.of(), 2,
                "usage: clamp3-spark import OUTPUT.parquet INDEX [--quantize none|int8] [--m N] [--ef-construction N] [--master URL]");
        IndexSettings settings = new IndexSettings(IndexSettings.Quantization.parse(a.option("--quantize") == null ? "none" : a.option("--quantize")),
                a.intOption("--m", IndexSettings.DEFAULTS.m()), a.intOption("--ef-construction", IndexSettings.DEFAULTS.efConstruction()), 0);
        Path index = Path.of(a.positional(1));
        SparkSession spark = Args.session("clamp3-spark import", a.option("--master"));
        int exit = 0;
        try {
            System.out.println(run(spark, a.positional(0), index, settings, Runtime.getRuntime().availableProcessors()).line(index));
        } catch (IllegalArgumentException | InvalidInputException e) {
            System.err.println("clamp3-spark import: " + e.getMessage());
            exit = e instanceof InvalidInputException ? 1 : 2;
        } finally {
            spark.stop();
        }
        System.exit(exit);
    }
}
