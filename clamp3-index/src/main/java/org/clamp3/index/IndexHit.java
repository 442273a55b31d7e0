package org.clamp3.index;

import java.util.Map;

/**
 * One search result.
 *
 * @param similarity cosine similarity to the query (the best of the item and its segments)
 * @param segmentStart start of the best-matching segment in seconds, NaN when the item has none
 */
public record IndexHit(String key, float similarity, String modality, String path, Map<String, Object> metadata,
                       double segmentStart, double segmentEnd) {
    public boolean hasSegment() {
        return !Double.isNaN(segmentStart);
    }
}
