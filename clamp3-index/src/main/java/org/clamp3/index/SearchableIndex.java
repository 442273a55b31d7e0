package org.clamp3.index;

import java.io.IOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.BiConsumer;

/**
 * What a search front end (the {@code search} command, {@code clamp3 serve}) needs of an index:
 * the embedded {@link MusicIndex}, or a collection pushed to a search server
 * ({@code org.clamp3.index.es.EsIndex}). Implementations are thread-safe.
 */
public interface SearchableIndex extends AutoCloseable {

    /** Where the index lives, for messages: a folder, or a server URL and index name. */
    String location();

    /** Dimension, model fingerprints, settings, source folder and counts. */
    IndexMeta meta();

    /** Entries (files), segments not counted. */
    long count();

    /** Counts, settings and sizes. */
    IndexInfo info() throws IOException;

    /** The best {@code request.k()} items for a query vector (any norm), most similar first; similarity is cosine. */
    List<IndexHit> search(float[] query, SearchRequest request) throws IOException;

    /** One entry with its vector, if the key is indexed. */
    Optional<IndexEntry> entry(String key) throws IOException;

    /** What the index remembers of each file, by key. */
    Map<String, StoredFile> storedFiles() throws IOException;

    /** Every item's key and unit-length vector (segments left out). */
    void forEachItem(BiConsumer<String, float[]> consumer) throws IOException;

    @Override
    void close() throws IOException;
}
