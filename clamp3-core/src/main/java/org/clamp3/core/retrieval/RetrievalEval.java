package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The original clamp3_eval.py: every query ranks all references that have a query (the common
 * keys) by cosine similarity; metrics are MRR and Hit@1/10/100 of the query's own reference,
 * which on equal similarity ranks first.
 *
 * <p>All similarities come from one matrix product ({@link SimilarityMatrix}) instead of the
 * original's per-query loop. A reference whose float32 similarity lies within {@link #MARGIN} of
 * the correct one's is compared again in double precision, so ranks do not depend on how the
 * product was blocked or vectorised, and identical vectors tie exactly.
 */
public final class RetrievalEval {
    /** Far above the float32 error of a 768-d dot product of unit vectors (about 1e-6). */
    static final float MARGIN = 2e-4f;

    private final List<QueryRank> ranks;
    private final double mrr;
    private final double hit1;
    private final double hit10;
    private final double hit100;

    private RetrievalEval(List<QueryRank> ranks, double mrr, double hit1, double hit10, double hit100) {
        this.ranks = ranks;
        this.mrr = mrr;
        this.hit1 = hit1;
        this.hit10 = hit10;
        this.hit100 = hit100;
    }

    public static RetrievalEval of(KeyPairing pairing) {
        List<String> keys = pairing.commonKeys();
        int n = keys.size();
        float[][] refs = new float[n][];
        float[][] refUnit = new float[n][];
        double[] refNorm = new double[n];
        String[] refShown = new String[n];
        for (int j = 0; j < n; j++) {
            int r = pairing.referenceOf(keys.get(j));
            refs[j] = pairing.references().vector(r);
            refNorm[j] = Cosine.norm(refs[j]);
            refUnit[j] = Cosine.unit(refs[j]);
            refShown[j] = pairing.references().file(r).shown();
        }
        // one row per matched query, remembering the index of its own reference
        List<float[]> queryRows = new ArrayList<>();
        List<Integer> correct = new ArrayList<>();
        List<String> queryShown = new ArrayList<>();
        for (int j = 0; j < n; j++) {
            for (int q : pairing.queriesOf(keys.get(j))) {
                queryRows.add(pairing.queries().vector(q));
                correct.add(j);
                queryShown.add(pairing.queries().file(q).shown());
            }
        }
        int m = queryRows.size();
        float[][] queryUnit = new float[m][];
        for (int i = 0; i < m; i++) {
            queryUnit[i] = Cosine.unit(queryRows.get(i));
        }
        int[] rank = new int[m];
        SimilarityMatrix.forEachBlock(queryUnit, refUnit, (start, rows, sims) -> {
            for (int i = 0; i < rows; i++) {
                int qi = start + i;
                rank[qi] = rankOfCorrect(sims, i * n, n, correct.get(qi), queryRows.get(qi), refs, refNorm);
            }
        });

        List<QueryRank> ranks = new ArrayList<>(m);
        double mrr = 0;
        int h1 = 0;
        int h10 = 0;
        int h100 = 0;
        for (int i = 0; i < m; i++) {
            int r = rank[i];
            mrr += 1.0 / r;
            h1 += r <= 1 ? 1 : 0;
            h10 += r <= 10 ? 1 : 0;
            h100 += r <= 100 ? 1 : 0;
            ranks.add(new QueryRank(queryShown.get(i), refShown[correct.get(i)], r));
        }
        ranks.sort(Comparator.comparingInt(QueryRank::rank).thenComparing(QueryRank::query));
        double total = m;
        return new RetrievalEval(List.copyOf(ranks), mrr / total, h1 / total, h10 / total, h100 / total);
    }

    /** 1 + the number of references strictly more similar to the query than its own. */
    private static int rankOfCorrect(float[] sims, int offset, int n, int correct, float[] query,
                                     float[][] refs, double[] refNorm) {
        float approx = sims[offset + correct];
        double queryNorm = Cosine.norm(query);
        double exact = Double.NaN;
        int better = 0;
        for (int j = 0; j < n; j++) {
            if (j == correct) {
                continue;
            }
            float s = sims[offset + j];
            if (s > approx + MARGIN) {
                better++;
            } else if (s >= approx - MARGIN) {
                if (Double.isNaN(exact)) {
                    exact = Cosine.dot(query, refs[correct]) / (queryNorm * refNorm[correct]);
                }
                if (Cosine.dot(query, refs[j]) / (queryNorm * refNorm[j]) > exact) {
                    better++;
                }
            }
        }
        return better + 1;
    }

    /** Each matched query's rank, sorted by rank, then query path. */
    public List<QueryRank> ranks() {
        return ranks;
    }

    public int queries() {
        return ranks.size();
    }

    public double mrr() {
        return mrr;
    }

    public double hitAt1() {
        return hit1;
    }

    public double hitAt10() {
        return hit10;
    }

    public double hitAt100() {
        return hit100;
    }
}
