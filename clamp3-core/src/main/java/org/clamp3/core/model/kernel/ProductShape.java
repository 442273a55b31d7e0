package org.clamp3.core.model.kernel;

/** The linear products of a BERT-style layer, grouped by shape: a kernel may win on one and lose on another. */
public enum ProductShape {
    /** hidden → hidden: query, key, value and attention output (4 per layer). */
    ATTENTION,
    /** hidden → intermediate (4 × hidden): the feed-forward's first product. */
    FFN_UP,
    /** intermediate → hidden: the feed-forward's second product. */
    FFN_DOWN;

    /** The product's shape in a layer of this hidden and intermediate size: {out, in}. */
    public long[] outIn(long hidden, long intermediate) {
        return switch (this) {
            case ATTENTION -> new long[] {hidden, hidden};
            case FFN_UP -> new long[] {intermediate, hidden};
            case FFN_DOWN -> new long[] {hidden, intermediate};
        };
    }

    /** How many of these a layer runs. */
    public int perLayer() {
        return this == ATTENTION ? 4 : 1;
    }
}
