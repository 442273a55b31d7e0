package org.clamp3.index;

/** A stretch of a track with its own vector: {@code [start, end)} seconds. */
public record Segment(double start, double end, float[] vector) {}
