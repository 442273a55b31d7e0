package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.List;
import java.util.PriorityQueue;

import org.clamp3.core.features.FeatureSet;

/**
 * Ranks the references of a feature set by cosine similarity to a query vector, like the
 * original clamp3_search.py. Equal similarities keep reference (relative-path) order.
 */
public final class Search {
    private final FeatureSet references;
    private final double[] norms;

    public Search(FeatureSet references) {
        this.references = references;
        this.norms = new double[references.size()];
        for (int i = 0; i < norms.length; i++) {
            norms[i] = Cosine.norm(references.vector(i));
        }
    }

    public int candidates() {
        return references.size();
    }

    /** The best {@code min(k, candidates)} references, most similar first. */
    public List<SearchHit> top(float[] query, int k) {
        if (query.length != references.dimension() && !references.isEmpty()) {
            throw new IllegalArgumentException("query has dimension " + query.length
                    + " but the references have " + references.dimension());
        }
        double qn = Cosine.norm(query);
        int n = references.size();
        int keep = Math.min(k, n);
        double[] sims = new double[n];
        // min-heap of the best `keep` indices: worst on top
        PriorityQueue<Integer> heap = new PriorityQueue<>((a, b) -> better(sims, b, a));
        for (int i = 0; i < n; i++) {
            sims[i] = Cosine.dot(query, references.vector(i)) / (qn * norms[i]);
            if (keep == 0) {
                continue;
            }
            if (heap.size() < keep) {
                heap.add(i);
            } else if (better(sims, i, heap.peek()) < 0) {
                heap.poll();
                heap.add(i);
            }
        }
        List<Integer> order = new ArrayList<>(heap);
        order.sort((a, b) -> better(sims, a, b));
        List<SearchHit> hits = new ArrayList<>(keep);
        for (int i : order) {
            hits.add(new SearchHit(references.file(i).searchKey(), (float) sims[i]));
        }
        return hits;
    }

    /** Negative when a ranks before b: higher similarity first, then earlier index. */
    private static int better(double[] sims, int a, int b) {
        int c = Double.compare(sims[b], sims[a]);
        return c != 0 ? c : Integer.compare(a, b);
    }
}
