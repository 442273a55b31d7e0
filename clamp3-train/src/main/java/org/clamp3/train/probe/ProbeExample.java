package org.clamp3.train.probe;

/** One training or evaluation example: a global feature, its class index, and where it came from. */
public record ProbeExample(float[] feature, int label, String source) {}
