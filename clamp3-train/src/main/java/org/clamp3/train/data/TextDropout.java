package org.clamp3.train.data;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The original's training text for an item (TextMusicDataset.text_dropout): with probability
 * 0.5 the translation's fields, otherwise (or when those are empty) every string and list
 * element of the item except id, filepaths, language and translations; duplicates removed,
 * split into lines, each non-empty line kept with probability 0.5 (all lines, empty ones
 * included, if none is kept), shuffled, joined with the separator. The original removes
 * duplicates through a Python set (order depends on the string-hash seed); we keep first
 * occurrences, which gives the same candidate sets.
 */
public final class TextDropout {
    private static final Set<String> EXCLUDED = Set.of("id", "filepaths", "language", "translations");

    private TextDropout() {}

    public static String apply(JsonNode item, Random random, String separator) {
        List<String> candidates = new ArrayList<>();
        if (random.nextDouble() < 0.5) {
            JsonNode translations = item.get("translations");
            if (translations != null && translations.isObject()) {
                for (Iterator<Map.Entry<String, JsonNode>> it = translations.fields(); it.hasNext(); ) {
                    Map.Entry<String, JsonNode> e = it.next();
                    if (!e.getKey().equals("language")) {
                        addValue(candidates, e.getValue());
                    }
                }
            }
        }
        candidates.removeIf(String::isEmpty);
        if (candidates.isEmpty()) {
            for (Iterator<Map.Entry<String, JsonNode>> it = item.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> e = it.next();
                if (EXCLUDED.contains(e.getKey())) {
                    continue;
                }
                JsonNode v = e.getValue();
                if (v.isTextual()) {
                    candidates.add(v.asText());
                } else if (v.isArray()) {
                    for (JsonNode element : v) {
                        addValue(candidates, element);
                    }
                }
            }
        }
        candidates.removeIf(String::isEmpty);
        List<String> lines = new ArrayList<>();
        for (String c : new LinkedHashSet<>(candidates)) {
            Collections.addAll(lines, c.split("\n", -1));
        }
        List<String> selected = new ArrayList<>();
        for (String line : lines) {
            if (!line.isEmpty() && random.nextDouble() < 0.5) {
                selected.add(line);
            }
        }
        if (selected.isEmpty()) {
            selected = lines;
        }
        Collections.shuffle(selected, random);
        return String.join(separator, selected);
    }

    /** Only strings count; the original's None and non-strings drop out of its checks. */
    private static void addValue(List<String> out, JsonNode v) {
        if (v != null && v.isTextual()) {
            out.add(v.asText());
        }
    }

    /** Eval mode's text: the item's "analysis" field. */
    public static String evalText(JsonNode item) {
        JsonNode a = item.get("analysis");
        return a == null || a.isNull() ? "" : a.asText();
    }
}
