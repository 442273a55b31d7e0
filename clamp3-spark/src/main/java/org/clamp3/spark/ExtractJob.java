package org.clamp3.spark;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.hadoop.conf.Configuration;
import org.apache.hadoop.fs.FileStatus;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.LocatedFileStatus;
import org.apache.hadoop.fs.RemoteIterator;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;
import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.index.IndexBuilder;
import org.clamp3.index.ModelEmbedder;
import org.clamp3.preprocess.audio.mert.MertModel;

/**
 * {@code clamp3 extract --global} as a Spark job: every file of a collection on any Hadoop file
 * system embedded by the same pipeline and batched inference as {@code extract}, written as
 * Parquet (one row per file, {@link #SCHEMA}) and optionally as the same {@code .npy} tree.
 *
 * <p>The input is a folder (listed recursively through Hadoop's {@link FileSystem}; the files
 * {@code extract} reads, by extension) or a text file listing paths, one a line (blank lines and
 * {@code #} comments skipped; relative paths resolve against the list's folder). A file's key is
 * its path relative to the folder (the list's folder), without extension, '/'-separated, as
 * {@code extract} names its outputs; a listed path outside that folder is keyed by its whole path.
 * Two files with one key ({@code x.txt}, {@code x.abc}): the first in path order is embedded, the
 * other becomes an error row, as {@code extract} refuses to let one overwrite the other.
 *
 * <p>Bytes are read through Spark's {@code binaryFile} source; each partition's files are written
 * to a local temporary folder under their own names and embedded in rounds by the executor's one
 * model ({@link ExecutorModels}). The model (and MERT) folders must be local paths on every
 * executor: a shared file system, or an archive shipped with {@code spark-submit --archives}.
 * {@code --npy-out} likewise names a folder every executor can write (a shared file system).
 */
public final class ExtractJob {
    /**
     * The Parquet output's columns: {@code key, path} (the file's full path as read), {@code modality}
     * (text, symbolic, audio), {@code vector} (the global feature), the model's (and MERT's)
     * fingerprint, {@code error} (null, or one line naming the file), and the file's size, mtime
     * (ms) and content hash as an index stores them.
     */
    public static final StructType SCHEMA = new StructType()
            .add("key", DataTypes.StringType, false)
            .add("path", DataTypes.StringType, false)
            .add("modality", DataTypes.StringType, true)
            .add("vector", DataTypes.createArrayType(DataTypes.FloatType, false), true)
            .add("model_fingerprint", DataTypes.StringType, false)
            .add("mert_fingerprint", DataTypes.StringType, true)
            .add("error", DataTypes.StringType, true)
            // what an index stores to skip unchanged files when it is later updated from the tree itself
            .add("size", DataTypes.LongType, true)
            .add("mtime", DataTypes.LongType, true)
            .add("hash", DataTypes.StringType, true);

    private ExtractJob() {}

    /**
     * What to run.
     *
     * @param input a folder or a list file, as a Hadoop path or URI
     * @param output the Parquet folder to write, as a Hadoop path or URI
     * @param model the CLaMP 3 model folder (a local path on every executor)
     * @param mert the MERT model folder for raw audio, or null
     * @param npyOut a folder for the {@code .npy} tree, or null
     * @param partitions repartition the files into this many partitions, 0 to keep Spark's split
     * @param filesPerRound files whose windows share forward passes
     * @param overwrite replace an existing output
     */
    public record Options(String input, String output, String model, String mert, String npyOut, int partitions,
                          int filesPerRound, boolean overwrite) {
        public Options {
            if (filesPerRound < 1) {
                throw new IllegalArgumentException("files per round must be at least 1, got " + filesPerRound);
            }
        }

        public static Options of(String input, String output, String model) {
            return new Options(input, output, model, null, null, 0, ExtractionOptions.FILES_PER_ROUND, false);
        }

        public Options withMert(String dir) {
            return new Options(input, output, model, dir, npyOut, partitions, filesPerRound, overwrite);
        }

        public Options withNpyOut(String dir) {
            return new Options(input, output, model, mert, dir, partitions, filesPerRound, overwrite);
        }

        public Options withPartitions(int n) {
            return new Options(input, output, model, mert, npyOut, n, filesPerRound, overwrite);
        }

        public Options withOverwrite(boolean o) {
            return new Options(input, output, model, mert, npyOut, partitions, filesPerRound, o);
        }
    }

