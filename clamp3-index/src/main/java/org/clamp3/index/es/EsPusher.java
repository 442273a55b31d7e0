package org.clamp3.index.es;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.index.IndexMeta;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexedItem;
import org.clamp3.index.MusicIndex;

/**
 * Copies the items of a local index into an Elasticsearch index: creates it with clamp3's mapping
 * when absent (refuses one of another model, dimension or origin), then bulk-loads the items with
 * {@code _id = key}, so a second push overwrites instead of adding and an interrupted push can
 * simply be run again. Items a bulk request could not take for load (429/503 per item) are sent
 * again with backoff. Audio segments are not pushed: the cluster answers item by item.
 */
public final class EsPusher {

    /** How a push goes; called on the pushing thread. */
    public interface Listener {
        /** The target is ready: {@code created} when this push made it. */
        default void started(long items, boolean created, String vectorType) {}

        /** {@code n} more items were accepted. */
        default void pushed(int n) {}
    }

    /**
     * @param pushed items sent and accepted
     * @param documents documents in the Elasticsearch index afterwards
     * @param created whether this push created the index
     * @param vectorType hnsw or int8_hnsw, as the index is mapped
     * @param segmentsLeftOut the local index's segments, which are not pushed
     * @param retries requests (or bulk items' re-sends) that waited after a 429/503
     */
    public record Report(long pushed, long documents, boolean created, String vectorType, long segmentsLeftOut, long retries) {}

    private final EsClient client;
    private final int batch;

    /** @param batch items per bulk request */
    public EsPusher(EsClient client, int batch) {
        if (batch < 1) {
            throw new IllegalArgumentException("--batch must be at least 1, got " + batch);
        }
        this.client = client;
        this.batch = batch;
    }

    /**
     * @param quantization how the cluster should index the vectors (hnsw or int8_hnsw), or null for
     *                     the local index's own setting (or, when the target exists, whatever it has)
     * @throws EsException when the target holds another model's or dimension's vectors, was not made
     *                     by a push, or the cluster fails (the message says how far the push got)
     */
    public Report push(MusicIndex local, IndexSettings.Quantization quantization, Listener listener) throws IOException {
        IndexMeta meta = local.meta();
        boolean created = false;
        Optional<EsMapping.Described> existing = EsMapping.read(client);
        String vectorType;
        if (existing.isEmpty()) {
            IndexSettings.Quantization q = quantization != null ? quantization : meta.settings().quantization();
            EsClient.Response r = client.send("PUT", client.indexPath(""), EsMapping.createBody(meta, q));
            if (r.ok()) {
                created = true;
                vectorType = EsMapping.vectorType(q);
            } else if (r.status() == 400 && r.body().path("error").path("type").asText().equals("resource_already_exists_exception")) {
                // created by someone else since we looked: check it as any existing index
                vectorType = check(local, EsMapping.read(client).orElseThrow(() -> client.failure(r, "creating the index")), quantization);
            } else {
                throw client.failure(r, "creating the index");
            }
        } else {
            vectorType = check(local, existing.get(), quantization);
        }
        listener.started(local.count(), created, vectorType);
        long[] pushed = {0};
        List<IndexedItem> pending = new ArrayList<>(batch);
        try {
            local.forEachIndexedItem(item -> {
                pending.add(item);
                if (pending.size() == batch) {
                    flush(pending, pushed, listener);
                }
            });
            flush(pending, pushed, listener);
        } catch (UncheckedIOException e) {
            throw stopped(e.getCause(), pushed[0], local.count());
        } catch (EsException e) {
            throw stopped(e, pushed[0], local.count());
        }
        client.expect("POST", client.indexPath("/_refresh"), null, "refreshing after the push");
        long documents = client.expect("GET", client.indexPath("/_count"), null, "counting documents").path("count").asLong();
        return new Report(pushed[0], documents, created, vectorType, meta.segments(), client.retries());
    }

    private EsException stopped(IOException cause, long pushed, long total) {
        return new EsException(client.target().describe() + ": the push stopped after " + pushed + " of " + total
                + " items (" + cause.getMessage() + "); run it again to finish: documents are keyed, nothing is duplicated",
                cause instanceof EsException es ? es.status() : 0, cause);
    }

