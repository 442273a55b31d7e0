package org.clamp3.core.weights;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.clamp3.core.io.InvalidInputException;

/** Opens a weight file as a {@link WeightFile}, whichever of the supported formats it is in. */
public final class WeightFiles {
    private WeightFiles() {}

    /**
     * Opens {@code file}: a .safetensors file (by extension, or by the '{' that starts its JSON
     * header at byte 8), or a torch.save zip. From a checkpoint it takes the state dict under
     * {@code stateDictKey} (e.g. "model") when the top-level dict has that key, otherwise the
     * top-level dict itself, which must then hold only tensors. {@code stateDictKey} may be null.
     *
     * @throws InvalidInputException if the file is in neither format or holds no such state dict
     */
    public static WeightFile open(Path file, String stateDictKey) throws IOException {
        byte[] head = new byte[9];
        int length;
        try (InputStream in = Files.newInputStream(file)) {
            length = in.readNBytes(head, 0, head.length);
        }
        boolean zip = length >= 2 && head[0] == 'P' && head[1] == 'K';
        boolean safetensorsHeader = length == head.length && head[8] == '{';
        if (file.getFileName().toString().endsWith(".safetensors") || (safetensorsHeader && !zip)) {
            return SafetensorsFile.open(file);
        }
        TorchCheckpoint checkpoint = TorchCheckpoint.open(file);
        try {
            boolean keyed = stateDictKey != null && checkpoint.root() instanceof Map
                    && ((Map<?, ?>) checkpoint.root()).containsKey(stateDictKey);
            String key = keyed ? stateDictKey : null;
            String what = keyed ? "state dict '" + stateDictKey + "'" : "the checkpoint";
            return new StateDictWeights(checkpoint, what, checkpoint.stateDict(key));
        } catch (RuntimeException e) {
            checkpoint.close();
            throw e;
        }
    }
}
