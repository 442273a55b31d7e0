package org.clamp3.index.es;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.retrieval.Cosine;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexHit;
import org.clamp3.index.IndexInfo;
import org.clamp3.index.IndexMeta;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.SearchRequest;
import org.clamp3.index.SearchableIndex;
import org.clamp3.index.StoredFile;

/**
 * A collection pushed to Elasticsearch, searched with its {@code knn} query (HNSW over the
 * cluster's copies of the unit vectors; with int8, the candidates are re-scored with the float
 * vectors, {@code rescore_vector}). As the embedded index re-scores its HNSW candidates, the hits'
 * similarities are computed again from their float32 vectors (in {@code _source}), so they equal
 * the embedded index's to the last bit; where a cluster leaves vectors out of {@code _source},
 * Elasticsearch's cosine score, (1 + cos) / 2, is turned back into cosine.
 */
public final class EsIndex implements SearchableIndex {
    /** The most candidates Elasticsearch takes per shard. */
    public static final int MAX_CANDIDATES = 10_000;
    /** With int8, candidates re-scored with float vectors per result wanted. */
    static final double OVERSAMPLE = 3.0;
    private static final int PAGE = 1_000;

    private final EsClient client;
    private final EsMapping.Described described;
    private volatile long count;

    private EsIndex(EsClient client, EsMapping.Described described, long count) {
        this.client = client;
        this.described = described;
        this.count = count;
    }

    /**
     * @throws EsException when the cluster cannot be reached, the index does not exist, or it was
     *                     not made by {@code clamp3 index push}
     */
    public static EsIndex open(EsClient client) throws IOException {
        EsMapping.Described d = EsMapping.read(client).orElseThrow(() -> new EsException(client.target().describe()
                + ": no such index; push one with `clamp3 index push INDEX --es URL --es-index NAME`", 404, null));
        return new EsIndex(client, d, liveCount(client));
    }

    private static long liveCount(EsClient client) throws EsException {
        return client.expect("GET", client.indexPath("/_count"), null, "counting documents").path("count").asLong();
    }

    @Override
    public String location() {
        return client.target().describe();
    }

    @Override
    public IndexMeta meta() {
        return described.meta(count);
    }

    /** Items now in the cluster (the last known count when it cannot be asked). */
    @Override
    public long count() {
        try {
            count = liveCount(client);
        } catch (EsException e) {
            // the count is informative; searches report the failure themselves
        }
        return count;
    }

    @Override
    public IndexInfo info() throws IOException {
        ObjectNode body = EsClient.JSON.createObjectNode();
        body.put("size", 0);
        body.putObject("aggs").putObject("modalities").putObject("terms").put("field", EsMapping.MODALITY).put("size", 100);
        JsonNode r = client.expect("POST", client.indexPath("/_search"), body, "counting items per modality");
        Map<String, Long> items = new TreeMap<>();
        for (JsonNode b : r.path("aggregations").path("modalities").path("buckets")) {
            items.put(b.path("key").asText(), b.path("doc_count").asLong());
        }
        count = items.values().stream().mapToLong(Long::longValue).sum();
        JsonNode stats = client.expect("GET", client.indexPath("/_stats/store"), null, "reading the index's size");
        long disk = stats.path("_all").path("primaries").path("store").path("size_in_bytes").asLong();
        return new IndexInfo(meta(), items, 0, disk, Map.of());
    }

