package org.clamp3.core.weights;

import java.util.Arrays;

/**
 * A float32 tensor to write: row-major values and a shape whose product is their count (an empty
 * shape is a 0-d scalar). The arrays are not copied; equality is by identity, as for arrays.
 */
public record FloatTensor(float[] data, long... shape) {
    public FloatTensor {
        long numel = 1;
        for (long size : shape) {
            if (size < 0) {
                throw new IllegalArgumentException("negative size in shape " + Arrays.toString(shape));
            }
            numel *= size;
        }
        if (numel != data.length) {
            throw new IllegalArgumentException("shape " + Arrays.toString(shape) + " needs " + numel
                    + " values, got " + data.length);
        }
    }
}
