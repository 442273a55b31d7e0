package org.clamp3.core.util;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.py.PyJson;

/** Writes JSONL files the way the original scripts do: one {@link PyJson#dumps} record per line, atomically. */
public final class JsonLines {
    private JsonLines() {}

    public static void write(Path file, Iterable<? extends Map<String, ?>> records) throws IOException {
        StringBuilder sb = new StringBuilder();
        for (Map<String, ?> r : records) {
            sb.append(PyJson.dumps(r)).append('\n');
        }
        AtomicFiles.writeString(file, sb.toString());
    }
}
