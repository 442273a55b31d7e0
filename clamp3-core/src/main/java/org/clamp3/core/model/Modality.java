package org.clamp3.core.model;

/** The three kinds of input CLaMP 3 embeds. */
public enum Modality {
    TEXT, SYMBOLIC, AUDIO
}
