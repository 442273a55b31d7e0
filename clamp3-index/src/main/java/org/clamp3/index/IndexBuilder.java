package org.clamp3.index;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Supplier;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.BatchOptions;
import org.clamp3.core.pipeline.BatchRunner;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.Output;
import org.clamp3.core.pipeline.Shard;
import org.clamp3.preprocess.metadata.FileMetadata;

/**
 * Builds or updates an index from a folder tree. A file is identified by its key (relative path
 * without extension); against what the index remembers it is
 * <ul>
 *   <li>unchanged: same path, size and mtime, or same size and content hash (then only its mtime
 *       is updated, its vectors are kept);
 *   <li>added or updated: embedded (through the batch runner: workers read and encode while the
 *       model computes) and written as a whole, a commit after each round of files;
 *   <li>removed: no longer in the tree (of this shard), deleted.
 * </ul>
 * When nothing needs embedding the embedder is never created (no model is loaded). A file that
 * fails is reported and left out; an earlier entry under its key is removed, so the index never
 * holds a vector of content that is no longer there.
 */
public final class IndexBuilder {
    private final Path source;
    private final IndexUpdater updater;
    private final Set<String> extensions;
    private final Shard shard;
    private final int workers;
    private final Function<Path, Map<String, Object>> metadata;

    /** Counts of one run. */
    public record Report(int added, int updated, int removed, int unchanged, int failed, long items, long segments) {
        public String line() {
            return "index: " + added + " added, " + updated + " updated, " + removed + " removed, " + unchanged
                    + " unchanged" + (failed > 0 ? ", " + failed + " failed" : "") + "; " + items + " items"
                    + (segments > 0 ? " (" + segments + " segments)" : "");
        }
    }

    /** What a run will do, decided before any model is loaded. */
    public record Plan(List<FileTask> embed, List<String> removed, List<Touched> touched, int unchanged,
                       List<InvalidInputException> collisions, Map<String, StoredFile> indexed) {}

    /** A file whose content is the same as indexed but whose mtime changed. */
    public record Touched(String key, long mtime) {}

    /** A builder that stores the metadata found in each file (title, artist, composer, track names). */
    public IndexBuilder(Path source, IndexUpdater updater, Set<String> extensions, Shard shard, int workers) {
        this(source, updater, extensions, shard, workers, FileMetadata::read);
    }

    /**
     * @param extensions the lower-case extensions of the files to index
     * @param metadata reads a file's descriptive metadata (never throws for a bad file)
     */
    public IndexBuilder(Path source, IndexUpdater updater, Set<String> extensions, Shard shard, int workers,
                        Function<Path, Map<String, Object>> metadata) {
        this.source = source;
        this.updater = updater;
        this.extensions = extensions;
        this.shard = shard;
        this.workers = workers;
        this.metadata = metadata;
    }

    /** Compares the tree with the index. */
    public Plan plan() throws IOException {
        Map<String, StoredFile> indexed;
        try (MusicIndex index = MusicIndex.open(updater.dir())) {
            indexed = index.storedFiles();
        }
        List<FileTask> all = new ArrayList<>();
        for (FileTask t : MirroredTree.tasks(source, updater.dir().resolve("keys"), extensions, "key")) {
            if (shard.contains(t.relative())) {
                all.add(t);
            }
        }
        List<InvalidInputException> collisions = new ArrayList<>();
        List<FileTask> unique = MirroredTree.withoutCollisions(all, collisions::add);
        List<FileTask> embed = new ArrayList<>();
        List<Touched> touched = new ArrayList<>();
        Set<String> present = new HashSet<>();
        int unchanged = 0;
        for (FileTask t : unique) {
            String key = keyOf(t.relative());
            present.add(key);
            StoredFile was = indexed.get(key);
            long size = Files.size(t.input());
            long mtime = Files.getLastModifiedTime(t.input()).toMillis();
            if (was != null && was.path().equals(t.relative()) && was.size() == size) {
                if (was.mtime() == mtime) {
                    unchanged++;
                    continue;
                }
                if (was.hash() != null && was.hash().equals(hash(t.input()))) {
                    touched.add(new Touched(key, mtime));
                    unchanged++;
                    continue;
                }
            }
            embed.add(t);
        }
        // collisions keep no entry of their own: a key that only a colliding file had is not "removed" yet
        for (InvalidInputException c : collisions) {
            present.add(keyOf(source.relativize(c.file()).toString().replace(c.file().getFileSystem().getSeparator(), "/")));
        }
        List<String> removed = new ArrayList<>();
        for (StoredFile f : indexed.values()) {
            if (!present.contains(f.key()) && shard.contains(f.path())) {
                removed.add(f.key());
            }
        }
        return new Plan(embed, removed, touched, unchanged, collisions, indexed);
    }

    /**
     * Carries out a plan.
     *
     * @param embedder made only when some file needs embedding; closed at the end
     * @param listener hears each embedded (or failed) file, collisions included
     */
    public Report run(Plan plan, Supplier<ItemEmbedder<?>> embedder, BatchListener listener)
            throws IOException, InterruptedException {
        for (InvalidInputException c : plan.collisions()) {
            listener.done(new FileTask(c.file(), source.relativize(c.file()).toString(), c.file()), BatchListener.Outcome.FAILED, c);
        }
        for (String key : plan.removed()) {
            updater.delete(key);
        }
        if (!plan.touched().isEmpty()) {
            try (MusicIndex index = MusicIndex.open(updater.dir())) {
                for (Touched t : plan.touched()) {
                    IndexEntry e = index.entry(t.key()).orElseThrow();
                    updater.put(new IndexEntry(e.key(), e.modality(), e.path(), e.size(), t.mtime(), e.hash(), e.metadata(),
                            e.model(), e.vector(), e.segments()));
                }
            }
        }
        int[] counts = new int[3]; // added, updated, failed
        if (!plan.embed().isEmpty()) {
            try (ItemEmbedder<?> e = embedder.get()) {
                embed(plan, e, listener, counts);
            }
        }
        updater.commit();
        IndexMeta meta = updater.meta();
        return new Report(counts[0], counts[1], plan.removed().size(), plan.unchanged(), counts[2] + plan.collisions().size(),
                meta.items(), meta.segments());
    }