    /** Counts of one run, read back from the written Parquet. */
    public record Summary(long rows, long embedded, long failed) {
        public String line(String output) {
            return "clamp3-spark extract: " + embedded + " embedded" + (failed > 0 ? ", " + failed + " failed" : "")
                    + " → " + output;
        }
    }

    /** The files of the input: where Spark reads them, and rows for those that cannot be read at all. */
    record Listing(String root, List<String> files, List<Row> failed) {}

    /** Runs the job on {@code spark}; a file that fails is an error row, never a failed job. */
    public static Summary run(SparkSession spark, Options o) throws IOException {
        String fingerprint = Clamp3Model.fingerprint(Path.of(o.model()));
        String mertFingerprint = o.mert() == null ? null : MertModel.fingerprint(Path.of(o.mert()));
        Configuration conf = spark.sparkContext().hadoopConfiguration();
        Listing listing = list(new org.apache.hadoop.fs.Path(o.input()), conf, ModelEmbedder.extensions(), fingerprint, mertFingerprint);

        Dataset<Row> rows = spark.createDataFrame(listing.failed(), SCHEMA);
        if (!listing.files().isEmpty()) {
            Dataset<Row> bytes = spark.read().format("binaryFile")
                    .load(listing.files().toArray(String[]::new))
                    .select("path", "content", "length", "modificationTime");
            if (o.partitions() > 0) {
                bytes = bytes.repartition(o.partitions());
            }
            EmbedPartition embed = new EmbedPartition(listing.root(), o.model(), o.mert(), o.npyOut(),
                    fingerprint, mertFingerprint, o.filesPerRound());
            JavaRDD<Row> embedded = bytes.javaRDD().mapPartitions(embed);
            rows = rows.union(spark.createDataFrame(embedded, SCHEMA));
        }
        rows.write().mode(o.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists).parquet(o.output());

        Dataset<Row> written = spark.read().parquet(o.output()).select("error");
        long total = written.count();
        long failed = written.filter("error IS NOT NULL").count();
        return new Summary(total, total - failed, failed);
    }

