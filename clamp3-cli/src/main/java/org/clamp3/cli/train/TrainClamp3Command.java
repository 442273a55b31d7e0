package org.clamp3.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import ai.djl.ndarray.NDArray;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.cli.ErrorReport;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.Modality;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.config.TrainingConfig;
import org.clamp3.train.TrainCheck;
import org.clamp3.train.TrainingLoop;
import org.clamp3.train.TrainingOptions;
import org.clamp3.train.clamp3.ContrastiveTask;
import org.clamp3.train.data.JsonlItems;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** CLaMP 3 contrastive training, like code/train_clamp3_audio.py and train_clamp3_symbolic.py. */
@Command(name = "clamp3", mixinStandardHelpOptions = true,
        description = {
            "Contrastive training of text against one music modality (the other music tower is frozen),",
            "from JSONL metadata (the seed README's format; file paths relative to the JSONL's folder).",
            "Starts from the model folder's weights; checkpoints load with `clamp3 extract --model`."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 train clamp3 --modality audio --train-jsonl data/train.jsonl --eval-jsonl data/eval.jsonl \\",
            "      --model models/clamp3-saas --out runs/audio --epochs 10 --batch-size 32"
        })
final class TrainClamp3Command implements Callable<Integer> {
    enum ModalityName { audio, symbolic }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--modality", required = true, paramLabel = "audio|symbolic", description = "The music side to train.")
    ModalityName modality;

    @Option(names = "--train-jsonl", required = true, paramLabel = "FILE", description = "Training metadata.")
    Path trainJsonl;

    @Option(names = "--eval-jsonl", paramLabel = "FILE", description = "Eval metadata (default: --eval-split of the training items).")
    Path evalJsonl;

    @Option(names = "--freeze-text", description = "Also freeze the text model and projection (the original's FREEZE_TEXT).")
    boolean freezeText;

    @Option(names = "--no-text-dropout", description = "Train on the \"analysis\" text instead of text dropout.")
    boolean noTextDropout;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder to start from (config, weights, tokenizer).")
    Path modelDir;

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() throws Exception {
        run.threads.apply();
        PrintWriter out = spec.commandLine().getOut();
        ErrorReport errors = new ErrorReport(spec.commandLine().getErr());
        TrainingConfig config = ModelConfig.read(modelDir).training();
        TrainingOptions options = run.options(TrainingOptions.clamp3(config, run.out));
        List<List<JsonNode>> sets = run.trainAndEval(JsonlItems.read(trainJsonl, errors::add),
                evalJsonl != null ? JsonlItems.read(evalJsonl, errors::add) : null, options, config);
        List<JsonNode> train = sets.get(0);
        List<JsonNode> eval = sets.get(1);
        Modality music = modality == ModalityName.audio ? Modality.AUDIO : Modality.SYMBOLIC;
        Path weights = run.resume;
        try (Clamp3Model model = weights != null ? Clamp3Model.load(modelDir, weights) : Clamp3Model.load(modelDir)) {
            Path base = trainJsonl.toAbsolutePath().getParent();
            Path evalBase = evalJsonl != null ? evalJsonl.toAbsolutePath().getParent() : base;
            ContrastiveTask task = new ContrastiveTask(model, music, train, base, eval, evalBase, !noTextDropout, errors::add);
            Map<String, NDArray> trainable = TrainCheck.trainable(model.parameters(), music);
            if (freezeText) {
                trainable.keySet().removeIf(k -> k.startsWith("text_"));
            }
            out.printf(Locale.ROOT, "Training %s: %d train / %d eval items, %d trainable tensors, batch %d, lr %g, warm-up %d%n",
                    modality, task.trainSize(), task.evalSize(), trainable.size(), options.batchSize(),
                    options.learningRate(), options.warmupSteps());
            out.flush();
            TrainingLoop loop = new TrainingLoop(model, trainable, task, options, modality.name());
            Runs.run(loop, model, weights, options, task.trainSize(), spec.commandLine());
        }
        out.flush();
        return errors.finish(run.errorsOption.file);
    }
}
