package org.clamp3.core.features;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;

import org.clamp3.core.io.InvalidInputException;

/**
 * The global feature vectors of a folder, all of one dimension. Files that cannot be used
 * (unreadable, wrong shape, non-finite values, a dimension other than the one most files have)
 * are reported to the error sink and left out; the rest are kept in relative-path order.
 */
public final class FeatureSet {
    private final List<FeatureFile> files;
    private final float[][] vectors;
    private final int dimension;

    private FeatureSet(List<FeatureFile> files, float[][] vectors, int dimension) {
        this.files = Collections.unmodifiableList(files);
        this.vectors = vectors;
        this.dimension = dimension;
    }

    /** Vectors computed in memory (e.g. by two engines, to compare), one per file, all of one dimension. */
    public static FeatureSet of(List<FeatureFile> files, float[][] vectors) {
        if (files.size() != vectors.length || vectors.length == 0) {
            throw new IllegalArgumentException(files.size() + " files for " + vectors.length + " vectors");
        }
        for (float[] v : vectors) {
            if (v.length != vectors[0].length) {
                throw new IllegalArgumentException("vectors of dimensions " + vectors[0].length + " and " + v.length);
            }
        }
        return new FeatureSet(new ArrayList<>(files), vectors.clone(), vectors[0].length);
    }

    /** Lists and reads every .npy below {@code folder} (as typed by the user). */
    public static FeatureSet load(String folder, Consumer<InvalidInputException> errors) {
        return load(FeatureFiles.list(folder), errors);
    }

    /** Reads the given files in parallel; bad ones go to {@code errors}, in list order. */
    public static FeatureSet load(List<FeatureFile> candidates, Consumer<InvalidInputException> errors) {
        int n = candidates.size();
        float[][] read = new float[n][];
        InvalidInputException[] failed = new InvalidInputException[n];
        IntStream.range(0, n).parallel().forEach(i -> {
            try {
                read[i] = GlobalFeatures.read(candidates.get(i).file());
            } catch (InvalidInputException e) {
                failed[i] = e;
            }
        });
        int dim = commonDimension(read);
        List<FeatureFile> files = new ArrayList<>(n);
        List<float[]> vectors = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            if (failed[i] != null) {
                errors.accept(failed[i]);
            } else if (read[i].length != dim) {
                errors.accept(new InvalidInputException(candidates.get(i).file(), "dimension " + read[i].length
                        + " differs from the " + dim + " of the other features"));
            } else {
                files.add(candidates.get(i));
                vectors.add(read[i]);
            }
        }
        return new FeatureSet(files, vectors.toArray(new float[0][]), dim);
    }

    /** The dimension most vectors have (the smallest such on a tie), 0 if none. */
    private static int commonDimension(float[][] read) {
        Map<Integer, Integer> counts = new HashMap<>();
        for (float[] v : read) {
            if (v != null) {
                counts.merge(v.length, 1, Integer::sum);
            }
        }
        int best = 0;
        int bestCount = 0;
        for (Map.Entry<Integer, Integer> e : counts.entrySet()) {
            if (e.getValue() > bestCount || (e.getValue() == bestCount && e.getKey() < best)) {
                best = e.getKey();
                bestCount = e.getValue();
            }
        }
        return best;
    }

    public int size() {
        return files.size();
    }

    public boolean isEmpty() {
        return files.isEmpty();
    }

    /** Vector length; 0 for an empty set. */
    public int dimension() {
        return dimension;
    }

    public FeatureFile file(int i) {
        return files.get(i);
    }

    public List<FeatureFile> files() {
        return files;
    }

    /** The i-th vector (not copied: do not modify). */
    public float[] vector(int i) {
        return vectors[i];
    }
}
