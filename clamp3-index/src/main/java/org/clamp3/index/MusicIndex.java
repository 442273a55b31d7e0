package org.clamp3.index;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.PriorityQueue;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BiConsumer;

import org.apache.lucene.document.Document;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.FloatVectorValues;
import org.apache.lucene.index.IndexNotFoundException;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.MultiTerms;
import org.apache.lucene.index.PostingsEnum;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.SegmentInfos;
import org.apache.lucene.index.SortedDocValues;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.Terms;
import org.apache.lucene.index.TermsEnum;
import org.apache.lucene.search.BooleanClause;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.KnnFloatVectorQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TopDocs;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.Bits;
import org.apache.lucene.util.BytesRef;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.retrieval.Cosine;

/**
 * An index opened for reading: search, entries, description. Thread-safe; one instance serves
 * any number of concurrent searches. Sees the last commit at the time it was opened.
 */
public final class MusicIndex implements SearchableIndex {
    private final Path dir;
    private final Directory directory;
    private final DirectoryReader reader;
    private final IndexSearcher searcher;
    private final IndexMeta meta;

    private MusicIndex(Path dir, Directory directory, DirectoryReader reader, IndexMeta meta) {
        this.dir = dir;
        this.directory = directory;
        this.reader = reader;
        this.searcher = new IndexSearcher(reader);
        this.meta = meta;
    }

    /** Whether {@code dir} holds a committed index (of any kind; {@link #open} checks it is ours). */
    public static boolean exists(Path dir) {
        if (!Files.isDirectory(dir)) {
            return false;
        }
        try (Directory d = FSDirectory.open(dir)) {
            return DirectoryReader.indexExists(d);
        } catch (IOException e) {
            return false;
        }
    }

    /** The description in the index's last commit, empty when there is no index in {@code dir}. */
    public static Optional<IndexMeta> readMeta(Path dir) {
        if (!exists(dir)) {
            return Optional.empty();
        }
        try (Directory d = FSDirectory.open(dir)) {
            return Optional.of(metaOf(dir, SegmentInfos.readLatestCommit(d).getUserData()));
        } catch (IOException e) {
            throw new InvalidInputException(dir, "cannot read the index: " + firstLine(e), e);
        }
    }

    static IndexMeta metaOf(Path dir, Map<String, String> userData) {
        try {
            return IndexMeta.fromUserData(userData);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(dir, e.getMessage(), e);
        }
    }

