package org.clamp3.cli;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.BiConsumer;
import java.util.function.Consumer;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.index.IndexMeta;
import org.clamp3.index.MusicIndex;

/**
 * The keyed global vectors of a TARGET argument, handed out one at a time in the target's order,
 * so that a source need not hold them all at once.
 *
 * <p>A TARGET is a folder of global features ({@link FeatureFolder}) or an index
 * ({@link IndexItems}, opened only while its items are handed out).
 */
interface ItemVectors {

    /** How many items {@link #forEach} will hand out (for progress bars). */
    long size();

    /** The length of every vector. */
    int dimension();

    /** Hands each item's key and vector to {@code action}, in order; the vector must not be modified. */
    void forEach(BiConsumer<String, float[]> action);

    /** The fingerprint of the model the vectors came from, null when unknown (feature files). */
    default String model() {
        return null;
    }

    /**
     * Opens a TARGET as the user typed it. Unusable files inside it go to {@code errors}.
     *
     * @throws InvalidInputException if it is no target, or holds no usable vectors
     */
    static ItemVectors open(String target, Consumer<InvalidInputException> errors) {
        Path path = Path.of(target);
        if (MusicIndex.exists(path)) {
            IndexMeta meta = MusicIndex.readMeta(path).orElseThrow();
            return new IndexItems(path, meta);
        }
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

    /** The items of an index (segments left out), keyed by their index keys. */
    record IndexItems(Path dir, IndexMeta meta) implements ItemVectors {
        @Override
        public long size() {
            return meta.items();
        }

        @Override
        public int dimension() {
            return meta.dimension();
        }

        @Override
        public String model() {
            return meta.model();
        }

        @Override
        public void forEach(BiConsumer<String, float[]> action) {
            try (MusicIndex index = MusicIndex.open(dir)) {
                index.forEachItem(action);
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the index " + dir + ": " + e.getMessage(), e);
            }
        }
    }
}
