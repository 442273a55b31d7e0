package org.clamp3.core.extract;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.ModalityEncoder;
import org.clamp3.core.model.WindowedInference;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.Output;
import org.clamp3.core.pipeline.OutputCheck;

/**
 * Feature extraction as a batch job: workers read and encode files ({@link FileEncoder}); the
 * windows of a round of files are batched across files per modality ({@link WindowedInference});
 * each output is float32 .npy, (1, D) global or (1, n, H) per item.
 */
public final class ExtractionJob implements FileJob<EncodedInput> {
    private final FileEncoder encoder;
    private final ExtractionOptions options;
    private final Map<Modality, WindowedInference> inference = new EnumMap<>(Modality.class);

    public ExtractionJob(FileEncoder encoder, ExtractionOptions options) {
        this.encoder = encoder;
        this.options = options;
        FeatureModel model = encoder.model();
        for (Modality m : Modality.values()) {
            ModalityEncoder e = model.encoder(m);
            if (e != null) {
                inference.put(m, options.exactOriginal() ? WindowedInference.exactOriginal(e, model.manager())
                        : new WindowedInference(e, model.manager(), options.maxWindows(), options.maxItems()));
            }
        }
    }

    @Override
    public EncodedInput prepare(FileTask task) {
        return encoder.encode(task.input());
    }

    @Override
    public List<Output> finish(List<FileTask> tasks, List<EncodedInput> prepared) {
        Output[] outputs = new Output[tasks.size()];
        Map<Modality, List<Integer>> byModality = new EnumMap<>(Modality.class);
        for (int i = 0; i < prepared.size(); i++) {
            byModality.computeIfAbsent(prepared.get(i).modality(), m -> new ArrayList<>()).add(i);
        }
        for (Map.Entry<Modality, List<Integer>> group : byModality.entrySet()) {
            List<EncodedInput> batch = new ArrayList<>();
            for (int i : group.getValue()) {
                batch.add(prepared.get(i));
            }
            WindowedInference wi = inference.get(group.getKey());
            List<float[]> features;
            try {
                features = wi.run(batch, options.global());
            } catch (RuntimeException e) {
                String msg = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                for (int i : group.getValue()) {
                    outputs[i] = new Output.Failed(new InvalidInputException(tasks.get(i).input(),
                            msg.lines().findFirst().orElse(msg), e));
                }
                continue;
            }
            int hidden = wi.encoder().hiddenSize();
            for (int k = 0; k < batch.size(); k++) {
                float[] feature = features.get(k);
                int[] shape = options.global() ? new int[] {1, feature.length} : new int[] {1, batch.get(k).length(), hidden};
                outputs[group.getValue().get(k)] = new Output.Write(out -> Npy.write(out, NpyArray.ofFloats(feature, shape)));
            }
        }
        return List.of(outputs);
    }

    @Override
    public OutputCheck outputCheck() {
        return OutputCheck.NPY;
    }
}
