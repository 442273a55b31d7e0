package org.clamp3.core.model.train;

import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;

import org.clamp3.core.weights.FloatTensor;

/** A trainable model's weights as a state dict in the original checkpoint layout, ready to save. */
public final class StateDicts {
    private StateDicts() {}

    public static Map<String, Object> of(TrainableModel model) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : model.parameters().entrySet()) {
            out.put(e.getKey(), tensor(e.getValue(), model.transposedParameters().contains(e.getKey())));
        }
        out.putAll(model.unusedTensors());
        for (Map.Entry<String, String> tie : model.tiedParameters().entrySet()) {
            out.put(tie.getKey(), tensor(model.parameters().get(tie.getValue()), false));
        }
        return out;
    }

    private static FloatTensor tensor(NDArray array, boolean transposed) {
        long[] shape = array.getShape().getShape();
        float[] values = array.toFloatArray();
        if (!transposed) {
            return new FloatTensor(values, shape);
        }
        int rows = (int) shape[0];
        int cols = (int) shape[1];
        float[] back = new float[values.length];
        for (int r = 0; r < rows; r++) {
            for (int c = 0; c < cols; c++) {
                back[c * rows + r] = values[r * cols + c];
            }
        }
        return new FloatTensor(back, cols, rows);
    }
}
