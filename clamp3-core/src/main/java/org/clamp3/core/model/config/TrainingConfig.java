package org.clamp3.core.model.config;

import com.fasterxml.jackson.databind.JsonNode;

/**
 * The training settings of the original code/config.py, under the same names, as a model folder's
 * config may carry them (the published configs carry M3_MASK_RATIO); a key that is absent takes
 * config.py's value, so a training run's defaults are the original's unless the config says
 * otherwise.
 *
 * @param m3NumEpoch         M3_NUM_EPOCH: epochs of M3 pre-training
 * @param m3LearningRate     M3_LEARNING_RATE
 * @param m3BatchSize        M3_BATCH_SIZE
 * @param m3MaskRatio        M3_MASK_RATIO: share of a score's patches M3 pre-training masks, in [0, 1)
 * @param clamp3NumEpoch     CLAMP3_NUM_EPOCH: epochs of contrastive training
 * @param clamp3LearningRate CLAMP3_LEARNING_RATE
 * @param clamp3BatchSize    CLAMP3_BATCH_SIZE
 * @param saveEvery          SAVE_EVERY: keep a checkpoint every this many epochs
 * @param evalSplit          EVAL_SPLIT: share of the training data held out when there is no eval set, in [0, 1)
 */
public record TrainingConfig(int m3NumEpoch, double m3LearningRate, int m3BatchSize, double m3MaskRatio,
                             int clamp3NumEpoch, double clamp3LearningRate, int clamp3BatchSize,
                             int saveEvery, double evalSplit) {

    /** The values of the original code/config.py. */
    public static final TrainingConfig ORIGINAL = new TrainingConfig(100, 1e-4, 16, 0.45, 100, 1e-5, 256, 5, 0.01);

    public TrainingConfig {
        atLeast("M3_NUM_EPOCH", m3NumEpoch, 1);
        positive("M3_LEARNING_RATE", m3LearningRate);
        atLeast("M3_BATCH_SIZE", m3BatchSize, 1);
        fraction("M3_MASK_RATIO", m3MaskRatio);
        atLeast("CLAMP3_NUM_EPOCH", clamp3NumEpoch, 1);
        positive("CLAMP3_LEARNING_RATE", clamp3LearningRate);
        atLeast("CLAMP3_BATCH_SIZE", clamp3BatchSize, 1);
        atLeast("SAVE_EVERY", saveEvery, 0);
        fraction("EVAL_SPLIT", evalSplit);
    }

    /**
     * The settings in a config's top level, each absent one from {@link #ORIGINAL}.
     *
     * @throws IllegalArgumentException naming the key of a value of the wrong type or out of range
     */
    static TrainingConfig read(JsonNode root) {
        TrainingConfig o = ORIGINAL;
        return new TrainingConfig(
                integer(root, "M3_NUM_EPOCH", o.m3NumEpoch),
                number(root, "M3_LEARNING_RATE", o.m3LearningRate),
                integer(root, "M3_BATCH_SIZE", o.m3BatchSize),
                number(root, "M3_MASK_RATIO", o.m3MaskRatio),
                integer(root, "CLAMP3_NUM_EPOCH", o.clamp3NumEpoch),
                number(root, "CLAMP3_LEARNING_RATE", o.clamp3LearningRate),
                integer(root, "CLAMP3_BATCH_SIZE", o.clamp3BatchSize),
                integer(root, "SAVE_EVERY", o.saveEvery),
                number(root, "EVAL_SPLIT", o.evalSplit));
    }

    private static int integer(JsonNode root, String key, int fallback) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isIntegralNumber() || !v.canConvertToInt()) {
            throw new IllegalArgumentException("'" + key + "' must be an integer, got " + v);
        }
        return v.asInt();
    }

    private static double number(JsonNode root, String key, double fallback) {
        JsonNode v = root.get(key);
        if (v == null || v.isNull()) {
            return fallback;
        }
        if (!v.isNumber()) {
            throw new IllegalArgumentException("'" + key + "' must be a number, got " + v);
        }
        return v.asDouble();
    }

    private static void atLeast(String key, int v, int min) {
        if (v < min) {
            throw new IllegalArgumentException("'" + key + "' must be at least " + min + ", got " + v);
        }
    }

    private static void positive(String key, double v) {
        if (!(v > 0 && Double.isFinite(v))) {
            throw new IllegalArgumentException("'" + key + "' must be a finite number above 0, got " + v);
        }
    }

    private static void fraction(String key, double v) {
        if (!(v >= 0 && v < 1)) {
            throw new IllegalArgumentException("'" + key + "' must be in [0, 1), got " + v);
        }
    }
}
