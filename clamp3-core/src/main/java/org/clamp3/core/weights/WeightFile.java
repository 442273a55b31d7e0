package org.clamp3.core.weights;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

import org.clamp3.core.io.InvalidInputException;

/**
 * Named tensors from one weight file, however it is stored (a .safetensors file, or a state dict
 * inside a torch checkpoint). Closing it closes the file; its tensors cannot be read afterwards.
 */
public interface WeightFile extends Closeable {
    /** The file, for error messages about missing or mismatched tensors. */
    Path file();

    /** All tensors by name, in file order. */
    Map<String, LazyTensor> tensors();

    /** Tensor names in file order. */
    default Set<String> names() {
        return tensors().keySet();
    }

    /**
     * The tensor called {@code name}.
     *
     * @throws InvalidInputException if there is none
     */
    default LazyTensor tensor(String name) {
        LazyTensor tensor = tensors().get(name);
        if (tensor == null) {
            throw new InvalidInputException(file(), "no tensor '" + name + "'" + where());
        }
        return tensor;
    }

    /** Where in the file the tensors are, for messages (e.g. " in state dict 'model'"); empty by default. */
    default String where() {
        return "";
    }
}
