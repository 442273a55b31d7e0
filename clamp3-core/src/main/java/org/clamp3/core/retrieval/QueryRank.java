package org.clamp3.core.retrieval;

/** Where a query's own reference came in the ranking of all references (1 = first). */
public record QueryRank(String query, String reference, int rank) {}
