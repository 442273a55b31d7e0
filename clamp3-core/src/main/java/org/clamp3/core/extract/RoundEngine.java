package org.clamp3.core.extract;

/**
 * What runs a loaded model's forward passes for rounds of inputs: libtorch through the model's own
 * encoders, or another engine (clamp3-onnx's ONNX Runtime runner). Closing it frees the engine's
 * resources, not the model.
 */
public interface RoundEngine extends AutoCloseable {

    RoundInference roundInference(ExtractionOptions options);

    /** "fp32" or "int8": what the vectors are computed in, recorded by an index. */
    String precision();

    @Override
    void close();

    /** libtorch through the model's encoders, fp32. */
    static RoundEngine libtorch(org.clamp3.core.model.FeatureModel model) {
        return new RoundEngine() {
            @Override
            public RoundInference roundInference(ExtractionOptions options) {
                return new RoundInference(model, options);
            }

            @Override
            public String precision() {
                return "fp32";
            }

            @Override
            public void close() {
            }
        };
    }
}
