package org.clamp3.bench;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.retrieval.KeyPairing;

/**
 * The original clamp3_eval.py's algorithm, kept only as the benchmark's baseline: for every
 * query it rebuilds the reference matrix from the per-key vectors, computes cosine similarities
 * (normalise, multiply, sum, in float32 like torch), sorts (similarity, is-correct) pairs and
 * looks up the correct reference's position.
 */
final class PerQueryEval {
    private PerQueryEval() {}

    /** Ranks of the first {@code limit} matched queries, in common-key order. */
    static int[] ranks(KeyPairing pairing, int limit) {
        List<String> keys = pairing.commonKeys();
        List<int[]> queries = new ArrayList<>(); // {query index, correct reference position}
        for (int j = 0; j < keys.size(); j++) {
            for (int q : pairing.queriesOf(keys.get(j))) {
                queries.add(new int[] {q, j});
            }
        }
        int m = Math.min(limit, queries.size());
        int[] ranks = new int[m];
        for (int i = 0; i < m; i++) {
            float[] query = pairing.queries().vector(queries.get(i)[0]);
            int idx = queries.get(i)[1];
            // torch.tensor(np.array([reference_features[k] for k in common_keys])): a fresh copy per query
            float[][] refs = new float[keys.size()][];
            for (int j = 0; j < keys.size(); j++) {
                refs[j] = pairing.references().vector(pairing.referenceOf(keys.get(j))).clone();
            }
            List<double[]> indexed = new ArrayList<>(refs.length);
            for (int j = 0; j < refs.length; j++) {
                indexed.add(new double[] {j, cosine(query, refs[j])});
            }
            indexed.sort((a, b) -> {
                int c = Double.compare(b[1], a[1]);
                if (c != 0) {
                    return c;
                }
                return Boolean.compare((int) b[0] == idx, (int) a[0] == idx);
            });
            for (int r = 0; r < indexed.size(); r++) {
                if ((int) indexed.get(r)[0] == idx) {
                    ranks[i] = r + 1;
                    break;
                }
            }
        }
        return ranks;
    }

    private static float cosine(float[] a, float[] b) {
        float na = 0;
        float nb = 0;
        for (int k = 0; k < a.length; k++) {
            na += a[k] * a[k];
            nb += b[k] * b[k];
        }
        na = (float) Math.max(Math.sqrt(na), 1e-8);
        nb = (float) Math.max(Math.sqrt(nb), 1e-8);
        float s = 0;
        for (int k = 0; k < a.length; k++) {
            s += (a[k] / na) * (b[k] / nb);
        }
        return s;
    }
}
