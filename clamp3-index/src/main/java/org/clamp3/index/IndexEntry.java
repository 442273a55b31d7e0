package org.clamp3.index;

import java.util.List;
import java.util.Map;

/**
 * One indexed file.
 *
 * @param key its path relative to the source without the extension, '/'-separated
 * @param modality text, symbolic, audio, or "unknown" for feature files of unknown origin
 * @param path its path relative to the source
 * @param size bytes, and {@code mtime} milliseconds, when it was indexed
 * @param hash SHA-256 of its content (hex, 32 digits)
 * @param metadata title, artist, composer, ... where the file has them
 * @param model the fingerprint of the model that embedded it, null if unknown
 * @param vector its global feature as given (not normalized)
 * @param segments vectors of stretches of it (audio with --segments), in time order
 */
public record IndexEntry(String key, String modality, String path, long size, long mtime, String hash,
                         Map<String, Object> metadata, String model, float[] vector, List<Segment> segments) {}
