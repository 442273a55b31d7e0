package org.clamp3.core.weights;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;

/**
 * A Python tuple: an immutable list of items, which may include null (None). Equality is by
 * value, so tuples can be dictionary keys. The {@link TorchCheckpointWriter} pickles it back as a
 * tuple.
 */
public record PickleTuple(List<Object> items) {
    public PickleTuple {
        items = Collections.unmodifiableList(new ArrayList<>(items));
    }

    public static PickleTuple of(Object... items) {
        return new PickleTuple(Arrays.asList(items));
    }

    public int size() {
        return items.size();
    }

    public Object get(int index) {
        return items.get(index);
    }
}
