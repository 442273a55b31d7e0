package org.clamp3.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.train.StateDicts;
import org.clamp3.core.model.train.TrainableModel;
import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.LazyTensor;
import org.clamp3.core.weights.StateDict;
import org.clamp3.core.weights.TorchCheckpoint;
import org.clamp3.core.weights.TorchCheckpointWriter;

/**
 * Training checkpoints: a torch.save file in the original's layout ({@code model} state dict,
 * {@code epoch}, {@code best_epoch}, {@code min_eval_loss}, {@code modality}), so
 * {@code clamp3 extract} and the original scripts can read the weights, plus a
 * {@code clamp3_java} entry with what resuming needs (global step, seed, AdamW moments and step
 * counts, in the model's in-memory layout). Written atomically.
 */
public final class TrainingCheckpoint {
    static final String RESUME_KEY = "clamp3_java";

    private TrainingCheckpoint() {}

    public static void write(Path file, TrainableModel model, TorchAdamW optimizer, TrainingState state,
                             String modality, long seed, boolean withResumeState) throws IOException {
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(StateDicts.of(model)));
        root.put("epoch", (long) state.epoch());
        root.put("best_epoch", (long) state.bestEpoch());
        root.put("min_eval_loss", state.minEvalLoss());
        root.put("modality", modality);
        if (withResumeState) {
            Map<String, Object> resume = new LinkedHashMap<>();
            resume.put("global_step", state.globalStep());
            resume.put("seed", seed);
            Map<String, Object> moments = new LinkedHashMap<>();
            for (Map.Entry<String, Integer> e : optimizer.stepCounts().entrySet()) {
                NDArray[] mv = optimizer.moments(e.getKey());
                Map<String, Object> s = new LinkedHashMap<>();
                s.put("step", (long) e.getValue());
                s.put("exp_avg", tensor(mv[0]));
                s.put("exp_avg_sq", tensor(mv[1]));
                moments.put(e.getKey(), s);
            }
            resume.put("optimizer", moments);
            root.put(RESUME_KEY, resume);
        }
        TorchCheckpointWriter.write(file, root);
    }

    private static FloatTensor tensor(NDArray a) {
        return new FloatTensor(a.toFloatArray(), a.getShape().getShape());
    }

    /** Restores the optimiser and returns the run's state; the model's weights are loaded separately from the same file. */
    public static TrainingState resume(Path file, TorchAdamW optimizer, NDManager manager) throws IOException {
        try (TorchCheckpoint ck = TorchCheckpoint.open(file)) {
            Map<?, ?> root = (Map<?, ?>) ck.root();
            Object r = root.get(RESUME_KEY);
            if (!(r instanceof Map)) {
                throw new InvalidInputException(file, "not a resumable checkpoint (no '" + RESUME_KEY + "' entry; exported files cannot resume)");
            }
            Map<?, ?> resume = (Map<?, ?>) r;
            Map<?, ?> moments = (Map<?, ?>) resume.get("optimizer");
            for (Map.Entry<?, ?> e : moments.entrySet()) {
                Map<?, ?> s = (Map<?, ?>) e.getValue();
                optimizer.restore((String) e.getKey(), array(manager, (LazyTensor) s.get("exp_avg")),
                        array(manager, (LazyTensor) s.get("exp_avg_sq")), ((Number) s.get("step")).intValue());
            }
            return new TrainingState(((Number) resume.get("global_step")).longValue(), ((Number) root.get("epoch")).intValue(),
                    ((Number) root.get("best_epoch")).intValue(), ((Number) root.get("min_eval_loss")).doubleValue());
        }
    }

    private static NDArray array(NDManager manager, LazyTensor t) {
        return manager.create(t.toFloatArray(), new Shape(t.shape()));
    }

    /** Copies a checkpoint without the resume state: what the original's tools load (clamp3 export). */
    public static void export(Path from, Path to) throws IOException {
        try (TorchCheckpoint ck = TorchCheckpoint.open(from)) {
            Map<String, Object> root = new LinkedHashMap<>();
            for (Map.Entry<?, ?> e : ((Map<?, ?>) ck.root()).entrySet()) {
                String key = String.valueOf(e.getKey());
                if (key.equals(RESUME_KEY) || key.equals("optimizer") || key.equals("lr_sched")) {
                    continue;
                }
                root.put(key, key.equals("model") ? new StateDict(materialize(ck.stateDict("model"))) : plain(e.getValue()));
            }
            TorchCheckpointWriter.write(to, root);
        }
    }

    private static Map<String, Object> materialize(Map<String, LazyTensor> tensors) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (Map.Entry<String, LazyTensor> e : tensors.entrySet()) {
            out.put(e.getKey(), new FloatTensor(e.getValue().toFloatArray(), e.getValue().shape()));
        }
        return out;
    }

    /** Numbers and strings pass through; anything else is not part of an exported checkpoint. */
    private static Object plain(Object v) {
        if (v instanceof Number || v instanceof String || v instanceof Boolean || v == null) {
            return v;
        }
        return String.valueOf(v);
    }
}