    @Override
    public List<IndexHit> search(float[] query, SearchRequest request) throws IOException {
        if (query.length != described.dimension()) {
            throw new IllegalArgumentException("the query has dimension " + query.length + ", the index " + described.dimension());
        }
        int k = Math.min(request.k(), MAX_CANDIDATES);
        // EXACT: as many candidates as the cluster takes, which makes HNSW exhaustive on all but huge shards
        int candidates = request.mode() == SearchRequest.Mode.EXACT ? MAX_CANDIDATES
                : Math.min(MAX_CANDIDATES, Math.max(k, request.ef()));
        ObjectNode body = EsClient.JSON.createObjectNode();
        ObjectNode knn = body.putObject("knn");
        knn.put("field", EsMapping.VECTOR);
        ArrayNode q = knn.putArray("query_vector");
        for (float x : Cosine.unit(query)) {
            q.add(x);
        }
        knn.put("k", k);
        knn.put("num_candidates", candidates);
        if (request.modality() != null) {
            knn.putObject("filter").putObject("term").put(EsMapping.MODALITY, request.modality());
        }
        if (described.settings().quantization() == IndexSettings.Quantization.INT8) {
            knn.putObject("rescore_vector").put("oversample", OVERSAMPLE);
        }
        body.put("size", k);
        ArrayNode source = body.putArray("_source");
        source.add(EsMapping.KEY).add(EsMapping.MODALITY).add(EsMapping.PATH).add(EsMapping.METADATA).add(EsMapping.VECTOR);
        JsonNode r = client.expect("POST", client.indexPath("/_search"), body, "a kNN search");
        List<IndexHit> hits = new ArrayList<>();
        double qn = Cosine.norm(query);
        for (JsonNode h : r.path("hits").path("hits")) {
            JsonNode s = h.path("_source");
            float[] v = vector(s);
            float similarity = v != null && v.length == query.length
                    ? (float) (Cosine.dot(query, v) / (qn * Cosine.norm(v)))
                    : (float) (2.0 * h.path("_score").asDouble() - 1.0); // cosine's _score is (1 + cos) / 2
            hits.add(new IndexHit(s.path(EsMapping.KEY).asText(h.path("_id").asText()), similarity,
                    s.path(EsMapping.MODALITY).asText(), s.path(EsMapping.PATH).asText(), metadata(s), Double.NaN, Double.NaN));
        }
        // ties in path order, as the embedded index orders them
        hits.sort(Comparator.comparingDouble((IndexHit h) -> -h.similarity()).thenComparing(IndexHit::path));
        return hits;
    }

    private static Map<String, Object> metadata(JsonNode source) {
        JsonNode m = source.path(EsMapping.METADATA);
        if (!m.isObject() || m.isEmpty()) {
            return Map.of();
        }
        return EsClient.JSON.convertValue(m, new TypeReference<LinkedHashMap<String, Object>>() {});
    }

    @Override
    public Optional<IndexEntry> entry(String key) throws IOException {
        EsClient.Response r = client.send("GET", client.indexPath("/_doc/" + EsClient.encode(key)), null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw client.failure(r, "reading item '" + key + "'");
        }
        JsonNode s = r.body().path("_source");
        return Optional.of(new IndexEntry(key, s.path(EsMapping.MODALITY).asText(), s.path(EsMapping.PATH).asText(), 0, 0, null,
                metadata(s), described.model(), vector(s), List.of()));
    }

    @Override
    public Map<String, StoredFile> storedFiles() throws IOException {
        Map<String, StoredFile> files = new LinkedHashMap<>();
        scroll(List.of(EsMapping.KEY, EsMapping.PATH, EsMapping.MODALITY), s -> {
            String key = s.path(EsMapping.KEY).asText();
            files.put(key, new StoredFile(key, s.path(EsMapping.PATH).asText(), s.path(EsMapping.MODALITY).asText(), 0, 0, null));
        });
        return files;
    }

    @Override
    public void forEachItem(BiConsumer<String, float[]> consumer) throws IOException {
        scroll(List.of(EsMapping.KEY, EsMapping.VECTOR), s -> {
            float[] v = vector(s);
            consumer.accept(s.path(EsMapping.KEY).asText(), v == null ? null : Cosine.unit(v));
        });
    }

    /** Every document's source fields, in key order, a page at a time (search_after on the unique key). */
    private void scroll(List<String> fields, Consumer<JsonNode> consumer) throws IOException {
        String after = null;
        while (true) {
            ObjectNode body = EsClient.JSON.createObjectNode();
            body.put("size", PAGE);
            body.putArray("sort").add(EsMapping.KEY);
            ArrayNode source = body.putArray("_source");
            fields.forEach(source::add);
            if (after != null) {
                body.putArray("search_after").add(after);
            }
            JsonNode hits = client.expect("POST", client.indexPath("/_search"), body, "listing items").path("hits").path("hits");
            for (JsonNode h : hits) {
                consumer.accept(h.path("_source"));
            }
            if (hits.size() < PAGE) {
                return;
            }
            after = hits.get(hits.size() - 1).path("sort").path(0).asText();
        }
    }

    private static float[] vector(JsonNode source) {
        JsonNode v = source.path(EsMapping.VECTOR);
        if (!v.isArray()) {
            return null;
        }
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i).floatValue(); // the shortest decimal of a float reads back as that float
        }
        return out;
    }

    @Override
    public void close() {
        client.close();
    }
}
