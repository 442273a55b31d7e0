package org.clamp3.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Objects;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.TieredMergePolicy;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.store.LockObtainFailedException;
import org.clamp3.core.io.InvalidInputException;

/**
 * An index opened for writing. Entries are replaced as a whole (an item and its segments are one
 * block under one key); nothing is visible or durable until {@link #commit}, which writes the
 * documents and the index's description in one atomic Lucene commit, so a process killed at any
 * moment leaves the last commit intact. One updater per index at a time (Lucene's write lock).
 */
public final class IndexUpdater implements AutoCloseable {
    private final Path dir;
    private final Directory directory;
    private final IndexWriter writer;
    private final ExecutorService mergeExecutor;
    private IndexMeta meta;
    private boolean pending;

    private IndexUpdater(Path dir, Directory directory, IndexWriter writer, ExecutorService mergeExecutor, IndexMeta meta) {
        this.dir = dir;
        this.directory = directory;
        this.writer = writer;
        this.mergeExecutor = mergeExecutor;
        this.meta = meta;
    }

    /**
     * Opens the index in {@code dir}, creating it (with a first, empty commit) when there is none.
     *
     * @param model the fingerprint of the model whose vectors will be added (null: unknown)
     * @param mert the MERT model's fingerprint, or null when no raw audio is embedded
     * @param threads threads that build HNSW graphs when segments merge
     * @throws InvalidInputException naming {@code dir} when the index there was built with another
     *                               model or other settings, or is locked by another process
     */
    public static IndexUpdater open(Path dir, IndexSettings settings, String model, String mert, String source, int threads)
            throws IOException {
        return open(dir, settings, model, IndexMeta.FP32, mert, source, threads);
    }

    /**
     * As {@link #open(Path, IndexSettings, String, String, String, int)} for vectors computed in
     * {@code precision} ("fp32" or "int8"); an index of the other precision is refused like another model.
     */
    public static IndexUpdater open(Path dir, IndexSettings settings, String model, String precision, String mert, String source,
                                    int threads) throws IOException {
        Files.createDirectories(dir);
        IndexMeta existing = MusicIndex.readMeta(dir).orElse(null);
        if (existing != null) {
            refuseMismatch(dir, existing, settings, model, mert);
            if (model != null && !existing.precision().equals(precision)) {
                throw new InvalidInputException(dir, "this index holds " + existing.precision() + " vectors, not the "
                        + precision + " ones asked for now; mixing precisions is refused (give --precision "
                        + existing.precision() + ", or build a new index)");
            }
        }
        ExecutorService merges = threads > 1 ? Executors.newFixedThreadPool(threads, daemon()) : null;
        Directory d = FSDirectory.open(dir);
        IndexWriter w;
        try {
            IndexWriterConfig config = new IndexWriterConfig()
                    .setOpenMode(IndexWriterConfig.OpenMode.CREATE_OR_APPEND)
                    .setCodec(new IndexCodec(existing == null ? settings : existing.settings(), threads, merges))
                    .setRAMBufferSizeMB(256)
                    // separate files per data structure, so that info can say what the vectors take
                    .setUseCompoundFile(false)
                    .setMergePolicy(noCompoundFiles())
                    .setCommitOnClose(true); // only when nothing is pending: see close()
            w = new IndexWriter(d, config);
        } catch (LockObtainFailedException e) {
            d.close();
            shutdown(merges);
            throw new InvalidInputException(dir, "the index is being written by another process (" + MusicIndex.firstLine(e) + ")", e);
        } catch (IOException | RuntimeException e) {
            d.close();
            shutdown(merges);
            throw e;
        }
        IndexMeta meta = existing != null
                ? new IndexMeta(existing.dimension(), existing.model(), existing.mert() != null ? existing.mert() : mert,
                        existing.settings(), source != null ? source : existing.source(), existing.items(), existing.segments(),
                        existing.precision())
                : new IndexMeta(0, model, mert, settings, source, 0, 0, precision);
        IndexUpdater u = new IndexUpdater(dir, d, w, merges, meta);
        if (existing == null) {
            u.commit(); // an empty index that says what it is, before anything is added
        }
        return u;
    }

