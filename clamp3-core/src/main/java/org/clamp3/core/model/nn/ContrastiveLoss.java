package org.clamp3.core.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.DataType;

/**
 * CLaMP 3's CLIP-style symmetric loss over a batch of matching (text, music) pairs: logits are
 * LOGIT_SCALE · text · musicᵀ (the features are not normalised, as in the original), and the
 * loss is the mean of the cross-entropies of each row and each column against the diagonal.
 * Works on NDArrays so that training can differentiate it.
 */
public final class ContrastiveLoss {
    private ContrastiveLoss() {}

    /** Text-to-music logits, (B, B). */
    public static NDArray logitsPerText(NDArray text, NDArray music, double logitScale) {
        NDArray logits = text.matMul(music.transpose());
        return logits.mul(Scalars.of(logits, logitScale));
    }

    /** The scalar loss. */
    public static NDArray loss(NDArray text, NDArray music, double logitScale) {
        NDArray logits = logitsPerText(text, music, logitScale);
        NDArray sum = crossEntropyWithDiagonal(logits).add(crossEntropyWithDiagonal(logits.transpose()));
        return sum.div(Scalars.of(sum, 2));
    }

    /** Mean over rows of -log softmax(row)[row index]. */
    private static NDArray crossEntropyWithDiagonal(NDArray logits) {
        long b = logits.getShape().get(0);
        NDManager m = logits.getManager();
        NDArray diagonal = m.arange(0, (int) b, 1, DataType.INT64).reshape(b, 1);
        return logits.logSoftmax(1).gather(diagonal, 1).mean().neg();
    }
}
