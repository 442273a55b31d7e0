package org.clamp3.cli.preprocess;

import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clamp3.cli.ThreadsOption;
import org.clamp3.cli.TreeBatch;
import org.clamp3.cli.Ranges;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.pipeline.FileJob;
import org.clamp3.core.pipeline.OutputCheck;
import org.clamp3.preprocess.audio.codec.AudioDecoder;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Audio → MERT features, like preprocessing/audio/extract_mert.py. */
@Command(name = "mert", mixinStandardHelpOptions = true,
        description = {
            "Extract MERT features from audio files (.wav, .mp3, .flac, .ogg), matching the original extract_mert.py:",
            "mono, resampled to 24 kHz as torchaudio does, normalised, cut into 5 s windows (a last window under",
            "1 s is dropped), every hidden state averaged over time: (layers, windows, H) float32 .npy, or",
            "(1, windows, H) with --mean-features, which is what CLaMP 3's audio encoder reads.",
            "Audio shorter than 1 s gives no windows: it is reported and gets no output, like the original.",
            "Unlike the original, .flac and .ogg (Vorbis) files are processed too."
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 preprocess mert audio/ mert_features/ --mert models/MERT-v1-95M --mean-features",
            "  clamp3 preprocess mert song.mp3 out/ --mert models/MERT-v1-95M --mean-features"
        })
final class MertCommand implements Callable<Integer> {
    /**
     * Files in flight at once unless --workers says otherwise: while one file's windows are in the
     * model the next is decoded, and with --batch-size above 1 their windows share passes.
     */
    private static final int DEFAULT_PARALLEL_FILES = 2;

    @Option(names = {"--mert", "--model_path"}, required = true, paramLabel = "DIR",
            description = "MERT model folder: config.json and model.safetensors or pytorch_model.bin (e.g. m-a-p/MERT-v1-95M).")
    Path mertDir;

    @Option(names = {"--mean-features", "--mean_features"},
            description = "Average the hidden states too: (1, windows, H) per file, as CLaMP 3 expects.")
    boolean meanFeatures;

    @Option(names = "--batch-size", defaultValue = "1", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = {"Most 5 s windows in one forward pass, from one file or from the files in flight",
                "(see --workers). Default: ${DEFAULT-VALUE}: on a 2-core CPU one window already keeps the cores busy",
                "and batching measured slower; try 4-8 on a GPU or many cores."})
    int batchSize;

    @Mixin
    TreeBatch batch = new TreeBatch();

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Override
    public Integer call() throws Exception {
        threads.apply();
        List<FileTask> tasks = batch.nonEmpty(batch.tasks(AudioDecoder.EXTENSIONS, "npy"), ".wav, .mp3, .flac or .ogg");
        // enough files in flight to fill a batch; they mostly wait on the model, not the cores
        batch.workers.setDefault(Math.max(DEFAULT_PARALLEL_FILES, batchSize));
        try (MertModel model = MertModel.load(mertDir)) {
            MertFeatureExtractor extractor = new MertFeatureExtractor(model, batchSize);
            return batch.run("mert", tasks, FileJob.converting(task -> {
                NpyArray features = extractor.extract(task.input(), meanFeatures);
                ByteArrayOutputStream bytes = new ByteArrayOutputStream(128 + features.size() * 4);
                Npy.write(bytes, features);
                return bytes.toByteArray();
            }, OutputCheck.NPY), batch.perFile());
        }
    }
}
