package org.clamp3.index;

import java.util.Map;

/**
 * One item of an index as it is exported (to a search server): what a search shows of it and its
 * unit-length vector.
 *
 * @param metadata title, composer, artists, ... where the file had them
 * @param vector unit length, as the index searches it
 */
public record IndexedItem(String key, String modality, String path, Map<String, Object> metadata, float[] vector) {}
