package org.clamp3.core.retrieval;

/** A query, its paired reference (both as printed paths) and their cosine similarity. */
public record ScoredPair(String query, String reference, float similarity) {}
