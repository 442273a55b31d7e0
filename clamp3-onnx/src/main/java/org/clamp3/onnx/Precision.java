package org.clamp3.onnx;

import java.util.Locale;

/** The arithmetic of the Linear layers in an ONNX graph; everything else is float32 in both. */
public enum Precision {
    /** float32 throughout: the reference, reproduces libtorch within the fixtures' tolerance. */
    FP32,
    /** per-output-channel symmetric int8 weights, activations quantized per call (DynamicQuantizeMatMul). */
    INT8;

    /** How int8 weights are stored on this machine (full 8 bits with VNNI, 7 bits without). */
    public static String int8Weights() {
        return Int8Weights.levelsForThisCpu() == Int8Weights.FULL ? "8-bit weights (VNNI)"
                : "7-bit weights (no VNNI: 8-bit u8·s8 pair sums could saturate)";
    }

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "fp32" or "int8", as the CLI and index metadata spell it. */
    public static Precision parse(String s) {
        for (Precision p : values()) {
            if (p.label().equalsIgnoreCase(s)) {
                return p;
            }
        }
        throw new IllegalArgumentException("unknown precision '" + s + "': use fp32 or int8");
    }
}
