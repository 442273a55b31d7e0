package org.clamp3.index;

/** What the index remembers of an indexed file to tell whether it changed. */
public record StoredFile(String key, String path, String modality, long size, long mtime, String hash) {}
