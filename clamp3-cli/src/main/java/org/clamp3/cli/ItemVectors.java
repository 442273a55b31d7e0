package org.clamp3.cli;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.InvalidInputException;

/**
 * The keyed global vectors of a TARGET argument, handed out one at a time in the target's order,
 * so that a source need not hold them all at once.
 *
 * <p>Today a TARGET is a folder of global features ({@link FeatureFolder}). <b>Hook for index
 * targets:</b> an index gets its own implementation of this interface and one branch in
 * {@link #open}; the commands that take a TARGET ({@code classify zero-shot}) need no change.
 */
interface ItemVectors {

    /** How many items {@link #forEach} will hand out (for progress bars). */
    long size();

    /** The length of every vector. */
    int dimension();

    /** Hands each item's key and vector to {@code action}, in order; the vector must not be modified. */
    void forEach(BiConsumer<String, float[]> action);

    /**
     * Opens a TARGET as the user typed it. Unusable files inside it go to {@code errors}.
     *
     * @throws InvalidInputException if it is no target, or holds no usable vectors
     */
    static ItemVectors open(String target, Consumer<InvalidInputException> errors) {
        Path path = Path.of(target);
        // index targets: `if (<path is an index>) return new IndexVectors(path);` goes here
        if (!Files.isDirectory(path)) {
            throw new InvalidInputException(path, Files.exists(path)
                    ? "not a folder of global features (.npy)" : "no such folder");
        }
        return new FeatureFolder(FeatureSet.load(target, errors));
    }

    /** A folder of global features, keyed by path below the folder without {@code .npy} (as {@code search} keys them). */
    record FeatureFolder(FeatureSet features) implements ItemVectors {
        @Override
        public long size() {
            return features.size();
        }

        @Override
        public int dimension() {
            return features.dimension();
        }

        @Override
        public void forEach(BiConsumer<String, float[]> action) {
            for (int i = 0; i < features.size(); i++) {
                action.accept(features.file(i).searchKey(), features.vector(i));
            }
        }
    }
}
