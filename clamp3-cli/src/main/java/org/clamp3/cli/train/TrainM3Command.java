package org.clamp3.cli.train;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;

import org.clamp3.cli.ErrorReport;
import org.clamp3.cli.Ranges;
import org.clamp3.core.io.FileTask;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.train.M3Model;
import org.clamp3.train.TrainingLoop;
import org.clamp3.train.TrainingOptions;
import org.clamp3.train.m3.M3Task;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** M3 masked-patch pre-training, like code/train_m3.py. */
@Command(name = "m3", mixinStandardHelpOptions = true,
        description = {
            "Pre-train the M3 symbolic encoder with its character decoder on .abc/.mtf files: a share of each",
            "score's patches (--mask-ratio, 45 %% as the original) is masked (80 %%), shuffled inside (10 %%)",
            "or kept (10 %%) and reconstructed.",
            "Starts from the M3 checkpoint the model folder's config names."
        },
        footer = {"", "Example:", "  clamp3 train m3 --train scores/ --model models/clamp3-saas --out runs/m3 --epochs 20"})
final class TrainM3Command implements Callable<Integer> {
    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "DIR", description = "Training scores (.abc, .mtf), searched recursively.")
    Path trainDir;

    @Option(names = "--eval", paramLabel = "DIR", description = "Eval scores (default: --eval-split of the training files).")
    Path evalDir;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder whose config names the M3 weights.")
    Path modelDir;

    @Option(names = "--mask-ratio", paramLabel = "F", converter = Ranges.Fraction.class,
            description = "Share of each score's patches to mask, in [0, 1) (default: the model config's M3_MASK_RATIO, else 0.45).")
    Double maskRatio;

    @Mixin
    RunOptions run = new RunOptions();

    @Override
    public Integer call() throws Exception {
        run.threads.apply();
        PrintWriter out = spec.commandLine().getOut();
        ErrorReport errors = new ErrorReport(spec.commandLine().getErr());
        ModelConfig config = ModelConfig.read(modelDir);
        TrainingOptions options = run.options(TrainingOptions.m3(config.training(), run.out));
        double masked = maskRatio != null ? maskRatio : config.training().m3MaskRatio();
        List<List<Path>> sets = run.trainAndEval(files(trainDir), evalDir != null ? files(evalDir) : null, options, config.training());
        List<Path> train = sets.get(0);
        List<Path> eval = sets.get(1);
        try (M3Model model = run.resume != null ? M3Model.load(run.resume, config) : M3Model.load(modelDir)) {
            M3Task task = new M3Task(model, train, eval, masked, errors::add);
            out.printf(Locale.ROOT, "Training M3: %d train / %d eval files, batch %d, lr %g, warm-up %d, mask ratio %s%n",
                    train.size(), eval.size(), options.batchSize(), options.learningRate(), options.warmupSteps(), masked);
            out.flush();
            TrainingLoop loop = new TrainingLoop(model, model.parameters(), task, options, "m3");
            Runs.run(loop, model, run.resume, options, task.trainSize(), spec.commandLine());
        }
        out.flush();
        return errors.finish(run.errorsOption.file);
    }

    private static List<Path> files(Path dir) {
        List<Path> out = new ArrayList<>();
        for (FileTask t : MirroredTree.tasks(dir, dir, Set.of("abc", "mtf"), "abc")) {
            out.add(t.input());
        }
        return out;
    }
}
