package org.clamp3.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RetrievalEvalTest {

    private static void write(Path dir, String rel, float... v) throws IOException {
        Npy.writeFloat32(dir.resolve(rel), v, 1, v.length);
    }

    private static FeatureSet load(Path dir) {
        List<String> errors = new ArrayList<>();
        FeatureSet set = FeatureSet.load(dir.toString(), e -> errors.add(e.getMessage()));
        assertEquals(List.of(), errors);
        return set;
    }

    @Test
    void onEqualSimilarityTheOwnReferenceRanksFirst(@TempDir Path dir) throws IOException {
        // references b and c are identical; a query for c must still rank c first
        write(dir, "r/a.npy", 1, 0, 0);
        write(dir, "r/b.npy", 0, 1, 0);
        write(dir, "r/c.npy", 0, 1, 0);
        write(dir, "q/a.npy", 0.1f, 1, 0);  // closest to b/c, then a
        write(dir, "q/b.npy", 0, 1, 0);
        write(dir, "q/c.1.npy", 0, 2, 0);
        write(dir, "q/c.2.npy", 1, 0, 0);   // its own reference c is behind a
        RetrievalEval eval = RetrievalEval.of(new KeyPairing(load(dir.resolve("q")), load(dir.resolve("r"))));
        List<String> got = new ArrayList<>();
        for (QueryRank r : eval.ranks()) {
            got.add(r.query().substring(dir.toString().length() + 1) + "=" + r.rank());
        }
        assertEquals(List.of("q/b.npy=1", "q/c.1.npy=1", "q/c.2.npy=2", "q/a.npy=3"), got);
        assertEquals((1 + 1 + 0.5 + 1 / 3.0) / 4, eval.mrr(), 1e-12);
        assertEquals(0.5, eval.hitAt1());
        assertEquals(1.0, eval.hitAt10());
    }

    @Test
    void javaAndLibtorchProductsGiveTheSameRanks() {
        Random rnd = new Random(7);
        int m = 300;
        int n = 200;
        int d = 64;
        float[][] q = new float[m][d];
        float[][] r = new float[n][d];
        for (float[][] a : new float[][][] {q, r}) {
            for (float[] row : a) {
                for (int k = 0; k < d; k++) {
                    row[k] = (float) rnd.nextGaussian();
                }
            }
        }
        float[][] qu = new float[m][];
        float[][] ru = new float[n][];
        for (int i = 0; i < m; i++) {
            qu[i] = Cosine.unit(q[i]);
        }
        for (int j = 0; j < n; j++) {
            ru[j] = Cosine.unit(r[j]);
        }
        float[] java = new float[m * n];
        float[] torch = new float[m * n];
        SimilarityMatrix.inJava(qu, ru, (start, rows, s) -> System.arraycopy(s, 0, java, start * n, rows * n));
        SimilarityMatrix.inLibtorch(qu, ru, d, (start, rows, s) -> System.arraycopy(s, 0, torch, start * n, rows * n));
        for (int i = 0; i < java.length; i++) {
            assertEquals(java[i], torch[i], 1e-5f, "entry " + i);
        }
        float[] exact = new float[m * n];
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                exact[i * n + j] = (float) Cosine.similarity(q[i], r[j]);
            }
        }
        assertArrayEquals(exact, java, 1e-5f);
    }
}
