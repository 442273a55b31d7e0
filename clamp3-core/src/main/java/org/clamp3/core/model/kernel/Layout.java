package org.clamp3.core.model.kernel;

/** How a transformer layer's activations are laid out during inference. */
public enum Layout {
    /** (tokens, channels), the reference's layout: each linear layer is one libtorch {@code linear} (sgemm, bias fused). */
    ROWS,
    /**
     * (channels, tokens), every window's tokens side by side: each linear layer is a matrix
     * product or a 1×1 convolution, chosen per {@link ProductShape}; LayerNorm and attention
     * work on transposed views.
     */
    COLUMNS
}
