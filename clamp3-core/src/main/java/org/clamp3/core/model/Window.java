package org.clamp3.core.model;

/** Items {@code [start, start + length)} of an input: what one forward pass of an encoder sees. */
public record Window(EncodedInput input, int start, int length) {}