    private static void refuseMismatch(Path dir, IndexMeta existing, IndexSettings settings, String model, String mert) {
        if (!Objects.equals(existing.model(), model)) {
            throw new InvalidInputException(dir, "this index holds vectors of model " + describe(existing.model())
                    + ", not of model " + describe(model) + " given now; mixing models is refused (build a new index)");
        }
        if (existing.mert() != null && mert != null && !existing.mert().equals(mert)) {
            throw new InvalidInputException(dir, "this index holds audio embedded with MERT model " + existing.mert()
                    + ", not " + mert + " given now; mixing models is refused (build a new index)");
        }
        if (!existing.settings().equals(settings)) {
            throw new InvalidInputException(dir, "this index was built with " + describe(existing.settings())
                    + "; this run asks for " + describe(settings) + " (give the same, or build a new index)");
        }
    }

    static String describe(String fingerprint) {
        return fingerprint == null ? "unknown (feature files indexed without --model)" : fingerprint;
    }

    static String describe(IndexSettings s) {
        return "--quantize " + s.quantization().label() + " --m " + s.m() + " --ef-construction " + s.efConstruction()
                + " --segments " + s.segmentSeconds();
    }

    public IndexMeta meta() {
        return meta;
    }

    public Path dir() {
        return dir;
    }

    /**
     * Adds or replaces an entry (not yet committed).
     *
     * @throws IllegalArgumentException when a vector is not finite, all zero, or of another dimension than the index's
     */
    public void put(IndexEntry entry) throws IOException {
        check(entry.vector());
        for (Segment s : entry.segments()) {
            check(s.vector());
        }
        if (meta.dimension() == 0) {
            meta = meta.withCounts(entry.vector().length, meta.items(), meta.segments());
        }
        pending = true;
        writer.updateDocuments(IndexFields.keyTerm(entry.key()), IndexFields.documents(entry));
    }

    private void check(float[] v) {
        if (meta.dimension() != 0 && v.length != meta.dimension()) {
            throw new IllegalArgumentException("its vector has dimension " + v.length + ", the index's vectors have " + meta.dimension());
        }
        double sum = 0;
        for (float x : v) {
            if (!Float.isFinite(x)) {
                throw new IllegalArgumentException("its vector holds " + x + " (vectors must be finite)");
            }
            sum += (double) x * x;
        }
        if (sum == 0) {
            throw new IllegalArgumentException("its vector is all zeros (it has no direction to search by)");
        }
    }

    /** Removes an entry and its segments (not yet committed). */
    public void delete(String key) throws IOException {
        pending = true;
        writer.deleteDocuments(IndexFields.keyTerm(key));
    }

    /** Makes everything so far visible and durable, with the counts it leads to, in one atomic commit. */
    public void commit() throws IOException {
        try (DirectoryReader r = DirectoryReader.open(writer)) {
            meta = meta.withCounts(meta.dimension(), count(r, IndexFields.ITEM), count(r, IndexFields.SEGMENT));
        }
        writer.setLiveCommitData(meta.toUserData().entrySet());
        writer.commit();
        pending = false;
    }

    private static long count(IndexReader r, String kind) throws IOException {
        return new IndexSearcher(r).count(new TermQuery(new Term(IndexFields.KIND, kind)));
    }

    /** Merges the index into at most {@code segments} segments (one graph searches fastest); then commits. */
    public void forceMerge(int segments) throws IOException {
        writer.forceMerge(segments);
        commit();
    }

    /**
     * Closes. Entries put or deleted since the last commit are dropped, as a crash would drop
     * them; when everything was committed, the merges under way finish first (fewer, larger
     * segments search faster) and are committed.
     */
    @Override
    public void close() throws IOException {
        try {
            if (pending) {
                writer.rollback();
            } else {
                writer.close();
            }
        } finally {
            try {
                directory.close();
            } finally {
                shutdown(mergeExecutor);
            }
        }
    }

    private static TieredMergePolicy noCompoundFiles() {
        TieredMergePolicy p = new TieredMergePolicy();
        p.setNoCFSRatio(0);
        return p;
    }

    private static void shutdown(ExecutorService e) {
        if (e != null) {
            e.shutdownNow();
        }
    }

    private static java.util.concurrent.ThreadFactory daemon() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "clamp3-index-merge-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        };
    }
}
