package org.clamp3.train;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.training.GradientCollector;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.train.ClipBatch;
import org.clamp3.core.model.train.M3Batch;
import org.clamp3.core.model.train.M3Model;

/**
 * N optimiser steps on one fixed batch with dropout off: a reproducibility check of the
 * training path (forward, backward, AdamW, schedule) against the original's numbers.
 */
public final class TrainCheck {

    public enum Kind { CLIP_AUDIO, CLIP_SYMBOLIC, M3 }

    /** What one step saw: the loss before it, the gradient's global L2 norm, the learning rate it used. */
    public record StepRecord(int step, double loss, double gradNorm, double lr) {}

    /** Sees the parameters after each backward pass (gradients present) and after each update. */
    public interface Observer {
        default void afterBackward(int step, Map<String, NDArray> trainable) {
        }

        default void afterStep(int step, Map<String, NDArray> trainable, TorchAdamW optimizer) {
        }
    }

    private TrainCheck() {}

    /**
     * @param batchDir    folder with the batch's .npy files
     * @param filePrefix  prefix of the batch file names ("" or e.g. "clip_audio_")
     */
    public static List<StepRecord> run(Path modelDir, Kind kind, Path batchDir, String filePrefix, int steps,
                                       WarmupSchedule schedule, Observer observer) throws Exception {
        if (kind == Kind.M3) {
            try (M3Model model = M3Model.load(modelDir)) {
                M3Batch batch = TrainingBatches.m3(batchDir, filePrefix, model.config().patchSize());
                return loop(model.manager(), model.parameters(), steps, schedule, observer, scope -> model.loss(scope, batch));
            }
        }
        Modality music = kind == Kind.CLIP_AUDIO ? Modality.AUDIO : Modality.SYMBOLIC;
        try (Clamp3Model model = Clamp3Model.load(modelDir)) {
            ClipBatch batch = TrainingBatches.clip(batchDir, filePrefix, music);
            Map<String, NDArray> trainable = trainable(model.parameters(), music);
            return loop(model.manager(), trainable, steps, schedule, observer,
                    scope -> model.contrastiveLoss(scope, batch, music));
        }
    }

    /** The original's set_trainable: the other music tower (model and projection) is frozen. */
    public static Map<String, NDArray> trainable(Map<String, NDArray> all, Modality music) {
        String frozen = music == Modality.AUDIO ? "symbolic_" : "audio_";
        Map<String, NDArray> out = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : all.entrySet()) {
            if (!e.getKey().startsWith(frozen)) {
                out.put(e.getKey(), e.getValue());
            }
        }
        return out;
    }

    private interface LossFunction {
        NDArray loss(NDManager scope);
    }

    private static List<StepRecord> loop(NDManager manager, Map<String, NDArray> trainable, int steps,
                                         WarmupSchedule schedule, Observer observer, LossFunction lossFn) {
        for (NDArray p : trainable.values()) {
            p.setRequiresGradient(true);
        }
        TorchAdamW optimizer = new TorchAdamW(manager);
        List<StepRecord> records = new ArrayList<>();
        for (int step = 1; step <= steps; step++) {
            double loss;
            try (NDManager scope = manager.newSubManager();
                 GradientCollector collector = Engine.getEngine("PyTorch").newGradientCollector()) {
                NDArray l = lossFn.loss(scope);
                loss = l.getFloat();
                collector.backward(l);
            }
            double norm = Gradients.globalNorm(trainable);
            observer.afterBackward(step, trainable);
            double lr = schedule.lr(step);
            optimizer.step(trainable, lr);
            Gradients.zero(trainable);
            observer.afterStep(step, trainable, optimizer);
            records.add(new StepRecord(step, loss, norm, lr));
        }
        return records;
    }
}