    /** Lists a folder recursively, or reads a list file; the key collisions and missing files become error rows. */
    static Listing list(org.apache.hadoop.fs.Path input, Configuration conf, Set<String> extensions,
                        String fingerprint, String mertFingerprint) throws IOException {
        FileSystem fs = input.getFileSystem(conf);
        FileStatus status;
        try {
            status = fs.getFileStatus(input);
        } catch (java.io.FileNotFoundException e) {
            throw new IllegalArgumentException(input + ": no such file or folder", e);
        }
        List<org.apache.hadoop.fs.Path> files = new ArrayList<>();
        List<Row> failed = new ArrayList<>();
        org.apache.hadoop.fs.Path root;
        if (status.isDirectory()) {
            root = fs.makeQualified(input);
            RemoteIterator<LocatedFileStatus> it = fs.listFiles(root, true);
            while (it.hasNext()) {
                LocatedFileStatus f = it.next();
                if (f.isFile() && extensions.contains(MirroredTree.extension(f.getPath().getName()))) {
                    files.add(f.getPath());
                }
            }
        } else {
            root = fs.makeQualified(input).getParent();
            try (BufferedReader r = new BufferedReader(new InputStreamReader(fs.open(input), StandardCharsets.UTF_8))) {
                for (String line = r.readLine(); line != null; line = r.readLine()) {
                    String s = line.strip();
                    if (s.isEmpty() || s.startsWith("#")) {
                        continue;
                    }
                    org.apache.hadoop.fs.Path p = new org.apache.hadoop.fs.Path(s);
                    p = p.isAbsoluteAndSchemeAuthorityNull() || p.toUri().getScheme() != null ? p : new org.apache.hadoop.fs.Path(root, s);
                    FileSystem pfs = p.getFileSystem(conf);
                    p = pfs.makeQualified(p);
                    String path = p.toString();
                    String key = keyOf(root.toUri().getPath(), p.toUri().getPath());
                    if (!extensions.contains(MirroredTree.extension(p.getName()))) {
                        failed.add(error(key, path, "unsupported file type (expected ." + String.join(", .", new java.util.TreeSet<>(extensions)) + ")",
                                fingerprint, mertFingerprint));
                    } else if (!isFile(pfs, p)) {
                        failed.add(error(key, path, "no such file", fingerprint, mertFingerprint));
                    } else {
                        files.add(p);
                    }
                }
            }
        }
        files.sort(null);
        Map<String, String> firstByKey = new HashMap<>();
        List<String> unique = new ArrayList<>();
        for (org.apache.hadoop.fs.Path p : files) {
            String key = keyOf(root.toUri().getPath(), p.toUri().getPath());
            String earlier = firstByKey.putIfAbsent(key, p.toString());
            if (earlier == null) {
                unique.add(p.toString());
            } else {
                failed.add(error(key, p.toString(), "its key " + key + " is already the key of " + earlier + "; rename one of them",
                        fingerprint, mertFingerprint));
            }
        }
        return new Listing(root.toUri().getPath(), unique, failed);
    }

    private static boolean isFile(FileSystem fs, org.apache.hadoop.fs.Path p) throws IOException {
        try {
            return fs.getFileStatus(p).isFile();
        } catch (java.io.FileNotFoundException e) {
            return false;
        }
    }

    /**
     * A file's key: its path relative to {@code root} without the extension ('/'-separated), or,
     * outside {@code root}, its whole path without the leading '/'.
     */
    static String keyOf(String root, String path) {
        String prefix = root.endsWith("/") ? root : root + "/";
        String rel = path.startsWith(prefix) ? path.substring(prefix.length()) : path.replaceFirst("^/+", "");
        return IndexBuilder.keyOf(rel);
    }

    static Row error(String key, String path, String message, String fingerprint, String mertFingerprint) {
        return RowFactory.create(key, path, null, null, fingerprint, mertFingerprint, message, null, null, null);
    }

    /** {@code ExtractJob INPUT OUTPUT --model DIR [--mert DIR] [--npy-out DIR] [--master URL] [--partitions N] [--overwrite]}. */
    public static void main(String[] args) throws IOException {
        Args a = Args.parse(args, Set.of("--model", "--mert", "--npy-out", "--master", "--partitions", "--files-per-round"),
                Set.of("--overwrite"), 2,
                "usage: clamp3-spark extract INPUT OUTPUT.parquet --model DIR [--mert DIR] [--npy-out DIR]"
                        + " [--master URL] [--partitions N] [--files-per-round N] [--overwrite]");
        String model = a.required("--model");
        Options o = new Options(a.positional(0), a.positional(1), model, a.option("--mert"), a.option("--npy-out"),
                a.intOption("--partitions", 0), a.intOption("--files-per-round", ExtractionOptions.FILES_PER_ROUND),
                a.flag("--overwrite"));
        SparkSession spark = Args.session("clamp3-spark extract", a.option("--master"));
        int exit;
        try {
            Summary s = run(spark, o);
            System.out.println(s.line(o.output()));
            exit = s.failed() > 0 ? 1 : 0;
        } catch (IllegalArgumentException e) {
            System.err.println("clamp3-spark extract: " + e.getMessage());
            exit = 2;
        } finally {
            spark.stop();
            ExecutorModels.closeAll();
        }
        System.exit(exit);
    }
}
