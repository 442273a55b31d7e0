package org.clamp3.index;

import java.nio.file.Path;
import java.util.List;

import org.clamp3.core.io.InvalidInputException;

/**
 * Turns files into index vectors in two steps, as the batch runner calls them: {@link #prepare}
 * on worker threads (read, convert, encode), {@link #finish} on the batch thread for a round of
 * files (batched forward passes).
 *
 * @param <P> what a file is prepared into
 */
public interface ItemEmbedder<P> extends AutoCloseable {

    /** @throws Exception an {@link InvalidInputException} naming the file, or any other reason it cannot be used */
    P prepare(Path file) throws Exception;

    /** The vectors of a round of prepared files, one result per file in the same order. */
    List<Embedded> finish(List<Path> files, List<P> prepared);

    /** One file's vectors, or why it has none. */
    record Embedded(String modality, float[] vector, List<Segment> segments, InvalidInputException failure) {
        public static Embedded failed(InvalidInputException e) {
            return new Embedded(null, null, List.of(), e);
        }
    }

    /** Releases the models it holds. */
    @Override
    void close();
}
