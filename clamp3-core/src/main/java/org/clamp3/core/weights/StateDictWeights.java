package org.clamp3.core.weights;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;

/** A state dict inside a torch checkpoint, seen as a {@link WeightFile}; closing it closes the checkpoint. */
final class StateDictWeights implements WeightFile {
    private final TorchCheckpoint checkpoint;
    private final String what;
    private final Map<String, LazyTensor> tensors;

    /** {@code what}: how the state dict is named in error messages, e.g. "state dict 'model'". */
    StateDictWeights(TorchCheckpoint checkpoint, String what, Map<String, LazyTensor> tensors) {
        this.checkpoint = checkpoint;
        this.what = what;
        this.tensors = tensors;
    }

    @Override
    public Path file() {
        return checkpoint.file();
    }

    @Override
    public String where() {
        return " in " + what;
    }

    @Override
    public Map<String, LazyTensor> tensors() {
        return tensors;
    }

    @Override
    public void close() throws IOException {
        checkpoint.close();
    }
}
