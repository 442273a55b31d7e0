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
}
