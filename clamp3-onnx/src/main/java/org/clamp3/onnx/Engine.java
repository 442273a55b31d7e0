package org.clamp3.onnx;

import java.util.Locale;

/** What runs the encoders' forward passes. */
public enum Engine {
    /** DJL's PyTorch engine: the reference, fp32 only. */
    LIBTORCH,
    /** ONNX Runtime's CPU provider on graphs built from the same weights: fp32 or int8. */
    ONNXRUNTIME;

    public String label() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** "libtorch" or "onnxruntime". */
    public static Engine parse(String s) {
        for (Engine e : values()) {
            if (e.label().equalsIgnoreCase(s)) {
                return e;
            }
        }
        throw new IllegalArgumentException("unknown engine '" + s + "': use libtorch or onnxruntime");
    }
}
