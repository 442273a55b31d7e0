package org.clamp3.train.probe;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;

import org.clamp3.core.probe.LinearProbe;
import org.clamp3.core.probe.Softmax;
import org.junit.jupiter.api.Test;

class LinearProbeTrainerTest {

    /** Two well separated Gaussian blobs per class in 16-d. */
    private static List<ProbeExample> blobs(int perClass, int classes, long seed) {
        Random rnd = new Random(seed);
        List<ProbeExample> out = new ArrayList<>();
        for (int c = 0; c < classes; c++) {
            for (int i = 0; i < perClass; i++) {
                float[] x = new float[16];
                for (int k = 0; k < x.length; k++) {
                    x[k] = (float) (rnd.nextGaussian() * 0.3 + (k % classes == c ? 2 : 0));
                }
                out.add(new ProbeExample(x, c, "c" + c + "_" + i));
            }
        }
        return out;
    }

    @Test
    void learnsSeparableClassesAndReportsTheBestEpoch() throws Exception {
        List<String> labels = List.of("a", "b", "c");
        LinearProbeTrainer trainer = new LinearProbeTrainer(labels, 16, new ProbeTrainingOptions(5, 1e-2, 1, false, 1));
        List<LinearProbe> bestProbes = new ArrayList<>();
        List<EpochResult> results = trainer.train(blobs(30, 3, 1), blobs(10, 3, 2), (r, probe) -> {
            if (r.best()) {
                bestProbes.add(probe);
            }
        });
        assertEquals(5, results.size());
        EpochResult last = results.get(4);
        assertEquals(1.0, last.evalAccuracy(), 0, results.toString());
        assertEquals(1.0, last.evalMacroF1(), 1e-12);
        assertTrue(results.get(0).best());
        assertTrue(last.trainLoss() < results.get(0).trainLoss(), results.toString());
        assertEquals(labels, bestProbes.get(bestProbes.size() - 1).labels());
    }

    @Test
    void balancedEpochsUseTheSmallestClassSize() throws Exception {
        List<ProbeExample> train = new ArrayList<>(blobs(4, 2, 3));
        train.addAll(blobs(20, 2, 4).subList(20, 40)); // 20 more of class 1
        LinearProbeTrainer trainer = new LinearProbeTrainer(List.of("a", "b"), 16, new ProbeTrainingOptions(2, 1e-2, 0, true, 1));
        int[] seen = new int[1];
        List<EpochResult> r = trainer.train(train, blobs(3, 2, 5), (res, p) -> seen[0]++);
        assertEquals(2, seen[0]);
        assertEquals(2, r.size());
    }

    /** The analytic gradient of -log softmax(softmax(z))[y] against central differences. */
    @Test
    void gradientOfTheOriginalsLossMatchesFiniteDifferences() throws Exception {
        float[] x = {0.5f, -1.25f, 2f};
        int y = 1;
        double[][] w = {{0.1, -0.2, 0.3}, {0.05, 0.4, -0.1}, {-0.3, 0.2, 0.25}};
        double[] b = {0.01, -0.02, 0.03};
        double h = 1e-6;
        for (int c = 0; c < 3; c++) {
            for (int i = 0; i <= 3; i++) { // i == 3: bias
                double[][] wp = copy(w);
                double[][] wm = copy(w);
                double[] bp = b.clone();
                double[] bm = b.clone();
                if (i < 3) {
                    wp[c][i] += h;
                    wm[c][i] -= h;
                } else {
                    bp[c] += h;
                    bm[c] -= h;
                }
                double numeric = (loss(wp, bp, x, y) - loss(wm, bm, x, y)) / (2 * h);
                double analytic = analyticGradient(w, b, x, y, c, i);
                assertEquals(numeric, analytic, 1e-7, "d/d" + (i < 3 ? "w[" + c + "][" + i + "]" : "b[" + c + "]"));
            }
        }
    }

    private static double[][] copy(double[][] a) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
        }
        return c;
    }

    private static double[] logits(double[][] w, double[] b, float[] x) {
        double[] z = new double[w.length];
        for (int c = 0; c < w.length; c++) {
            z[c] = b[c];
            for (int i = 0; i < x.length; i++) {
                z[c] += w[c][i] * x[i];
            }
        }
        return z;
    }

    private static double loss(double[][] w, double[] b, float[] x, int y) {
        double[] q = Softmax.of(Softmax.of(logits(w, b, x)));
        return -Math.log(q[y]);
    }

    /** Reads the trainer's gradient through one plain-SGD-equivalent AdamW-free path: a single training step's grad. */
    private static double analyticGradient(double[][] w, double[] b, float[] x, int y, int c, int i) {
        double[] p = Softmax.of(logits(w, b, x));
        double[] q = Softmax.of(p);
        double dot = 0;
        double[] g = new double[p.length];
        for (int j = 0; j < p.length; j++) {
            g[j] = q[j] - (j == y ? 1 : 0);
            dot += p[j] * g[j];
        }
        double dz = p[c] * (g[c] - dot);
        return i < 3 ? dz * x[i] : dz;
    }
}
