package org.clamp3.core.weights;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A dict that {@link TorchCheckpointWriter} pickles as {@code collections.OrderedDict}, the type of
 * a PyTorch {@code state_dict()}; entries keep the order of {@code entries}.
 */
public record StateDict(Map<String, ?> entries) {
    public StateDict {
        entries = Collections.unmodifiableMap(new LinkedHashMap<>(entries));
    }
}
