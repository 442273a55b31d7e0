package org.clamp3.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.FloatBuffer;
import java.util.Map;
import java.util.Random;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;

import org.clamp3.core.weights.FloatTensor;
import org.junit.jupiter.api.Test;

/**
 * One Linear layer alone, with weights of unit scale (where int8 error shows, unlike the tiny
 * fixtures' 0.02-scale weights under residual connections): fp32 equals x·Wᵀ + b, int8 is within
 * quantization error of it, and the quantizer itself round-trips within half a step.
 */
class LinearTest {
    private static final int ROWS = 37;
    private static final int IN = 96;
    private static final int OUT = 80;

    private static float[] run(Precision precision, float[] x, float[] w, float[] b) throws Exception {
        OnnxGraph g = new OnnxGraph("linear");
        g.input("x", OnnxGraph.FLOAT, "rows", (long) IN);
        String y = BertGraph.linear(g, "x", "l.", new FloatTensor(w, OUT, IN), g.floats("l.bias", b, OUT), precision);
        g.nodeTo("", "Identity", new String[] {y}, "y");
        g.output("y", OnnxGraph.FLOAT, "rows", (long) OUT);
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession s = env.createSession(g.toBytes(), new OrtSession.SessionOptions());
             OnnxTensor in = OnnxTensor.createTensor(env, FloatBuffer.wrap(x), new long[] {ROWS, IN});
             OrtSession.Result r = s.run(Map.of("x", in))) {
            FloatBuffer out = ((OnnxTensor) r.get(0)).getFloatBuffer();
            float[] values = new float[out.remaining()];
            out.get(values);
            return values;
        }
    }

    @Test
    void fp32IsTheProductAndInt8IsCloseToIt() throws Exception {
        check(0.999, 0.5);
    }

    /** Within {@code minCosine} and {@code maxAbs} of the exact product (outputs are about 10 in size). */
    private void check(double minCosine, double maxAbs) throws Exception {
        Random rnd = new Random(7);
        float[] x = gaussian(rnd, ROWS * IN);
        float[] w = gaussian(rnd, OUT * IN);
        float[] b = gaussian(rnd, OUT);
        float[] expected = new float[ROWS * OUT];
        for (int r = 0; r < ROWS; r++) {
            for (int o = 0; o < OUT; o++) {
                double s = b[o];
                for (int i = 0; i < IN; i++) {
                    s += (double) x[r * IN + i] * w[o * IN + i];
                }
                expected[r * OUT + o] = (float) s;
            }
        }
        assertArrayEquals(expected, run(Precision.FP32, x, w, b), 1e-3f);
        double[] d = Fixtures.compare(expected, run(Precision.INT8, x, w, b), OUT);
        // 8-bit weights and activations on unit-scale data: errors of about 1 % of the output's size
        assertTrue(d[1] > minCosine, "row cosine " + d[1]);
        assertTrue(d[0] < maxAbs, "max abs diff " + d[0] + " (outputs are about 10 in size)");
    }

    @Test
    void sevenBitWeightsStayCloseToo() throws Exception {
        String before = System.getProperty("clamp3.int8.levels");
        System.setProperty("clamp3.int8.levels", "63");
        try {
            check(0.998, 1.0); // half the levels: about twice the error
        } finally {
            if (before == null) {
                System.clearProperty("clamp3.int8.levels");
            } else {
                System.setProperty("clamp3.int8.levels", before);
            }
        }
        float[] w = {1f, -0.4f, 0.2f};
        Int8Weights q = Int8Weights.quantize(w, 1, 3, Int8Weights.REDUCED);
        assertArrayEquals(new byte[] {63, -25, 13}, q.transposed()); // -25.2 -> -25, 12.6 -> 13
    }

    @Test
    void quantizationIsPerOutputChannelAndSymmetric() {
        float[] w = {0.5f, -1f, 0.25f, /* row 2 */ 0f, 0f, 0f, /* row 3 */ 3f, 1.5f, -0.03f};
        Int8Weights q = Int8Weights.quantize(w, 3, 3);
        assertArrayEquals(new float[] {1f / 127, 1f, 3f / 127}, q.scales(), 1e-7f);
        // transposed: column o of (in, out) is output channel o
        assertEquals(64, q.transposed()[0]);   // 0.5 / (1/127) = 63.5 -> 64 (half to even)
        assertEquals(-127, q.transposed()[3]); // -1 -> -127
        assertEquals(0, q.transposed()[1]);    // the all-zero channel
        assertEquals(127, q.transposed()[2]);
        assertEquals(-1, q.transposed()[8]);   // -0.03 / (3/127) = -1.27 -> -1
    }

    private static float[] gaussian(Random rnd, int n) {
        float[] a = new float[n];
        for (int i = 0; i < n; i++) {
            a[i] = (float) rnd.nextGaussian();
        }
        return a;
    }
}
