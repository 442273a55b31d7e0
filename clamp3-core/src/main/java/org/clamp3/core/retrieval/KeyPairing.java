package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.clamp3.core.features.FeatureFile;
import org.clamp3.core.features.FeatureSet;

/**
 * Pairs query features with reference features by key (relative folder plus the file name up to
 * its first dot), as the original clamp3_eval.py and clamp3_score.py do: several queries may share
 * one reference ({@code x.1.npy} and {@code x.2.npy} both pair with {@code x.npy}).
 */
public final class KeyPairing {
    private final FeatureSet queries;
    private final FeatureSet references;
    /** key -> indices of queries with that key, in relative-path order */
    private final Map<String, List<Integer>> queriesByKey = new TreeMap<>();
    /** key -> index of the reference with that key (the first by relative path) */
    private final Map<String, Integer> referenceByKey = new TreeMap<>();
    private final List<FeatureFile> duplicateReferences = new ArrayList<>();
    private final List<String> commonKeys = new ArrayList<>();

    public KeyPairing(FeatureSet queries, FeatureSet references) {
        this.queries = queries;
        this.references = references;
        for (int i = 0; i < queries.size(); i++) {
            queriesByKey.computeIfAbsent(queries.file(i).pairingKey(), k -> new ArrayList<>()).add(i);
        }
        for (int i = 0; i < references.size(); i++) {
            if (referenceByKey.putIfAbsent(references.file(i).pairingKey(), i) != null) {
                duplicateReferences.add(references.file(i));
            }
        }
        for (String key : queriesByKey.keySet()) {
            if (referenceByKey.containsKey(key)) {
                commonKeys.add(key);
            }
        }
    }

    public FeatureSet queries() {
        return queries;
    }

    public FeatureSet references() {
        return references;
    }

    /** Keys that have both queries and a reference, sorted. */
    public List<String> commonKeys() {
        return commonKeys;
    }

    public List<Integer> queriesOf(String key) {
        return queriesByKey.getOrDefault(key, List.of());
    }

    public int referenceOf(String key) {
        return referenceByKey.get(key);
    }

    /** Number of queries whose key has a reference. */
    public int matchedQueryCount() {
        int n = 0;
        for (String key : commonKeys) {
            n += queriesOf(key).size();
        }
        return n;
    }

    /** References whose key an earlier reference already took; they are not used. */
    public List<FeatureFile> duplicateReferences() {
        return duplicateReferences;
    }

    public boolean allMatched() {
        return commonKeys.size() == queriesByKey.size() && commonKeys.size() == referenceByKey.size();
    }

    /**
     * The unmatched files as the original writes them to unmatched_files.jsonl: one record per
     * key, {@code {"unmatched_query": [paths]}} or {@code {"unmatched_reference": [path]}}.
     */
    public List<Map<String, Object>> unmatchedRecords() {
        List<Map<String, Object>> out = new ArrayList<>();
        for (Map.Entry<String, List<Integer>> e : queriesByKey.entrySet()) {
            if (!referenceByKey.containsKey(e.getKey())) {
                List<String> paths = new ArrayList<>();
                for (int i : e.getValue()) {
                    paths.add(queries.file(i).shown());
                }
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("unmatched_query", paths);
                out.add(rec);
            }
        }
        for (Map.Entry<String, Integer> e : referenceByKey.entrySet()) {
            if (!queriesByKey.containsKey(e.getKey())) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("unmatched_reference", List.of(references.file(e.getValue()).shown()));
                out.add(rec);
            }
        }
        return out;
    }
}
