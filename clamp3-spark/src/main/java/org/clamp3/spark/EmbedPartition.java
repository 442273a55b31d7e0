package org.clamp3.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.stream.Stream;

import org.apache.spark.api.java.function.FlatMapFunction;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.index.IndexBuilder;
import org.clamp3.index.ItemEmbedder;
import org.clamp3.index.ModelEmbedder;

/**
 * One partition of {@code (path, content, length, modificationTime)} rows → one {@link ExtractJob#SCHEMA} row per file,
 * embedded in rounds of {@code filesPerRound} files by the executor's shared model. Rounds are
 * taken from the input as the output is consumed, so a partition holds one round's bytes at a time.
 */
final class EmbedPartition implements FlatMapFunction<Iterator<Row>, Row> {
    private static final long serialVersionUID = 1L;

    private final String root;
    private final String modelDir;
    private final String mertDir;
    private final String npyOut;
    private final String fingerprint;
    private final String mertFingerprint;
    private final int filesPerRound;

    EmbedPartition(String root, String modelDir, String mertDir, String npyOut, String fingerprint,
                   String mertFingerprint, int filesPerRound) {
        this.root = root;
        this.modelDir = modelDir;
        this.mertDir = mertDir;
        this.npyOut = npyOut;
        this.fingerprint = fingerprint;
        this.mertFingerprint = mertFingerprint;
        this.filesPerRound = filesPerRound;
    }

    @Override
    public Iterator<Row> call(Iterator<Row> files) {
        return new Iterator<>() {
            private Iterator<Row> round = List.<Row>of().iterator();

            @Override
            public boolean hasNext() {
                while (!round.hasNext() && files.hasNext()) {
                    List<Row> batch = new ArrayList<>(filesPerRound);
                    while (batch.size() < filesPerRound && files.hasNext()) {
                        batch.add(files.next());
                    }
                    round = embed(batch).iterator();
                }
                return round.hasNext();
            }

            @Override
            public Row next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return round.next();
            }
        };
    }

    /** The rows of one round: each file written under its own name to a temporary folder, read, encoded, embedded. */
    private List<Row> embed(List<Row> batch) {
        Path tmp;
        try {
            tmp = Files.createTempDirectory("clamp3-spark-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary folder: " + e.getMessage(), e);
        }
        try {
            Row[] out = new Row[batch.size()];
            String[] keys = new String[batch.size()];
            String[] paths = new String[batch.size()];
            List<Integer> prepared = new ArrayList<>();
            List<Path> local = new ArrayList<>();
            List<ModelEmbedder.Encoded> encoded = new ArrayList<>();
            // a model that cannot be loaded fails the job: no file could be embedded
            ExecutorModels.Loaded models = ExecutorModels.get(modelDir, mertDir);
            for (int i = 0; i < batch.size(); i++) {
                org.apache.hadoop.fs.Path p = hadoopPath(batch.get(i).getString(0));
                paths[i] = p.toString();
                keys[i] = ExtractJob.keyOf(root, p.toUri().getPath());
                Path file = tmp.resolve(Integer.toString(i)).resolve(p.getName());
                try {
                    Files.createDirectories(file.getParent());
                    Files.write(file, (byte[]) batch.get(i).get(1));
                    encoded.add(models.prepare(file));
                    prepared.add(i);
                    local.add(file);
                } catch (IOException | RuntimeException e) {
                    out[i] = failed(keys[i], paths[i], message(e, file, paths[i]));
                }
            }
            if (!encoded.isEmpty()) {
                List<ItemEmbedder.Embedded> embedded = models.finish(local, encoded);
                for (int k = 0; k < embedded.size(); k++) {
                    int i = prepared.get(k);
                    ItemEmbedder.Embedded e = embedded.get(k);
                    out[i] = e.failure() != null
                            ? failed(keys[i], paths[i], message(e.failure(), local.get(k), paths[i]))
                            : written(batch.get(i), keys[i], paths[i], e.modality(), e.vector());
                }
            }
            return List.of(out);
        } finally {
            deleteTree(tmp);
        }
    }

    private Row written(Row file, String key, String path, String modality, float[] vector) {
        String error = null;
        if (npyOut != null) {
            try {
                AtomicFiles.write(Path.of(npyOut).resolve(key + ".npy"), o -> Npy.write(o, NpyArray.globalFeature(vector)));
            } catch (IOException | RuntimeException e) {
                error = "cannot write " + key + ".npy under " + npyOut + ": " + firstLine(e);
            }
        }
        return RowFactory.create(key, path, modality, vector, fingerprint, mertFingerprint, error, file.getLong(2),
                file.getTimestamp(3).getTime(), IndexBuilder.hash((byte[]) file.get(1)));
    }

    private Row failed(String key, String path, String message) {
        return ExtractJob.error(key, path, message, fingerprint, mertFingerprint);
    }

    /** The failure's first line, naming the file by its real path rather than the temporary copy. */
    static String message(Throwable e, Path local, String path) {
        String m = firstLine(e).replace(local.toString(), path);
        return m.startsWith(path) ? m : path + ": " + m;
    }

    static String firstLine(Throwable e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    /** The binaryFile source's path column (a URI string, escaped or not) as a Hadoop path. */
    static org.apache.hadoop.fs.Path hadoopPath(String s) {
        try {
            return new org.apache.hadoop.fs.Path(new URI(s));
        } catch (URISyntaxException e) {
            return new org.apache.hadoop.fs.Path(s);
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            // a temporary folder left behind is the OS's to clean
        }
    }
}
