package org.clamp3.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clamp3.core.extract.ExtractionJob;
import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.FeatureModel;
import org.clamp3.core.model.M3EncoderModel;
import org.clamp3.core.model.Modality;
import org.clamp3.core.pipeline.BatchOptions;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.onnx.EngineChoice;
import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Features of text, sheet music, MIDI-as-MTF and audio features, like code/extract_clamp3.py. */
@Command(name = "extract", mixinStandardHelpOptions = true,
        description = {
            "Extract CLaMP 3 features of text, sheet music, MIDI and audio files.",
            "Reads .txt (text), .abc (interleaved ABC), .mtf (MIDI text) and .npy (MERT audio features);",
            "raw MusicXML (.xml/.musicxml/.mxl) and MIDI (.mid/.midi) go through `preprocess symbolic` first,",
            "raw audio (.wav/.mp3/.flac/.ogg, with --mert DIR) through `preprocess mert --mean-features`.",
            "IN is a file or a folder tree; OUT mirrors it: (1, D) with --global, else (1, n, H) per",
            "token/patch/frame. Complete outputs are skipped (--overwrite redoes them); --workers files are read",
            "and encoded while the model computes (--threads: the model's threads)."
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 extract descriptions/ features/ --global --model models/clamp3-saas",
            "  clamp3 extract recordings/ features/ --global --mert models/mert-v1-95m",
            "  clamp3 extract scores/ m3_features/ --encoder m3 --model models/clamp3-saas",
            "  clamp3 extract descriptions/ features/ --global --precision int8   (ONNX Runtime, int8 Linear layers)"
        })
final class ExtractCommand implements Callable<Integer> {

    enum Encoder { clamp3, m3 }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    TreeBatch batch = new TreeBatch();

    @Option(names = {"--global", "--get_global"}, description = "One global vector per file instead of per-item features.")
    boolean global;

    @Option(names = "--encoder", defaultValue = "clamp3", paramLabel = "clamp3|m3",
            description = "clamp3 (default) or m3: per-patch features of an M3 checkpoint, like extract_m3.py.")
    Encoder encoder;

    @Option(names = "--batch-size", defaultValue = "32", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Most windows in one forward pass (default: ${DEFAULT-VALUE}).")
    int batchSize;

    @Option(names = "--exact-original",
            description = "Run like the original: one window at a time, padded to full length (slower; for comparison).")
    boolean exactOriginal;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--mert", paramLabel = "DIR",
            description = "MERT-v1-95M folder (config.json + weights): lets extract read .wav/.mp3/.flac/.ogg directly.")
    Path mertDir;

    @Option(names = "--weights", paramLabel = "CHECKPOINT",
            description = "Use these weights instead of the ones the model folder names (e.g. a clamp3 train checkpoint).")
    Path weights;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    EngineOption engine = new EngineOption();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (encoder == Encoder.m3 && global) {
            throw new CommandLine.ParameterException(cl, "--encoder m3 gives per-patch features only; drop --global");
        }
        EngineChoice choice = engine.choice(cl);
        threads.apply();
        // the formats this run reads; audio needs MERT, which loads only when given
        InputFormats formats = encoder == Encoder.m3 ? RawFormats.all(null).only(Modality.SYMBOLIC) : RawFormats.all(null);
        List<FileTask> tasks = batch.nonEmpty(batch.tasks(formats.extensions(), "npy"), formats.describe());
        Path modelDir = model.resolve();
        try (MertModel mert = mertDir != null ? MertModel.load(mertDir) : null;
             FeatureModel m = encoder == Encoder.m3 ? M3EncoderModel.load(modelDir)
                : weights != null ? Clamp3Model.load(modelDir, weights) : Clamp3Model.load(modelDir);
             EngineChoice.Runner runner = choice.open(m, threads.threads == null ? 0 : threads.threads)) {
            // batching MERT windows measured slower on CPU: one window per pass
            InputFormats reading = mert == null ? formats : formats.replacing(RawFormats.audio(new MertFeatureExtractor(mert, 1)));
            ExtractionOptions defaults = ExtractionOptions.defaults(global);
            ExtractionOptions options = new ExtractionOptions(global, batchSize, defaults.maxItems(), exactOriginal);
            ExtractionJob job = new ExtractionJob(new FileEncoder(m, reading), options, runner.roundInference(options));
            return batch.run("extract", tasks, job,
                    new BatchOptions(batch.workers.count(), batch.overwrite, ExtractionOptions.FILES_PER_ROUND));
        }
    }
}
