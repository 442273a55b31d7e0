package org.clamp3.core.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.model.BatchInference;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.WindowedInference;

/**
 * The features of a round of encoded inputs of mixed modalities: the windows of each modality's
 * inputs share forward passes ({@link WindowedInference}). A modality whose pass fails gives that
 * failure for each of its inputs; the other modalities are unaffected.
 */
public final class RoundInference {
    private final Map<Modality, BatchInference> inference = new EnumMap<>(Modality.class);
    private final boolean global;

    /** On libtorch, through the model's encoders. */
    public RoundInference(FeatureModel model, ExtractionOptions options) {
        this(libtorch(model, options), options.global());
    }

    /** On whatever runs each modality (e.g. ONNX Runtime); modalities without an entry are not read. */
    public RoundInference(Map<Modality, ? extends BatchInference> perModality, boolean global) {
        this.inference.putAll(perModality);
        this.global = global;
    }

    private static Map<Modality, BatchInference> libtorch(FeatureModel model, ExtractionOptions options) {
        Map<Modality, BatchInference> out = new EnumMap<>(Modality.class);
        for (Modality m : Modality.values()) {
            ModalityEncoder e = model.encoder(m);
            if (e != null) {
                out.put(m, options.exactOriginal() ? WindowedInference.exactOriginal(e, model.manager())
                        : new WindowedInference(e, model.manager(), options.maxWindows(), options.maxItems()));
            }
        }
        return out;
    }

    /** One input's features, or why its modality's pass failed. */
    public record Result(float[] features, RuntimeException failure) {}

    /** The features of each input, in input order. */
    public List<Result> run(List<? extends EncodedInput> inputs) {
        Result[] results = new Result[inputs.size()];
        Map<Modality, List<Integer>> byModality = new EnumMap<>(Modality.class);
        for (int i = 0; i < inputs.size(); i++) {
            byModality.computeIfAbsent(inputs.get(i).modality(), m -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Modality, List<Integer>> group : byModality.entrySet()) {
            List<EncodedInput> batch = new ArrayList<>();
            for (int i : group.getValue()) {
                batch.add(inputs.get(i));
            }
            try {
                List<float[]> features = inference.get(group.getKey()).run(batch, global);
                for (int k = 0; k < batch.size(); k++) {
                    results[group.getValue().get(k)] = new Result(features.get(k), null);
                }
            } catch (RuntimeException e) {
                for (int i : group.getValue()) {
                    results[i] = new Result(null, e);
                }
            }
        }
        return List.of(results);
    }

    /** The hidden size of a modality's per-item features. */
    public int hiddenSize(Modality modality) {
        return inference.get(modality).hiddenSize();
    }
}
