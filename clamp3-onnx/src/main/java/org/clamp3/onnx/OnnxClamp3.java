package org.clamp3.onnx;

import java.util.EnumMap;
import java.util.Map;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.Modality;

/**
 * CLaMP 3's three branches on ONNX Runtime, built from a loaded {@link Clamp3Model}'s weights (so
 * both engines compute with the same numbers). Each branch's graph is built and its session
 * created on first use. The model stays the caller's: it also tokenizes and patchilizes.
 */
public final class OnnxClamp3 implements AutoCloseable {
    private final Clamp3Model model;
    private final Precision precision;
    private final int threads;
    private final Map<Modality, OnnxEncoder> encoders = new EnumMap<>(Modality.class);

    /** @param threads ONNX Runtime's intra-op threads; 0 for its default */
    public OnnxClamp3(Clamp3Model model, Precision precision, int threads) {
        this.model = model;
        this.precision = precision;
        this.threads = threads;
    }

    public Precision precision() {
        return precision;
    }

    public synchronized OnnxEncoder encoder(Modality modality) {
        return encoders.computeIfAbsent(modality, m -> new OnnxEncoder(model.encoder(m).exportWeights(), precision, threads));
    }

    @Override
    public synchronized void close() {
        encoders.values().forEach(OnnxEncoder::close);
        encoders.clear();
    }
}
