package org.clamp3.core.model.nn;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;

import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.EncoderWeights;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.Window;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.EncoderConfig;

/**
 * The M3 patch encoder: each patch of PATCH_SIZE character codes is one-hot encoded over 128
 * classes and mapped by a Linear(PATCH_SIZE·128 → H) layer, then BERT runs over the patches.
 * The one-hot product is computed as what it is, a sum of the weight columns the codes select
 * (column {@code position·128 + code}), which is exact and avoids the 8192-wide matrix product.
 */
public final class SymbolicEncoder extends ModalityEncoder {
    /** Keeps the gathered (rows, PATCH_SIZE, H) block at 16 MB, below glibc's mmap threshold (see WindowedInference). */
    private static final long GATHER_FLOATS = 4L << 20;

    private final NDArray columns; // (PATCH_SIZE·128, H): patch_embedding.weight, transposed
    private final NDArray bias;
    private final int patchSize;

    /**
     * @param prefix       "symbolic_model." in a CLaMP 3 checkpoint, "encoder." in an M3 checkpoint
     * @param projPrefix   "symbolic_proj.", or null for a bare M3 encoder
     */
    public SymbolicEncoder(EncoderConfig config, WeightBinder w, String prefix, String projPrefix, int projectedSize,
                    int patchSize, int windowLength, Dropout dropout) {
        super(new BertEncoder(config, w, prefix + "base.", true, dropout), w, projPrefix, projectedSize, windowLength);
        this.patchSize = patchSize;
        // stored as (PATCH_SIZE·128, H) so each code's column is a contiguous row to gather
        this.columns = w.takeTransposed(prefix + "patch_embedding.weight", config.hiddenSize(), (long) patchSize * 128);
        this.bias = w.take(prefix + "patch_embedding.bias", config.hiddenSize());
    }

    @Override
    public Modality modality() {
        return Modality.SYMBOLIC;
    }

    @Override
    protected void exportInputTables(Map<String, NDArray> out) {
        out.put(EncoderWeights.PATCH_COLUMNS, columns);
        out.put(EncoderWeights.PATCH_BIAS, bias);
    }

    @Override
    protected NDArray embed(NDManager manager, List<Window> windows, int padTo) {
        int rows = windows.size() * padTo;
        long[] index = new long[rows * patchSize];
        for (int b = 0; b < windows.size(); b++) {
            Window win = windows.get(b);
            int[][] codes = ((EncodedInput.Patches) win.input()).codes();
            for (int r = 0; r < padTo; r++) {
                int base = (b * padTo + r) * patchSize;
                int[] patch = r < win.length() ? codes[win.start() + r] : null; // padding patches are all code 0
                for (int p = 0; p < patchSize; p++) {
                    index[base + p] = (long) p * 128 + (patch == null ? 0 : patch[p]);
                }
            }
        }
        NDArray idx = longs(manager, index, rows, patchSize);
        int h = hiddenSize();
        int chunk = (int) Math.max(1, GATHER_FLOATS / ((long) patchSize * h));
        List<NDArray> parts = new ArrayList<>();
        for (int start = 0; start < rows; start += chunk) {
            int end = Math.min(rows, start + chunk);
            parts.add(BertEncoder.gather(columns, idx.get(start + ":" + end)).sum(new int[] {1}));
        }
        NDArray summed = parts.size() == 1 ? parts.get(0) : NDArrays.concat(new NDList(parts), 0);
        return summed.addi(bias).reshape(windows.size(), padTo, h);
    }
}