    private <P> void embed(Plan plan, ItemEmbedder<P> embedder, BatchListener listener, int[] counts)
            throws IOException, InterruptedException {
        BatchListener counting = (task, outcome, error) -> {
            String key = keyOf(task.relative());
            if (outcome == BatchListener.Outcome.FAILED || outcome == BatchListener.Outcome.NO_OUTPUT) {
                counts[2]++;
                if (plan.indexed().containsKey(key)) {
                    try {
                        updater.delete(key); // its content changed and cannot be embedded: the old vector is stale
                    } catch (IOException e) {
                        throw new java.io.UncheckedIOException(e);
                    }
                }
            } else {
                counts[plan.indexed().containsKey(key) ? 1 : 0]++;
            }
            listener.done(task, outcome, error);
        };
        new BatchRunner(new BatchOptions(workers, true, ExtractionOptions.FILES_PER_ROUND))
                .run(plan.embed(), new Job<>(embedder), counting);
    }

    /** A prepared file: what the index stores besides its vectors, and what the embedder made of it. */
    private record Pending<P>(long size, long mtime, String hash, Map<String, Object> metadata, P prepared) {}

    /** Embeds a round, puts its entries and commits them together. */
    private final class Job<P> implements FileJob<Pending<P>> {
        private final ItemEmbedder<P> embedder;

        Job(ItemEmbedder<P> embedder) {
            this.embedder = embedder;
        }

        @Override
        public Pending<P> prepare(FileTask task) throws Exception {
            Path file = task.input();
            // size and mtime before the content: a file changed meanwhile is seen as changed next time
            long size = Files.size(file);
            long mtime = Files.getLastModifiedTime(file).toMillis();
            String hash = hash(file);
            Map<String, Object> meta;
            try {
                meta = metadata.apply(file);
            } catch (RuntimeException e) {
                meta = Map.of(); // metadata is optional
            }
            return new Pending<>(size, mtime, hash, meta, embedder.prepare(file));
        }

        @Override
        public List<Output> finish(List<FileTask> tasks, List<Pending<P>> prepared) {
            List<Path> files = new ArrayList<>();
            List<P> inputs = new ArrayList<>();
            for (int i = 0; i < tasks.size(); i++) {
                files.add(tasks.get(i).input());
                inputs.add(prepared.get(i).prepared());
            }
            List<ItemEmbedder.Embedded> embedded = embedder.finish(files, inputs);
            List<Output> outputs = new ArrayList<>(tasks.size());
            try {
                for (int i = 0; i < tasks.size(); i++) {
                    ItemEmbedder.Embedded e = embedded.get(i);
                    if (e.failure() != null) {
                        outputs.add(new Output.Failed(e.failure()));
                        continue;
                    }
                    FileTask t = tasks.get(i);
                    Pending<P> p = prepared.get(i);
                    List<Segment> segments = clip(e.segments(), p.metadata());
                    try {
                        updater.put(new IndexEntry(keyOf(t.relative()), e.modality(), t.relative(), p.size(), p.mtime(), p.hash(),
                                p.metadata(), updater.meta().model(), e.vector(), segments));
                        outputs.add(new Output.Kept());
                    } catch (IllegalArgumentException bad) {
                        outputs.add(new Output.Failed(new InvalidInputException(t.input(), bad.getMessage(), bad)));
                    }
                }
                updater.commit();
            } catch (IOException e) {
                throw new java.io.UncheckedIOException("cannot write the index: " + e.getMessage(), e);
            }
            return outputs;
        }
    }

    /** Segment ends cut at the track's duration when its metadata knows it (rows are 5 s, the last may be shorter). */
    private static List<Segment> clip(List<Segment> segments, Map<String, Object> metadata) {
        Object d = metadata.get("duration");
        if (!(d instanceof Number n) || segments.isEmpty()) {
            return segments;
        }
        double duration = n.doubleValue();
        List<Segment> out = new ArrayList<>(segments.size());
        for (Segment s : segments) {
            out.add(new Segment(s.start(), duration > s.start() ? Math.min(s.end(), duration) : s.end(), s.vector()));
        }
        return out;
    }

    /** An index key: the relative path without its extension. */
    public static String keyOf(String relative) {
        String ext = MirroredTree.extension(relative);
        return ext.isEmpty() ? relative : relative.substring(0, relative.length() - ext.length() - 1);
    }

    /** SHA-256 of a file's content, the first 32 hex digits. */
    static String hash(Path file) throws IOException {
        MessageDigest sha = sha256();
        try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha)) {
            in.transferTo(java.io.OutputStream.nullOutputStream());
        }
        return HexFormat.of().formatHex(sha.digest(), 0, 16);
    }

    /** The hash an entry stores for this content (as {@link #hash(Path)} of a file holding it). */
    public static String hash(byte[] content) {
        return HexFormat.of().formatHex(sha256().digest(content), 0, 16);
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
