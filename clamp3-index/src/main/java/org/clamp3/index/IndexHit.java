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

    /** As {@code search --json} prints it: key, similarity, modality, path, metadata (when any), segment (when one matched). */
    public Map<String, Object> asJson() {
        Map<String, Object> rec = new java.util.LinkedHashMap<>();
        rec.put("key", key);
        rec.put("similarity", (double) similarity);
        rec.put("modality", modality);
        rec.put("path", path);
        if (!metadata.isEmpty()) {
            rec.put("metadata", metadata);
        }
        if (hasSegment()) {
            Map<String, Object> seg = new java.util.LinkedHashMap<>();
            seg.put("start", segmentStart);
            seg.put("end", segmentEnd);
            rec.put("segment", seg);
        }
        return rec;
    }
}