    /**
     * @throws InvalidInputException naming {@code dir} when it holds no readable clamp3 index
     */
    public static MusicIndex open(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new InvalidInputException(dir, "no such index folder");
        }
        Directory d = null;
        try {
            d = FSDirectory.open(dir);
            DirectoryReader r = DirectoryReader.open(d);
            IndexMeta meta;
            try {
                // Lucene checks only its small files' checksums when opening; a damaged data file
                // would surface later as any runtime exception. Check them all now (one read of the
                // index), so that damage is a one-line "checksum failed" here instead.
                for (org.apache.lucene.index.LeafReaderContext leaf : r.leaves()) {
                    leaf.reader().checkIntegrity();
                }
                meta = metaOf(dir, r.getIndexCommit().getUserData());
            } catch (IOException | RuntimeException e) {
                r.close();
                throw e;
            }
            return new MusicIndex(dir, d, r, meta);
        } catch (IndexNotFoundException e) {
            closeQuietly(d);
            throw new InvalidInputException(dir, "not an index (no Lucene commit here); build one with `clamp3 index build`", e);
        } catch (IOException e) {
            closeQuietly(d);
            throw new InvalidInputException(dir, "cannot open the index: " + firstLine(e), e);
        } catch (RuntimeException e) {
            closeQuietly(d);
            throw e;
        }
    }

    public Path dir() {
        return dir;
    }

    @Override
    public String location() {
        return dir.toString();
    }

    @Override
    public IndexMeta meta() {
        return meta;
    }

    /** Entries (files), segments not counted. */
    @Override
    public long count() {
        return meta.items();
    }

    DirectoryReader reader() {
        return reader;
    }

    /** The best {@code request.k()} items for a query vector (any norm), most similar first. */
    @Override
    public List<IndexHit> search(float[] query, SearchRequest request) throws IOException {
        if (query.length != meta.dimension() && meta.items() > 0) {
            throw new IllegalArgumentException("the query has dimension " + query.length + ", the index " + meta.dimension());
        }
        double qn = Cosine.norm(query);
        Query filter = request.modality() == null ? null : new TermQuery(new Term(IndexFields.MODALITY, request.modality()));
        boolean exact = switch (request.mode()) {
            case EXACT -> true;
            case APPROXIMATE -> false;
            case AUTO -> (filter == null ? reader.numDocs() : searcher.count(filter)) <= SearchRequest.EXACT_BELOW;
        };
        List<Scored> scored = exact ? scan(query, qn, request.modality(), request.k())
                : approximate(query, qn, filter, request);
        return hits(scored, request.k());
    }

    /** One scored document: leaf, doc within the leaf. */
    private record Scored(double similarity, int leaf, int doc) {}

    /** Brute force: every live vector of the modality. */
    private List<Scored> scan(float[] query, double qn, String modality, int k) throws IOException {
        boolean collapse = meta.segments() > 0;
        Map<String, Scored> bestPerKey = new HashMap<>();
        // without segments every document is its own item: keep the best k, and any tied with the k-th
        PriorityQueue<Scored> heap = new PriorityQueue<>(Comparator.comparingDouble(Scored::similarity));
        List<Scored> ties = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        for (int li = 0; li < leaves.size(); li++) {
            LeafReader leaf = leaves.get(li).reader();
            FloatVectorValues values = leaf.getFloatVectorValues(IndexFields.VECTOR);
            if (values == null) {
                continue;
            }
            Bits live = leaf.getLiveDocs();
            SortedDocValues modalities = modality == null ? null : leaf.getSortedDocValues(IndexFields.MODALITY);
            int wanted = modalities == null ? -1 : modalities.lookupTerm(new BytesRef(modality));
            if (modality != null && (modalities == null || wanted < 0)) {
                continue;
            }
            SortedDocValues keys = collapse ? leaf.getSortedDocValues(IndexFields.KEY) : null;
            for (int doc = values.nextDoc(); doc != FloatVectorValues.NO_MORE_DOCS; doc = values.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                if (modalities != null && (!modalities.advanceExact(doc) || modalities.ordValue() != wanted)) {
                    continue;
                }
                float[] v = values.vectorValue();
                Scored s = new Scored(Cosine.dot(query, v) / (qn * Cosine.norm(v)), li, doc);
                if (collapse) {
                    keys.advanceExact(doc);
                    String key = keys.lookupOrd(keys.ordValue()).utf8ToString();
                    bestPerKey.merge(key, s, (a, b) -> a.similarity() >= b.similarity() ? a : b);
                } else if (heap.size() < k) {
                    heap.add(s);
                } else if (s.similarity() > heap.peek().similarity()) {
                    Scored out = heap.poll();
                    heap.add(s);
                    if (out.similarity() == heap.peek().similarity()) {
                        ties.add(out);
                    }
                } else if (s.similarity() == heap.peek().similarity()) {
                    ties.add(s); // tied with the k-th best: the path decides later
                }
            }
        }
        if (collapse) {
            return new ArrayList<>(bestPerKey.values());
        }
        List<Scored> kept = new ArrayList<>(heap);
        double kth = heap.isEmpty() ? Double.NEGATIVE_INFINITY : heap.peek().similarity();
        for (Scored t : ties) {
            if (t.similarity() >= kth) {
                kept.add(t);
            }
        }
        return kept;
    }

    /** HNSW candidates re-scored with their float32 vectors. */
    private List<Scored> approximate(float[] query, double qn, Query filter, SearchRequest request) throws IOException {
        int candidates = Math.max(request.ef(), request.k());
        if (meta.segments() > 0) {
            // several documents of one item may come back; ask for enough to fill k items
            long perItem = 1 + (meta.segments() + meta.items() - 1) / Math.max(1, meta.items());
            candidates = (int) Math.min(Math.max(candidates, (long) request.k() * perItem), 10_000);
        }
        TopDocs top = searcher.search(new KnnFloatVectorQuery(IndexFields.VECTOR, Cosine.unit(query), candidates, filter), candidates);
        List<LeafReaderContext> leaves = reader.leaves();
        Map<Integer, List<Integer>> perLeaf = new TreeMap<>();
        for (ScoreDoc sd : top.scoreDocs) {
            int li = ReaderUtil.subIndex(sd.doc, leaves);
            perLeaf.computeIfAbsent(li, x -> new ArrayList<>()).add(sd.doc - leaves.get(li).docBase);
        }
        Map<String, Scored> bestPerKey = new HashMap<>();
        for (Map.Entry<Integer, List<Integer>> e : perLeaf.entrySet()) {
            LeafReader leaf = leaves.get(e.getKey()).reader();
            FloatVectorValues values = leaf.getFloatVectorValues(IndexFields.VECTOR);
            SortedDocValues keys = leaf.getSortedDocValues(IndexFields.KEY);
            List<Integer> docs = e.getValue();
            docs.sort(null);
            for (int doc : docs) {
                if (values.advance(doc) != doc || !keys.advanceExact(doc)) {
                    throw new IOException("document " + doc + " of segment " + e.getKey() + " has no vector or key");
                }
                float[] v = values.vectorValue();
                Scored s = new Scored(Cosine.dot(query, v) / (qn * Cosine.norm(v)), e.getKey(), doc);
                bestPerKey.merge(keys.lookupOrd(keys.ordValue()).utf8ToString(), s,
                        (a, b) -> a.similarity() >= b.similarity() ? a : b);
            }
        }
        return new ArrayList<>(bestPerKey.values());
    }

    /** The best k, ties in source-path order (as the folder search orders its references), with stored fields. */
    private List<IndexHit> hits(List<Scored> scored, int k) throws IOException {
        List<LeafReaderContext> leaves = reader.leaves();
        Map<Scored, Document> docs = new HashMap<>();
        scored.sort(Comparator.comparingDouble(Scored::similarity).reversed());
        // load stored fields only for the top k and everything tied with the k-th
        int limit = Math.min(k, scored.size());
        while (limit < scored.size() && scored.get(limit).similarity() == scored.get(limit - 1).similarity()) {
            limit++;
        }
        List<Scored> top = new ArrayList<>(scored.subList(0, limit));
        for (Scored s : top) {
            docs.put(s, leaves.get(s.leaf()).reader().storedFields().document(s.doc()));
        }
        top.sort(Comparator.comparingDouble(Scored::similarity).reversed()
                .thenComparing(s -> docs.get(s).get(IndexFields.PATH)));
        List<IndexHit> hits = new ArrayList<>(Math.min(k, top.size()));
        for (Scored s : top.subList(0, Math.min(k, top.size()))) {
            Document d = docs.get(s);
            boolean segment = IndexFields.SEGMENT.equals(d.get(IndexFields.KIND));
            Document item = segment ? itemDocument(d.get(IndexFields.KEY)) : d;
            hits.add(new IndexHit(d.get(IndexFields.KEY), (float) s.similarity(), d.get(IndexFields.MODALITY),
                    d.get(IndexFields.PATH), item == null ? Map.of() : IndexFields.fromJson(item.get(IndexFields.META)),
                    segment ? IndexFields.doubleValue(d, IndexFields.START) : Double.NaN,
                    segment ? IndexFields.doubleValue(d, IndexFields.END) : Double.NaN));
        }
        return hits;
    }

    private Document itemDocument(String key) throws IOException {
        TopDocs td = searcher.search(itemQuery(key), 1);
        return td.scoreDocs.length == 0 ? null : searcher.storedFields().document(td.scoreDocs[0].doc);
    }

    private static Query itemQuery(String key) {
        return new BooleanQuery.Builder()
                .add(new TermQuery(IndexFields.keyTerm(key)), BooleanClause.Occur.FILTER)
                .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.ITEM)), BooleanClause.Occur.FILTER)
                .build();
    }

    /** One entry with its vectors (unit length times the stored norm) and segments, if the key is indexed. */
    @Override
    public Optional<IndexEntry> entry(String key) throws IOException {
        TopDocs td = searcher.search(new TermQuery(IndexFields.keyTerm(key)), Integer.MAX_VALUE);
        Document item = null;
        float[] itemVector = null;
        List<Segment> segments = new ArrayList<>();
        List<LeafReaderContext> leaves = reader.leaves();
        List<ScoreDoc> docs = new ArrayList<>(List.of(td.scoreDocs));
        docs.sort(Comparator.comparingInt(sd -> sd.doc));
        for (ScoreDoc sd : docs) {
            LeafReaderContext ctx = leaves.get(ReaderUtil.subIndex(sd.doc, leaves));
            int doc = sd.doc - ctx.docBase;
            Document d = ctx.reader().storedFields().document(doc);
            FloatVectorValues values = ctx.reader().getFloatVectorValues(IndexFields.VECTOR);
            float[] v = values.advance(doc) == doc ? values.vectorValue().clone() : null;
            if (IndexFields.ITEM.equals(d.get(IndexFields.KIND))) {
                item = d;
                itemVector = v;
            } else {
                segments.add(new Segment(IndexFields.doubleValue(d, IndexFields.START), IndexFields.doubleValue(d, IndexFields.END), v));
            }
        }
        if (item == null) {
            return Optional.empty();
        }
        double norm = IndexFields.doubleValue(item, IndexFields.NORM);
        if (itemVector != null && !Double.isNaN(norm)) {
            for (int i = 0; i < itemVector.length; i++) {
                itemVector[i] = (float) (itemVector[i] * norm);
            }
        }
        segments.sort(Comparator.comparingDouble(Segment::start));
        return Optional.of(new IndexEntry(key, item.get(IndexFields.MODALITY), item.get(IndexFields.PATH),
                IndexFields.longValue(item, IndexFields.SIZE), IndexFields.longValue(item, IndexFields.MTIME),
                item.get(IndexFields.HASH), IndexFields.fromJson(item.get(IndexFields.META)), item.get(IndexFields.MODEL),
                itemVector, segments));
    }

    /** What the index remembers of each file, by key. */
    @Override
    public Map<String, StoredFile> storedFiles() throws IOException {
        Map<String, StoredFile> files = new LinkedHashMap<>();
        Set<String> fields = Set.of(IndexFields.KEY, IndexFields.PATH, IndexFields.MODALITY, IndexFields.SIZE,
                IndexFields.MTIME, IndexFields.HASH);
        forEachItemDocument(fields, (d, v) -> {
            String key = d.get(IndexFields.KEY);
            files.put(key, new StoredFile(key, d.get(IndexFields.PATH), d.get(IndexFields.MODALITY),
                    IndexFields.longValue(d, IndexFields.SIZE), IndexFields.longValue(d, IndexFields.MTIME), d.get(IndexFields.HASH)));
        });
        return files;
    }

    /** Every item's key and unit-length vector, in index order (segments left out). */
    @Override
    public void forEachItem(BiConsumer<String, float[]> consumer) throws IOException {
        forEachItemDocument(Set.of(IndexFields.KEY), (d, v) -> consumer.accept(d.get(IndexFields.KEY), v));
    }

    /** Every item with what a search shows of it and its unit vector, in index order (segments left out). */
    public void forEachIndexedItem(java.util.function.Consumer<IndexedItem> consumer) throws IOException {
        forEachItemDocument(Set.of(IndexFields.KEY, IndexFields.MODALITY, IndexFields.PATH, IndexFields.META),
                (d, v) -> consumer.accept(new IndexedItem(d.get(IndexFields.KEY), d.get(IndexFields.MODALITY),
                        d.get(IndexFields.PATH), IndexFields.fromJson(d.get(IndexFields.META)), v)));
    }

    /** Items' stored fields and their unit vectors (copies), leaf by leaf in document order. */
    void forEachItemDocument(Set<String> fields, BiConsumer<Document, float[]> consumer) throws IOException {
        for (LeafReaderContext ctx : reader.leaves()) {
            LeafReader leaf = ctx.reader();
            FloatVectorValues values = leaf.getFloatVectorValues(IndexFields.VECTOR);
            Bits live = leaf.getLiveDocs();
            var stored = leaf.storedFields();
            PostingsEnum items = leaf.postings(new Term(IndexFields.KIND, IndexFields.ITEM));
            if (items == null) {
                continue;
            }
            for (int doc = items.nextDoc(); doc != PostingsEnum.NO_MORE_DOCS; doc = items.nextDoc()) {
                if (live != null && !live.get(doc)) {
                    continue;
                }
                float[] v = values != null && values.advance(doc) == doc ? values.vectorValue().clone() : null;
                consumer.accept(stored.document(doc, fields), v);
            }
        }
    }

    /** Counts, settings and sizes. */
    @Override
    public IndexInfo info() throws IOException {
        Map<String, Long> items = new TreeMap<>();
        Terms terms = MultiTerms.getTerms(reader, IndexFields.MODALITY);
        if (terms != null) {
            TermsEnum te = terms.iterator();
            for (BytesRef t = te.next(); t != null; t = te.next()) {
                String m = t.utf8ToString();
                int n = searcher.count(new BooleanQuery.Builder()
                        .add(new TermQuery(new Term(IndexFields.MODALITY, m)), BooleanClause.Occur.FILTER)
                        .add(new TermQuery(new Term(IndexFields.KIND, IndexFields.ITEM)), BooleanClause.Occur.FILTER).build());
                if (n > 0) {
                    items.put(m, (long) n);
                }
            }
        }
        long segments = searcher.count(new TermQuery(new Term(IndexFields.KIND, IndexFields.SEGMENT)));
        long disk = 0;
        Map<String, Long> vectorBytes = new LinkedHashMap<>();
        vectorBytes.put("float32", 0L);
        vectorBytes.put("int8", 0L);
        vectorBytes.put("graph", 0L);
        for (String name : reader.getIndexCommit().getFileNames()) {
            long size = Files.size(dir.resolve(name));
            disk += size;
            String kind = name.endsWith(".vec") ? "float32" : name.endsWith(".veq") ? "int8"
                    : name.endsWith(".vex") ? "graph" : null;
            if (kind != null) {
                vectorBytes.merge(kind, size, Long::sum);
            }
        }
        return new IndexInfo(meta, items, segments, disk, vectorBytes);
    }

    /** The number of live documents of each kind, for checks. */
    long countKind(String kind) throws IOException {
        return searcher.count(new TermQuery(new Term(IndexFields.KIND, kind)));
    }

    long liveDocuments() {
        return reader.numDocs();
    }

    static Query all() {
        return new MatchAllDocsQuery();
    }

    static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        return m.lines().findFirst().orElse(m);
    }

    private static void closeQuietly(Directory d) {
        if (d != null) {
            try {
                d.close();
            } catch (IOException ignored) {
                // already failing: the first error is the one to report
            }
        }
    }

    @Override
    public void close() throws IOException {
        try {
            reader.close();
        } finally {
            directory.close();
        }
    }
}
