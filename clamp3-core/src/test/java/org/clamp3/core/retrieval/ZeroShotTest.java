package org.clamp3.core.retrieval;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

class ZeroShotTest {
    private static final List<String> LABELS = List.of("a", "b", "c");
    private static final List<float[]> AXES = List.of(new float[] {1, 0, 0}, new float[] {0, 1, 0}, new float[] {0, 0, 1});

    @Test
    void probabilitiesAreTheSoftmaxOfTheCosinesAndSumToOne() {
        ZeroShot zs = new ZeroShot(LABELS, AXES);
        ZeroShot.Prediction p = zs.classify(new float[] {3, 4, 0});
        assertArrayEquals(new double[] {0.6, 0.8, 0.0}, p.similarities(), 1e-12);
        double z = Math.exp(0.6) + Math.exp(0.8) + Math.exp(0.0);
        assertArrayEquals(new double[] {Math.exp(0.6) / z, Math.exp(0.8) / z, 1 / z}, p.probabilities(), 1e-12);
        assertEquals(1.0, sum(p.probabilities()), 1e-12);
        assertEquals(1, p.best());
        assertEquals("b", p.label());
        assertArrayEquals(new int[] {1, 0, 2}, p.ranking());
        assertEquals(List.of("a", "b", "c"), new ArrayList<>(p.scores().keySet()));
        assertEquals(p.probabilities()[1], p.scores().get("b"));
    }

    @Test
    void theBestLabelIsTheArgmaxForRandomVectors() {
        Random r = new Random(7);
        List<String> labels = List.of("w", "x", "y", "z");
        List<float[]> vectors = new ArrayList<>();
        for (int i = 0; i < labels.size(); i++) {
            vectors.add(gaussian(r, 16));
        }
        ZeroShot zs = new ZeroShot(labels, vectors);
        for (int t = 0; t < 200; t++) {
            ZeroShot.Prediction p = zs.classify(gaussian(r, 16));
            for (int i = 0; i < labels.size(); i++) {
                assertTrue(p.similarities()[p.best()] >= p.similarities()[i]);
                assertTrue(p.probabilities()[p.best()] >= p.probabilities()[i]);
            }
            assertEquals(1.0, sum(p.probabilities()), 1e-12);
        }
        for (int i = 0; i < labels.size(); i++) {
            assertEquals(labels.get(i), zs.classify(vectors.get(i)).label()); // a label's own vector
        }
    }

    @Test
    void aTieGoesToTheFirstLabel() {
        ZeroShot zs = new ZeroShot(LABELS, AXES);
        assertEquals("b", zs.classify(new float[] {0, 1, 1}).label());
        assertEquals("a", zs.classify(new float[] {1, 1, 1}).label());
        assertEquals("a", zs.classify(new float[] {0, 0, 0}).label()); // all cosines 0
        ZeroShot same = new ZeroShot(List.of("first", "second"), List.of(new float[] {1, 2}, new float[] {2, 4}));
        ZeroShot.Prediction p = same.classify(new float[] {1, 2});
        assertEquals("first", p.label());
        assertArrayEquals(new double[] {0.5, 0.5}, p.probabilities(), 1e-15);
    }

    @Test
    void aLowerTemperatureSharpensWithoutChangingTheLabel() {
        float[] v = {3, 4, 0};
        ZeroShot.Prediction t1 = new ZeroShot(LABELS, AXES).classify(v);
        ZeroShot.Prediction sharp = new ZeroShot(LABELS, AXES, 0.01).classify(v);
        ZeroShot.Prediction flat = new ZeroShot(LABELS, AXES, 100).classify(v);
        assertEquals(t1.label(), sharp.label());
        assertEquals(t1.label(), flat.label());
        assertTrue(sharp.probabilities()[1] > 0.999999, () -> String.valueOf(sharp.probabilities()[1]));
        assertTrue(sharp.probabilities()[1] > t1.probabilities()[1]);
        assertTrue(flat.probabilities()[1] < t1.probabilities()[1]);
        assertEquals(1.0 / 3, flat.probabilities()[2], 0.01);
        // softmax(cos / T) exactly
        double z = Math.exp(0.6 / 0.5) + Math.exp(0.8 / 0.5) + 1;
        assertEquals(Math.exp(0.8 / 0.5) / z, new ZeroShot(LABELS, AXES, 0.5).classify(v).probabilities()[1], 1e-12);
        // tiny temperatures do not overflow
        ZeroShot.Prediction tiny = new ZeroShot(LABELS, AXES, 1e-300).classify(v);
        assertArrayEquals(new double[] {0, 1, 0}, tiny.probabilities(), 0);
    }

    @Test
    void itemsAreLabelledAsTheyComeFromAStreamOrAPushingSource() {
        ZeroShot zs = new ZeroShot(LABELS, AXES);
        List<ZeroShot.Labelled> out = zs.classify(Stream.of(new ZeroShot.Item("k1", new float[] {0, 0, 2}),
                new ZeroShot.Item("k2", new float[] {5, 1, 0}))).toList();
        assertEquals(List.of("k1", "k2"), out.stream().map(ZeroShot.Labelled::key).toList());
        assertEquals(List.of("c", "a"), out.stream().map(l -> l.prediction().label()).toList());

        Map<String, String> pushed = new LinkedHashMap<>();
        var consumer = zs.classifying((key, p) -> pushed.put(key, p.label()));
        consumer.accept("x", new float[] {0, 1, 0});
        consumer.accept("y", new float[] {0, 0, -1});
        assertEquals(Map.of("x", "b", "y", "a"), pushed);
    }

    @Test
    void invalidLabelSetsAndVectorsAreRefused() {
        assertEquals("zero-shot classification needs at least 2 labels, got 1",
                assertThrows(IllegalArgumentException.class, () -> new ZeroShot(List.of("a"), List.of(new float[] {1}))).getMessage());
        assertEquals("duplicate label 'a' (labels 1 and 3)", assertThrows(IllegalArgumentException.class,
                () -> new ZeroShot(List.of("a", "b", "a"), AXES)).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> new ZeroShot(List.of("a", "b"),
                List.of(new float[] {1, 0}, new float[] {1, 0, 0}))).getMessage().contains("dimension 3"));
        assertThrows(IllegalArgumentException.class, () -> new ZeroShot(List.of("a", "b"), AXES));
        assertThrows(IllegalArgumentException.class, () -> new ZeroShot(LABELS, AXES, 0));
        assertThrows(IllegalArgumentException.class, () -> new ZeroShot(LABELS, AXES, Double.NaN));
        assertEquals("vector has dimension 2, but the label vectors have 3", assertThrows(IllegalArgumentException.class,
                () -> new ZeroShot(LABELS, AXES).classify(new float[] {1, 0})).getMessage());
    }

    private static float[] gaussian(Random r, int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) r.nextGaussian();
        }
        return v;
    }

    private static double sum(double[] p) {
        double s = 0;
        for (double x : p) {
            s += x;
        }
        return s;
    }
}
