/**
 * Collections on an Elasticsearch (8.x) cluster: {@link org.clamp3.index.es.EsPusher} copies a
 * local index's items into an Elasticsearch index (a {@code dense_vector} with HNSW, float32 or
 * int8, cosine), and {@link org.clamp3.index.es.EsIndex} searches it with a kNN query behind the
 * same {@link org.clamp3.index.SearchableIndex} as the embedded index. Talks to the REST API with
 * the JDK's HttpClient and Jackson; retries 429/503 with backoff.
 *
 * <p>Uses org.clamp3.index (and core); the embedded index knows nothing of this package. Prints
 * nothing and never exits.
 */
package org.clamp3.index.es;
