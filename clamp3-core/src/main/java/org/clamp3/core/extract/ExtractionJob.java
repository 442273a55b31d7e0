package org.clamp3.core.extract;

import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.Output;
import org.clamp3.core.pipeline.OutputCheck;

/**
 * Feature extraction as a batch job: workers read and encode files ({@link FileEncoder}); the
 * windows of a round of files are batched across files per modality ({@link RoundInference});
 * each output is float32 .npy, (1, D) global or (1, n, H) per item.
 */
public final class ExtractionJob implements FileJob<EncodedInput> {
    private final FileEncoder encoder;
    private final ExtractionOptions options;
    private final RoundInference inference;

    public ExtractionJob(FileEncoder encoder, ExtractionOptions options) {
        this(encoder, options, new RoundInference(encoder.model(), options));
    }

    /** With the forward passes run by {@code inference} (another engine), which must match {@code options.global()}. */
    public ExtractionJob(FileEncoder encoder, ExtractionOptions options, RoundInference inference) {
        this.encoder = encoder;
        this.options = options;
        this.inference = inference;
    }

    @Override
    public EncodedInput prepare(FileTask task) {
        return encoder.encode(task.input());
    }

    @Override
    public List<Output> finish(List<FileTask> tasks, List<EncodedInput> prepared) {
        List<RoundInference.Result> results = inference.run(prepared);
        List<Output> outputs = new ArrayList<>(results.size());
        for (int i = 0; i < results.size(); i++) {
            RoundInference.Result r = results.get(i);
            if (r.failure() != null) {
                String msg = r.failure().getMessage() == null ? r.failure().getClass().getSimpleName() : r.failure().getMessage();
                outputs.add(new Output.Failed(new InvalidInputException(tasks.get(i).input(),
                        msg.lines().findFirst().orElse(msg), r.failure())));
                continue;
            }
            float[] feature = r.features();
            int[] shape = options.global() ? new int[] {1, feature.length}
                    : new int[] {1, prepared.get(i).length(), inference.hiddenSize(prepared.get(i).modality())};
            outputs.add(new Output.Write(out -> Npy.write(out, NpyArray.ofFloats(feature, shape))));
        }
        return outputs;
    }

    @Override
    public OutputCheck outputCheck() {
        return OutputCheck.NPY;
    }
}
