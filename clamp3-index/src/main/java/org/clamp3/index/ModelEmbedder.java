package org.clamp3.index;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundEngine;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.ModelInput;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;

/**
 * Embeds files as {@code extract --global} does (same pipeline, same batched inference, so the
 * same vectors), and cuts audio into segments of {@code segmentRows} MERT feature rows, each
 * embedded as a track of its own.
 */
public final class ModelEmbedder implements ItemEmbedder<ModelEmbedder.Encoded> {
    private final FileEncoder encoder;
    private final RoundInference inference;
    private final int segmentRows;
    private final AutoCloseable[] owned;

    /** A file's encoded input and those of its segments. */
    public record Encoded(String modality, EncodedInput input, List<EncodedInput> segments, List<double[]> spans) {}

    /**
     * @param segmentRows MERT rows per audio segment, 0 for none
     * @param owned models to close with this embedder
     */
    public ModelEmbedder(FileEncoder encoder, int segmentRows, AutoCloseable... owned) {
        this(encoder, new RoundInference(encoder.model(), ExtractionOptions.defaults(true)), segmentRows, owned);
    }

    /** With the forward passes of {@code inference} (another engine's; global vectors). */
    public ModelEmbedder(FileEncoder encoder, RoundInference inference, int segmentRows, AutoCloseable... owned) {
        this.encoder = encoder;
        this.inference = inference;
        this.segmentRows = segmentRows;
        this.owned = owned;
    }

    /**
     * Loads a CLaMP 3 model (and MERT, when given, so that raw audio can be read) and reads every
     * format {@code extract} reads.
     *
     * @param mertDir null: raw audio files fail with a hint to give MERT
     */
    public static ModelEmbedder load(Path modelDir, Path mertDir, int segmentRows) throws IOException {
        return load(modelDir, mertDir, segmentRows, RoundEngine::libtorch);
    }

    /** As {@link #load(Path, Path, int)}, the forward passes run by the engine {@code engine} starts on the model. */
    public static ModelEmbedder load(Path modelDir, Path mertDir, int segmentRows,
                                     java.util.function.Function<Clamp3Model, RoundEngine> engine) throws IOException {
        MertModel mert = mertDir != null ? MertModel.load(mertDir) : null;
        Clamp3Model model;
        try {
            model = Clamp3Model.load(modelDir);
        } catch (IOException | RuntimeException e) {
            if (mert != null) {
                mert.close();
            }
            throw e;
        }
        RoundEngine running;
        try {
            running = engine.apply(model);
        } catch (RuntimeException e) {
            model.close();
            if (mert != null) {
                mert.close();
            }
            throw e;
        }
        return new ModelEmbedder(new FileEncoder(model, formats(mert)), running.roundInference(ExtractionOptions.defaults(true)),
                segmentRows, running, model, mert);
    }

    /** Every format {@code extract} reads, raw audio through {@code mert} (null: raw audio fails with a hint to give MERT). */
    public static InputFormats formats(MertModel mert) {
        // one MERT window per pass: batching them measured slower on CPU (see extract)
        return mert == null ? RawFormats.all(null) : RawFormats.all(null).replacing(RawFormats.audio(new MertFeatureExtractor(mert, 1)));
    }

    /** The extensions a model-backed build reads. */
    public static java.util.Set<String> extensions() {
        return RawFormats.all(null).extensions();
    }

    @Override
    public Encoded prepare(Path file) {
        ModelInput input = encoder.read(file);
        EncodedInput encoded = encoder.encode(file, input);
        List<EncodedInput> segments = new ArrayList<>();
        List<double[]> spans = new ArrayList<>();
        if (segmentRows > 0 && input instanceof ModelInput.AudioFeatures audio) {
            int[] shape = audio.features().shape();
            int width = shape[shape.length - 1];
            float[] values = audio.features().floats();
            int rows = width == 0 ? 0 : values.length / width;
            if (rows > segmentRows) { // a track of one segment is its own segment
                for (int r = 0; r < rows; r += segmentRows) {
                    int n = Math.min(segmentRows, rows - r);
                    float[] slice = new float[n * width];
                    System.arraycopy(values, r * width, slice, 0, slice.length);
                    segments.add(encoder.encode(file, new ModelInput.AudioFeatures(NpyArray.ofFloats(slice, n, width))));
                    spans.add(new double[] {(double) r * IndexSettings.AUDIO_ROW_SECONDS,
                            (double) (r + n) * IndexSettings.AUDIO_ROW_SECONDS});
                }
            }
        }
        return new Encoded(input.modality().name().toLowerCase(Locale.ROOT), encoded, segments, spans);
    }

    @Override
    public List<Embedded> finish(List<Path> files, List<Encoded> prepared) {
        List<EncodedInput> all = new ArrayList<>();
        for (Encoded e : prepared) {
            all.add(e.input());
            all.addAll(e.segments());
        }
        List<RoundInference.Result> results = inference.run(all);
        List<Embedded> out = new ArrayList<>(prepared.size());
        int at = 0;
        for (int i = 0; i < prepared.size(); i++) {
            Encoded e = prepared.get(i);
            RoundInference.Result main = results.get(at++);
            RuntimeException failure = main.failure();
            List<Segment> segments = new ArrayList<>();
            for (int s = 0; s < e.segments().size(); s++) {
                RoundInference.Result r = results.get(at++);
                if (r.failure() != null) {
                    failure = r.failure();
                } else {
                    double[] span = e.spans().get(s);
                    segments.add(new Segment(span[0], span[1], r.features()));
                }
            }
            if (failure != null) {
                String msg = failure.getMessage() == null ? failure.getClass().getSimpleName() : failure.getMessage();
                out.add(Embedded.failed(new InvalidInputException(files.get(i), msg.lines().findFirst().orElse(msg), failure)));
            } else {
                out.add(new Embedded(e.modality(), main.features(), segments, null));
            }
        }
        return out;
    }

    @Override
    public void close() {
        RuntimeException first = null;
        for (AutoCloseable c : owned) {
            try {
                if (c != null) {
                    c.close();
                }
            } catch (Exception e) {
                if (first == null) {
                    first = new IllegalStateException("cannot close " + c + ": " + e.getMessage(), e);
                }
            }
        }
        if (first != null) {
            throw first;
        }
    }
}
