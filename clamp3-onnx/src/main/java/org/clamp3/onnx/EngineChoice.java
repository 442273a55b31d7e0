package org.clamp3.onnx;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundEngine;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.model.FeatureModel;

/**
 * An engine and the precision it computes in, as {@code --engine}/{@code --precision} choose them:
 * libtorch fp32 unless told otherwise, and int8 (ONNX Runtime only) picks ONNX Runtime by itself.
 */
public record EngineChoice(Engine engine, Precision precision) {
    public static final EngineChoice DEFAULT = new EngineChoice(Engine.LIBTORCH, Precision.FP32);

    public EngineChoice {
        if (engine == Engine.LIBTORCH && precision != Precision.FP32) {
            throw new IllegalArgumentException("--precision " + precision.label() + " runs on ONNX Runtime only: use --engine onnxruntime");
        }
    }

    /** From the options' values, each null when not given. */
    public static EngineChoice parse(String engine, String precision) {
        Precision p = precision == null ? Precision.FP32 : Precision.parse(precision);
        Engine e = engine != null ? Engine.parse(engine) : p == Precision.FP32 ? Engine.LIBTORCH : Engine.ONNXRUNTIME;
        return new EngineChoice(e, p);
    }

    /** "libtorch fp32", "onnxruntime int8". */
    public String label() {
        return engine.label() + " " + precision.label();
    }

    /**
     * The forward passes for {@code model} on this engine (the model stays the caller's and must
     * outlive what this returns).
     *
     * @param threads ONNX Runtime's intra-op threads, 0 for its default; libtorch's are set at its start
     */
    public Runner open(FeatureModel model, int threads) {
        return new Runner(model, engine == Engine.ONNXRUNTIME ? new OnnxModel(model, precision, threads) : null);
    }

    /** Makes a round's batched forward passes; closing it frees ONNX Runtime's sessions. */
    public static final class Runner implements RoundEngine {
        private final FeatureModel model;
        private final OnnxModel onnx;

        private Runner(FeatureModel model, OnnxModel onnx) {
            this.model = model;
            this.onnx = onnx;
        }

        @Override
        public RoundInference roundInference(ExtractionOptions options) {
            return onnx == null ? new RoundInference(model, options) : onnx.roundInference(options);
        }

        @Override
        public String precision() {
            return onnx == null ? Precision.FP32.label() : onnx.precision().label();
        }

        @Override
        public void close() {
            if (onnx != null) {
                onnx.close();
            }
        }
    }
}
