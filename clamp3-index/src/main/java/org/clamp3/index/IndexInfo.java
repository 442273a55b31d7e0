package org.clamp3.index;

import java.util.Map;

/**
 * A description of an index.
 *
 * @param items entries (files) per modality, in modality order
 * @param diskBytes all files of the index folder
 * @param vectorBytes bytes per kind of vector file: "float32" (.vec), "int8" (.veq), "graph" (.vex)
 */
public record IndexInfo(IndexMeta meta, Map<String, Long> items, long segments, long diskBytes,
                        Map<String, Long> vectorBytes) {
    public long count() {
        return items.values().stream().mapToLong(Long::longValue).sum();
    }

    /** The description as a JSON object: what {@code index info --json} prints and {@code /api/info} answers. */
    public Map<String, Object> asJson() {
        Map<String, Object> o = new java.util.LinkedHashMap<>();
        o.put("count", count());
        o.put("items", new java.util.LinkedHashMap<>(items));
        o.put("segments", segments);
        o.put("dimension", meta.dimension());
        o.put("quantization", meta.settings().quantization().label());
        o.put("model", meta.model());
        o.put("precision", meta.precision());
        o.put("mert", meta.mert());
        o.put("m", meta.settings().m());
        o.put("ef_construction", meta.settings().efConstruction());
        o.put("segment_seconds", meta.settings().segmentSeconds());
        o.put("source", meta.source());
        o.put("disk_bytes", diskBytes);
        o.put("vector_bytes", new java.util.LinkedHashMap<>(vectorBytes));
        return o;
    }
}
