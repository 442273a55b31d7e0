package org.clamp3.core.retrieval;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.features.FeatureSet;

/**
 * The original clamp3_score.py {@code --group}: cosine similarity between the mean query vector
 * and the mean reference vector, over all files of both folders (no pairing).
 */
public final class GroupScore {
    private GroupScore() {}

    public static double of(FeatureSet queries, FeatureSet references) {
        if (queries.isEmpty() || references.isEmpty()) {
            throw new IllegalArgumentException("group similarity needs at least one query and one reference");
        }
        if (queries.dimension() != references.dimension()) {
            throw new IllegalArgumentException("queries have dimension " + queries.dimension()
                    + " but references have " + references.dimension());
        }
        float[] q = Cosine.mean(vectors(queries), queries.dimension());
        float[] r = Cosine.mean(vectors(references), references.dimension());
        return (float) Cosine.similarity(q, r);
    }

    private static List<float[]> vectors(FeatureSet set) {
        List<float[]> out = new ArrayList<>(set.size());
        for (int i = 0; i < set.size(); i++) {
            out.add(set.vector(i));
        }
        return out;
    }
}
