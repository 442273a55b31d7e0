package org.clamp3.core.retrieval;

/** One search result: the reference's key and its cosine similarity to the query (float32, like the original). */
public record SearchHit(String key, float similarity) {}