    /** The existing target's vector type, after refusing one whose vectors would not mix with ours. */
    private String check(MusicIndex local, EsMapping.Described there, IndexSettings.Quantization quantization) throws EsException {
        IndexMeta meta = local.meta();
        String where = client.target().describe();
        if (meta.items() > 0 && there.dimension() != meta.dimension()) {
            throw new EsException(where + ": holds vectors of dimension " + there.dimension() + ", " + local.location()
                    + " has " + meta.dimension() + "; mixing them is refused (push to another --es-index)");
        }
        if (!Objects.equals(there.model(), meta.model())) {
            throw new EsException(where + ": holds vectors of model " + describe(there.model()) + ", " + local.location()
                    + " of model " + describe(meta.model()) + "; mixing models is refused (push to another --es-index)");
        }
        String therePrecision = there.precision() == null ? IndexMeta.FP32 : there.precision();
        if (!therePrecision.equals(meta.precision())) {
            throw new EsException(where + ": holds " + therePrecision + " vectors, " + local.location() + " " + meta.precision()
                    + " ones; mixing precisions is refused (push to another --es-index)");
        }
        if (there.mert() != null && meta.mert() != null && !there.mert().equals(meta.mert())) {
            throw new EsException(where + ": holds audio embedded with MERT model " + there.mert() + ", " + local.location()
                    + " with " + meta.mert() + "; mixing models is refused (push to another --es-index)");
        }
        if (quantization != null && quantization != there.settings().quantization()) {
            throw new EsException(where + ": was created with " + EsMapping.vectorType(there.settings().quantization())
                    + ", not " + EsMapping.vectorType(quantization) + " as --quantize asks; leave --quantize out or push to another --es-index");
        }
        return EsMapping.vectorType(there.settings().quantization());
    }

    private static String describe(String model) {
        return model == null ? "unknown (feature files indexed without --model)" : model;
    }

    private void flush(List<IndexedItem> pending, long[] pushed, Listener listener) {
        if (pending.isEmpty()) {
            return;
        }
        try {
            bulk(pending);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        pushed[0] += pending.size();
        listener.pushed(pending.size());
        pending.clear();
    }

    /** One bulk request; items refused for load are sent again (alone) with backoff. */
    private void bulk(List<IndexedItem> items) throws IOException {
        List<IndexedItem> todo = items;
        for (int retry = 0; ; retry++) {
            EsClient.Response r = client.send("POST", client.indexPath("/_bulk"), ndjson(todo), "application/x-ndjson");
            if (!r.ok()) {
                throw client.failure(r, "a bulk request");
            }
            if (!r.body().path("errors").asBoolean(false)) {
                return;
            }
            List<IndexedItem> again = new ArrayList<>();
            JsonNode results = r.body().path("items");
            for (int i = 0; i < todo.size(); i++) {
                JsonNode result = results.path(i).path("index");
                int status = result.path("status").asInt(0);
                if (status >= 200 && status < 300) {
                    continue;
                }
                if (status == 429 || status == 503) {
                    again.add(todo.get(i));
                } else {
                    throw new EsException(client.target().describe() + ": item '" + todo.get(i).key() + "' was refused ("
                            + status + EsClient.reason(result) + ")", status, null);
                }
            }
            if (again.isEmpty()) {
                return;
            }
            if (retry + 1 >= client.backoff().attempts()) {
                throw new EsException(client.target().describe() + ": " + again.size() + " items were still refused for load (429/503) after "
                        + client.backoff().attempts() + " tries", 429, null);
            }
            client.pause(client.backoff().delay(retry));
            todo = again;
        }
    }

    private static byte[] ndjson(Collection<IndexedItem> items) throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream(items.size() * 10_000);
        for (IndexedItem item : items) {
            try (JsonGenerator g = EsClient.JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeObjectFieldStart("index");
                g.writeStringField("_id", item.key());
                g.writeEndObject();
                g.writeEndObject();
            }
            out.write('\n');
            try (JsonGenerator g = EsClient.JSON.createGenerator(out)) {
                g.writeStartObject();
                g.writeStringField(EsMapping.KEY, item.key());
                g.writeStringField(EsMapping.MODALITY, item.modality());
                g.writeStringField(EsMapping.PATH, item.path());
                String title = text(item.metadata().get("title"));
                if (title != null) {
                    g.writeStringField(EsMapping.TITLE, title);
                }
                String artist = text(item.metadata().getOrDefault("artists", item.metadata().get("composer")));
                if (artist != null) {
                    g.writeStringField(EsMapping.ARTIST, artist);
                }
                g.writeFieldName(EsMapping.METADATA);
                EsClient.JSON.writeValue(g, item.metadata());
                g.writeFieldName(EsMapping.VECTOR);
                g.writeStartArray();
                for (float x : item.vector()) {
                    g.writeNumber(x); // the shortest decimal that reads back as the same float
                }
                g.writeEndArray();
                g.writeEndObject();
            }
            out.write('\n');
        }
        return out.toByteArray();
    }

    /** A metadata value as text: a string, or a list's strings joined. */
    private static String text(Object value) {
        if (value instanceof String s) {
            return s.isBlank() ? null : s;
        }
        if (value instanceof Collection<?> c && !c.isEmpty()) {
            return c.stream().map(String::valueOf).collect(Collectors.joining(", "));
        }
        return null;
    }
}
