package org.clamp3.onnx;

/**
 * A Linear weight (out, in) quantized symmetrically per output channel: q = round(w / s) in
 * [-127, 127] with s = max|w_row| / 127, zero point 0. Stored transposed, (in, out), as
 * DynamicQuantizeMatMul's B, with one scale per column.
 */
record Int8Weights(byte[] transposed, float[] scales) {

    static Int8Weights quantize(float[] w, int out, int in) {
        byte[] q = new byte[w.length];
        float[] scales = new float[out];
        for (int o = 0; o < out; o++) {
            float max = 0;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(w[o * in + i]));
            }
            float s = max > 0 ? max / 127f : 1f; // an all-zero row quantizes to zeros with any scale
            scales[o] = s;
            for (int i = 0; i < in; i++) {
                int v = (int) Math.rint(w[o * in + i] / s); // half to even, as torch quantizes
                q[i * out + o] = (byte) Math.max(-127, Math.min(127, v));
            }
        }
        return new Int8Weights(q, scales);
    }
}
