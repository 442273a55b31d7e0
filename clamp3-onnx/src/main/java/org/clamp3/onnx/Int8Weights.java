package org.clamp3.onnx;

/**
 * A Linear weight (out, in) quantized symmetrically per output channel: q = round(w / s) in
 * [-L, L] with s = max|w_row| / L, zero point 0. Stored transposed, (in, out), as
 * DynamicQuantizeMatMul's B, with one scale per column.
 *
 * <p>L is 127 (full int8) where the CPU multiplies u8·s8 into 32 bits (VNNI), and 63 (7 bits,
 * ORT's "reduce range") elsewhere: AVX2's u8·s8 pair sums go through saturating 16-bit adds, which
 * 255·127·2 overflows and 255·63·2 does not.
 */
record Int8Weights(byte[] transposed, float[] scales) {
    static final int FULL = 127;
    static final int REDUCED = 63;

    /** The level for this machine; {@code -Dclamp3.int8.levels=127|63} overrides it. */
    static int levelsForThisCpu() {
        String forced = System.getProperty("clamp3.int8.levels");
        if (forced != null) {
            int l = Integer.parseInt(forced.trim());
            if (l != FULL && l != REDUCED) {
                throw new IllegalArgumentException("clamp3.int8.levels must be 127 or 63, not " + forced);
            }
            return l;
        }
        return CpuFlags.hasVnni() ? FULL : REDUCED;
    }

    static Int8Weights quantize(float[] w, int out, int in) {
        return quantize(w, out, in, FULL);
    }

    static Int8Weights quantize(float[] w, int out, int in, int levels) {
        byte[] q = new byte[w.length];
        float[] scales = new float[out];
        for (int o = 0; o < out; o++) {
            float max = 0;
            for (int i = 0; i < in; i++) {
                max = Math.max(max, Math.abs(w[o * in + i]));
            }
            float s = max > 0 ? max / levels : 1f; // an all-zero row quantizes to zeros with any scale
            scales[o] = s;
            for (int i = 0; i < in; i++) {
                int v = (int) Math.rint(w[o * in + i] / s); // half to even, as torch quantizes
                q[i * out + o] = (byte) Math.max(-levels, Math.min(levels, v));
            }
        }
        return new Int8Weights(q, scales);
    }
}
