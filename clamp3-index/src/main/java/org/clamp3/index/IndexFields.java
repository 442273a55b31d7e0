package org.clamp3.index;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.KnnFloatVectorField;
import org.apache.lucene.document.SortedDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.index.Term;
import org.apache.lucene.index.VectorSimilarityFunction;
import org.apache.lucene.util.BytesRef;
import org.clamp3.core.retrieval.Cosine;

/**
 * The index's document layout. An entry is a block of documents sharing its key: one per segment
 * then the item itself. Every document has a unit-length vector (the HNSW graph is built on dot
 * products of unit vectors), its key, kind, modality and path (indexed, and as doc values for
 * scans); items also store size, mtime, hash, metadata (JSON), model fingerprint and the vector's
 * norm; segments store their start and end.
 */
final class IndexFields {
    static final String KEY = "key";
    static final String KIND = "kind";
    static final String MODALITY = "modality";
    static final String PATH = "path";
    static final String SIZE = "size";
    static final String MTIME = "mtime";
    static final String HASH = "hash";
    static final String META = "meta";
    static final String MODEL = "model";
    static final String NORM = "norm";
    static final String START = "start";
    static final String END = "end";
    static final String VECTOR = "vector";

    static final String ITEM = "item";
    static final String SEGMENT = "segment";

    private static final ObjectMapper JSON = new ObjectMapper();

    private IndexFields() {}

    static Term keyTerm(String key) {
        return new Term(KEY, key);
    }

    /** The documents of one entry: its segments, then the item. */
    static List<Document> documents(IndexEntry e) {
        List<Document> docs = new ArrayList<>(e.segments().size() + 1);
        for (Segment s : e.segments()) {
            Document d = common(e, SEGMENT, s.vector());
            d.add(new StoredField(START, s.start()));
            d.add(new StoredField(END, s.end()));
            docs.add(d);
        }
        Document item = common(e, ITEM, e.vector());
        item.add(new StoredField(SIZE, e.size()));
        item.add(new StoredField(MTIME, e.mtime()));
        item.add(new StoredField(HASH, e.hash()));
        item.add(new StoredField(META, toJson(e.metadata())));
        if (e.model() != null) {
            item.add(new StoredField(MODEL, e.model()));
        }
        item.add(new StoredField(NORM, Cosine.norm(e.vector())));
        docs.add(item);
        return docs;
    }

    private static Document common(IndexEntry e, String kind, float[] vector) {
        Document d = new Document();
        d.add(new StringField(KEY, e.key(), Field.Store.YES));
        d.add(new SortedDocValuesField(KEY, new BytesRef(e.key())));
        d.add(new StringField(KIND, kind, Field.Store.YES));
        d.add(new StringField(MODALITY, e.modality(), Field.Store.YES));
        d.add(new SortedDocValuesField(MODALITY, new BytesRef(e.modality())));
        d.add(new StoredField(PATH, e.path()));
        d.add(new SortedDocValuesField(PATH, new BytesRef(e.path())));
        d.add(new KnnFloatVectorField(VECTOR, Cosine.unit(vector), VectorSimilarityFunction.DOT_PRODUCT));
        return d;
    }

    static String toJson(Map<String, Object> metadata) {
        try {
            return JSON.writeValueAsString(metadata == null ? Map.of() : metadata);
        } catch (JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Map<String, Object> fromJson(String json) {
        if (json == null || json.isEmpty()) {
            return Map.of();
        }
        try {
            return JSON.readValue(json, new TypeReference<LinkedHashMap<String, Object>>() {});
        } catch (IOException e) {
            throw new UncheckedIOException("stored metadata is not JSON: " + e.getMessage(), e);
        }
    }

    static String string(Document d, String field) {
        return d.get(field);
    }

    static long longValue(Document d, String field) {
        IndexableField f = d.getField(field);
        return f == null ? 0 : f.numericValue().longValue();
    }

    static double doubleValue(Document d, String field) {
        IndexableField f = d.getField(field);
        return f == null ? Double.NaN : f.numericValue().doubleValue();
    }
}
