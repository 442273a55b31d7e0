package org.clamp3.core.features;

import java.nio.file.Path;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;

/**
 * Reads global feature vectors: a {@code .npy} of shape (1, D) or (D,) (any shape that squeezes
 * to one dimension), with finite values.
 */
public final class GlobalFeatures {
    private GlobalFeatures() {}

    /** Whether a .npy file holds one global vector (its shape squeezes to one dimension) rather than rows of features. */
    public static boolean isGlobal(Path file) {
        NpyArray array = Npy.read(file);
        return isGlobal(array.shape()) && array.size() > 0;
    }

    private static boolean isGlobal(int[] shape) {
        int nonUnit = 0;
        for (int d : shape) {
            if (d != 1) {
                nonUnit++;
            }
        }
        return nonUnit <= 1;
    }

    public static float[] read(Path file) {
        NpyArray array = Npy.read(file);
        int[] shape = array.shape();
        if (!isGlobal(shape) || array.size() == 0) {
            String expected = "expected a global feature of shape (1, D), got shape " + NpyArray.shapeString(shape);
            if (shape.length == 3) {
                throw new InvalidInputException(file, expected + " (a temporal feature; global features are needed)",
                        InvalidInputException.Hint.GLOBAL_FEATURES_NEEDED);
            }
            throw new InvalidInputException(file, expected);
        }
        if (array.dtype() != NpyArray.DType.FLOAT32 && array.dtype() != NpyArray.DType.FLOAT64) {
            throw new InvalidInputException(file, "expected float features, got " + array.dtype().name().toLowerCase());
        }
        float[] v = array.floats();
        for (int i = 0; i < v.length; i++) {
            if (!Float.isFinite(v[i])) {
                throw new InvalidInputException(file, "value " + v[i] + " at index " + i + " (features must be finite)");
            }
        }
        return v;
    }
}
