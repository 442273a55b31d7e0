package org.clamp3.onnx;

import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.model.BatchInference;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;

/**
 * A loaded model's branches (CLaMP 3's three, or an M3 encoder's one) on ONNX Runtime, built from
 * its weights, so both engines compute with the same numbers. Each branch's graph is built and its
 * session created on first use. The model stays the caller's: it also tokenizes and patchilizes.
 */
public final class OnnxModel implements AutoCloseable {
    private final FeatureModel model;
    private final Precision precision;
    private final int threads;
    private final Map<Modality, OnnxEncoder> encoders = new EnumMap<>(Modality.class);

    /** @param threads ONNX Runtime's intra-op threads; 0 for its default (one per core) */
    public OnnxModel(FeatureModel model, Precision precision, int threads) {
        this.model = model;
        this.precision = precision;
        this.threads = threads;
    }

    public Precision precision() {
        return precision;
    }

    /** The branch of {@code modality} on ONNX Runtime; the model must have that branch. */
    public synchronized OnnxEncoder encoder(Modality modality) {
        return encoders.computeIfAbsent(modality, m -> {
            ModalityEncoder e = model.encoder(m);
            if (e == null) {
                throw new IllegalArgumentException("the model has no " + m + " encoder");
            }
            return new OnnxEncoder(e.exportWeights(), precision, threads);
        });
    }

    /** Batched inference of one branch (its session made on the first batch). */
    public BatchInference inference(Modality modality, int maxWindows, int maxItems, boolean exactOriginal) {
        int hidden = model.encoder(modality).hiddenSize();
        return new BatchInference() {
            @Override
            public List<float[]> run(List<? extends EncodedInput> inputs, boolean global) {
                OnnxEncoder e = encoder(modality);
                return exactOriginal ? e.runExactOriginal(inputs, global) : e.run(inputs, global, maxWindows, maxItems);
            }

            @Override
            public int hiddenSize() {
                return hidden;
            }
        };
    }

    /** A round's forward passes on ONNX Runtime, for every branch the model has (ExtractionJob, the index). */
    public RoundInference roundInference(ExtractionOptions options) {
        Map<Modality, BatchInference> perModality = new EnumMap<>(Modality.class);
        for (Modality m : Modality.values()) {
            if (model.encoder(m) != null) {
                perModality.put(m, inference(m, options.maxWindows(), options.maxItems(), options.exactOriginal()));
            }
        }
        return new RoundInference(perModality, options.global());
    }

    @Override
    public synchronized void close() {
        encoders.values().forEach(OnnxEncoder::close);
        encoders.clear();
    }
}
