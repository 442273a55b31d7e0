package org.clamp3.index.es;

import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.index.IndexMeta;
import org.clamp3.index.IndexSettings;

/**
 * The Elasticsearch index a push creates, and what it records about itself in its mapping's
 * {@code _meta.clamp3}: the model fingerprints, dimension and HNSW settings, so that a later push
 * of other vectors is refused and a search knows which model embeds its queries.
 */
final class EsMapping {
    static final String FORMAT = "clamp3-es/1";

    static final String KEY = "key";
    static final String MODALITY = "modality";
    static final String PATH = "path";
    static final String TITLE = "title";
    static final String ARTIST = "artist";
    static final String METADATA = "metadata";
    static final String VECTOR = "vector";

    private EsMapping() {}

    /** What an index pushed by clamp3 says of itself. */
    record Described(String indexName, int dimension, String model, String mert, IndexSettings settings, String source,
                     String precision) {
        IndexMeta meta(long items) {
            return new IndexMeta(dimension, model, mert, settings, source, items, 0, precision);
        }
    }

    static String vectorType(IndexSettings.Quantization q) {
        return q == IndexSettings.Quantization.INT8 ? "int8_hnsw" : "hnsw";
    }

    /** The body of the PUT that creates the index: mappings with _meta, default index settings. */
    static ObjectNode createBody(IndexMeta local, IndexSettings.Quantization quantization) {
        ObjectNode body = EsClient.JSON.createObjectNode();
        ObjectNode mappings = body.putObject("mappings");
        // strict: a document with a field we did not map is an error, not a silent new field
        mappings.put("dynamic", "strict");
        ObjectNode meta = mappings.putObject("_meta").putObject("clamp3");
        meta.put("format", FORMAT);
        meta.put("model", local.model());
        meta.put("mert", local.mert());
        meta.put("precision", local.precision());
        meta.put("dimension", local.dimension());
        meta.put("source", local.source());
        ObjectNode props = mappings.putObject("properties");
        props.putObject(KEY).put("type", "keyword");
        props.putObject(MODALITY).put("type", "keyword");
        props.putObject(PATH).put("type", "keyword");
        props.putObject(TITLE).put("type", "text");
        props.putObject(ARTIST).put("type", "text");
        // kept for the results (title, composer, artists, ...), not searchable
        props.putObject(METADATA).put("type", "object").put("enabled", false);
        ObjectNode vector = props.putObject(VECTOR);
        vector.put("type", "dense_vector");
        vector.put("dims", local.dimension());
        vector.put("index", true);
        vector.put("similarity", "cosine");
        ObjectNode options = vector.putObject("index_options");
        options.put("type", vectorType(quantization));
        options.put("m", local.settings().m());
        options.put("ef_construction", local.settings().efConstruction());
        return body;
    }

    /**
     * The description of the existing index, empty when there is none.
     *
     * @throws EsException when the index exists but was not made by a clamp3 push
     */
    static Optional<Described> read(EsClient client) throws EsException {
        EsClient.Response r = client.send("GET", client.indexPath("/_mapping"), null);
        if (r.status() == 404) {
            return Optional.empty();
        }
        if (!r.ok()) {
            throw client.failure(r, "reading the mapping");
        }
        // keyed by the concrete index: the name may be an alias
        Iterator<Map.Entry<String, JsonNode>> it = r.body().fields();
        if (!it.hasNext()) {
            return Optional.empty();
        }
        Map.Entry<String, JsonNode> first = it.next();
        if (it.hasNext()) {
            throw new EsException(client.target().describe() + ": names several indices (an alias or pattern); give one index");
        }
        JsonNode mappings = first.getValue().path("mappings");
        JsonNode meta = mappings.path("_meta").path("clamp3");
        JsonNode vector = mappings.path("properties").path(VECTOR);
        if (!FORMAT.equals(meta.path("format").asText(null)) || !"dense_vector".equals(vector.path("type").asText())) {
            throw new EsException(client.target().describe() + ": this index was not made by `clamp3 index push`"
                    + " (its mapping has no _meta.clamp3 of format " + FORMAT + " and dense_vector 'vector'); use another --es-index");
        }
        String type = vector.path("index_options").path("type").asText("hnsw").toLowerCase(Locale.ROOT);
        IndexSettings.Quantization q = type.startsWith("int8") ? IndexSettings.Quantization.INT8 : IndexSettings.Quantization.NONE;
        IndexSettings settings = new IndexSettings(q, vector.path("index_options").path("m").asInt(16),
                vector.path("index_options").path("ef_construction").asInt(100), 0);
        return Optional.of(new Described(first.getKey(), vector.path("dims").asInt(meta.path("dimension").asInt()),
                text(meta.path("model")), text(meta.path("mert")), settings, text(meta.path("source")),
                text(meta.path("precision")))); // absent before precisions were recorded: fp32
    }

    private static String text(JsonNode n) {
        return n.isTextual() && !n.asText().isEmpty() ? n.asText() : null;
    }
}
