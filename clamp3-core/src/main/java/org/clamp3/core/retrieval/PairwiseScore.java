package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The original clamp3_score.py in its default mode: the cosine similarity of every query with
 * its paired reference, and their mean.
 */
public final class PairwiseScore {
    private final List<ScoredPair> pairs;
    private final double mean;

    private PairwiseScore(List<ScoredPair> pairs, double mean) {
        this.pairs = pairs;
        this.mean = mean;
    }

    public static PairwiseScore of(KeyPairing pairing) {
        List<ScoredPair> pairs = new ArrayList<>();
        double sum = 0;
        for (String key : pairing.commonKeys()) {
            int r = pairing.referenceOf(key);
            float[] ref = pairing.references().vector(r);
            String refShown = pairing.references().file(r).shown();
            for (int q : pairing.queriesOf(key)) {
                float sim = (float) Cosine.similarity(pairing.queries().vector(q), ref);
                sum += sim;
                pairs.add(new ScoredPair(pairing.queries().file(q).shown(), refShown, sim));
            }
        }
        // most similar first; equal similarities by query path, so the output is reproducible
        pairs.sort(Comparator.comparingDouble((ScoredPair p) -> -p.similarity()).thenComparing(ScoredPair::query));
        return new PairwiseScore(List.copyOf(pairs), pairs.isEmpty() ? Double.NaN : sum / pairs.size());
    }

    /** Pairs sorted by similarity, highest first. */
    public List<ScoredPair> pairs() {
        return pairs;
    }

    /** Mean similarity over all pairs (NaN when there are none). */
    public double mean() {
        return mean;
    }
}
