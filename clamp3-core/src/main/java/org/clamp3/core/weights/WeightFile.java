package org.clamp3.core.weights;

import java.io.Closeable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Set;

/**
 * Named tensors from one weight file, however it is stored (a .safetensors file, or a state dict
 * inside a torch checkpoint). Closing it closes the file; its tensors cannot be read afterwards.
 */
public interface WeightFile extends Closeable {
    /** The file, for error messages about missing or mismatched tensors. */
    Path file();

    /** Tensor names in file order. */
    Set<String> names();

    /**
     * The tensor called {@code name}.
     *
     * @throws org.clamp3.core.io.InvalidInputException if there is none
     */
    LazyTensor tensor(String name);

    /** All tensors by name, in file order. */
    Map<String, LazyTensor> tensors();
}
