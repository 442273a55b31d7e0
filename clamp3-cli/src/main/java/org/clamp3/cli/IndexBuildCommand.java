package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.Shard;
import org.clamp3.core.py.PyJson;
import org.clamp3.index.FeatureEmbedder;
import org.clamp3.index.IndexBuilder;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;
import org.clamp3.index.ItemEmbedder;
import org.clamp3.index.ModelEmbedder;
import org.clamp3.onnx.EngineChoice;
import org.clamp3.preprocess.audio.mert.MertModel;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Builds or incrementally updates an index from a folder tree. */
@Command(name = "build", mixinStandardHelpOptions = true,
        description = {
            "Build or update the index INDEX from the files below SOURCE.",
            "With --model, every file extract reads is embedded exactly as `extract --global` embeds it:",
            ".txt, .abc, .mtf, MusicXML (.xml/.musicxml/.mxl), MIDI (.mid/.midi), MERT-feature .npy, and raw",
            "audio (.wav/.mp3/.flac/.ogg) with --mert. Without --model (or with --features), SOURCE holds global",
            "feature .npy files (1, D), indexed as they are.",
            "Running it again updates the index: new and changed files are embedded, removed ones deleted,",
            "unchanged ones not touched (no model is loaded when nothing changed). Each round of files is",
            "committed atomically, so an interrupted build just continues when run again."
        },
        footer = {
            "",
            "Each entry's key is its path below SOURCE without the extension (as extract names its outputs).",
            "",
            "Examples:",
            "  clamp3 index build music/ music.idx --model models/clamp3-saas --mert models/mert-v1-95m",
            "  clamp3 index build recordings/ rec.idx --model models/clamp3-saas --mert models/mert-v1-95m --segments 30",
            "  clamp3 index build features/ features.idx --quantize int8        # feature files as they are",
            "  clamp3 index build music/ part3.idx --model models/clamp3-saas --shard 3/8"
        })
final class IndexBuildCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "SOURCE", description = "Folder tree of files to index (or one file).")
    Path source;

    @Parameters(index = "1", paramLabel = "INDEX", description = "Index folder (created if absent).")
    Path index;

    @Option(names = "--model", paramLabel = "DIR",
            description = "CLaMP 3 model folder that embeds raw files. Without it SOURCE holds feature .npy files.")
    Path model;

    @Option(names = "--mert", paramLabel = "DIR",
            description = "MERT-v1-95M folder: lets the build read raw audio (.wav/.mp3/.flac/.ogg).")
    Path mert;

    @Option(names = "--features",
            description = "Read .npy files as global features (1, D) even with --model (which is then only recorded as their origin).")
    boolean features;

    @Option(names = "--modality", paramLabel = "text|symbolic|audio",
            description = "With feature files: the modality they have (for search --modality). Default: unknown.")
    String modality;

    @Option(names = "--quantize", defaultValue = "none", paramLabel = "none|int8",
            description = "Search an int8 copy of the vectors (a quarter of the bytes; float32 kept for exact scores). Default: ${DEFAULT-VALUE}.")
    String quantize;

    @Option(names = "--m", defaultValue = "16", paramLabel = "M", converter = Ranges.AtLeastOne.class,
            description = "HNSW links per vector (default: ${DEFAULT-VALUE}).")
    int m;

    @Option(names = "--ef-construction", defaultValue = "100", paramLabel = "EF", converter = Ranges.AtLeastOne.class,
            description = "HNSW candidates while building (default: ${DEFAULT-VALUE}).")
    int efConstruction;

    @Option(names = "--segments", defaultValue = "0", paramLabel = "SECONDS", converter = Ranges.AtLeastZero.class,
            description = "Also index audio in segments of this many seconds (a multiple of 5, e.g. 30), so that a hit says where it matches.")
    int segments;

    @Mixin
    ShardOption shard = new ShardOption();

    @Option(names = "--json", description = "Print the counts as a JSON object instead of a line.")
    boolean json;

    @Mixin
    WorkersOption workers = new WorkersOption();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    EngineOption engine = new EngineOption();

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        IndexSettings settings;
        Shard part = shard.shard();
        try {
            settings = new IndexSettings(IndexSettings.Quantization.parse(quantize), m, efConstruction, segments);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(cl, e.getMessage().startsWith("No enum")
                    ? "--quantize must be none or int8, not '" + quantize + "'" : e.getMessage());
        }
        boolean featureFiles = model == null || features;
        if (featureFiles && mert != null) {
            throw new CommandLine.ParameterException(cl, "--mert embeds raw audio, which needs --model (and not --features)");
        }
        if (modality != null && !featureFiles) {
            throw new CommandLine.ParameterException(cl, "--modality is for feature files; with --model each file's modality is known");
        }
        if (modality != null && !Set.of("text", "symbolic", "audio").contains(modality)) {
            throw new CommandLine.ParameterException(cl, "--modality must be text, symbolic or audio, not '" + modality + "'");
        }
        if (segments > 0 && featureFiles) {
            throw new CommandLine.ParameterException(cl, "--segments needs --model: segments are embedded from MERT feature rows");
        }
        EngineChoice choice = engine.choice(cl);
        if (featureFiles && !choice.equals(EngineChoice.DEFAULT)) {
            throw new CommandLine.ParameterException(cl, "--engine/--precision choose how --model embeds raw files; feature files are indexed as they are");
        }
        if (!java.nio.file.Files.exists(source)) {
            throw new InvalidInputException(source, "no such file or folder"); // before an empty index is created
        }
        threads.apply();
        String fingerprint = model == null ? null : Clamp3Model.fingerprint(model);
        String mertFingerprint = mert == null ? null : MertModel.fingerprint(mert);
        Set<String> extensions = featureFiles ? Set.of("npy") : ModelEmbedder.extensions();
        PrintWriter err = cl.getErr();
        ErrorReport errors = new ErrorReport(err);
        IndexBuilder.Report report;
        try (IndexUpdater updater = IndexUpdater.open(index, settings, fingerprint, choice.precision().label(), mertFingerprint,
                source.toAbsolutePath().normalize().toString(), workers.count())) {
            IndexBuilder builder = new IndexBuilder(source, updater, extensions, part, workers.count());
            IndexBuilder.Plan plan = builder.plan();
            try (ProgressBar bar = new ProgressBar(err, "index", plan.embed().size())) {
                report = builder.run(plan, () -> embedder(featureFiles, settings, choice), (task, outcome, error) -> {
                    if (outcome == BatchListener.Outcome.FAILED) {
                        errors.add(error);
                    }
                    bar.step();
                });
            }
        }
        PrintWriter out = cl.getOut();
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("added", report.added());
            o.put("updated", report.updated());
            o.put("removed", report.removed());
            o.put("unchanged", report.unchanged());
            o.put("failed", report.failed());
            o.put("count", report.items());
            o.put("segments", report.segments());
            out.println(PyJson.dumps(o));
        } else {
            out.println(report.line() + " in " + index);
        }
        out.flush();
        return errors.finish(shard.errorsFile(errorsOption));
    }

    private ItemEmbedder<?> embedder(boolean featureFiles, IndexSettings settings, EngineChoice choice) {
        if (featureFiles) {
            return new FeatureEmbedder(modality);
        }
        try {
            return ModelEmbedder.load(model, mert, settings.segmentRows(),
                    m -> choice.open(m, threads.threads == null ? 0 : threads.threads));
        } catch (java.io.IOException e) {
            throw new InvalidInputException(model, "cannot load the model: " + e.getMessage(), e);
        }
    }
}
