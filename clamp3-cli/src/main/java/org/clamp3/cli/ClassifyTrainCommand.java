package org.clamp3.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Random;
import java.util.TreeSet;
import java.util.concurrent.Callable;

import org.clamp3.core.features.FeatureFile;
import org.clamp3.core.features.FeatureFiles;
import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.probe.ProbeCheckpoint;
import org.clamp3.core.probe.ProbeCheckpoints;
import org.clamp3.train.probe.EpochResult;
import org.clamp3.train.probe.LinearProbeTrainer;
import org.clamp3.train.probe.ProbeExample;
import org.clamp3.train.probe.ProbeTrainingOptions;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Trains a linear probe, like classification/train_cls.py. */
@Command(name = "train", mixinStandardHelpOptions = true,
        description = {
            "Train a linear probe (Linear + softmax, batch size 1, AdamW, cross-entropy on the softmax",
            "output as in the original) on global features named LABEL_NAME.npy. After each epoch the",
            "accuracy and macro-F1 on the evaluation set are printed and logged; the weights of the",
            "best epoch (by eval accuracy) are kept in WEIGHTS, readable by the original inference_cls.py."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 classify train --train features/train --eval features/val --epochs 100 --lr 1e-4 -o genre.pth"
        })
final class ClassifyTrainCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--train", required = true, paramLabel = "DIR", description = "Training features (.npy), searched recursively.")
    String trainDir;

    @Option(names = "--eval", paramLabel = "DIR", description = "Evaluation features; without it a random --eval-split of the training files is held out.")
    String evalDir;

    @Option(names = "--eval-split", defaultValue = "0.2", paramLabel = "F", converter = Ranges.Fraction.class,
            description = "Fraction held out for evaluation when there is no --eval (default: ${DEFAULT-VALUE}).")
    double evalSplit;

    @Option(names = "--epochs", defaultValue = "1000", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Epochs (default: ${DEFAULT-VALUE}).")
    int epochs;

    @Option(names = "--lr", defaultValue = "1e-5", paramLabel = "RATE", converter = Ranges.PositiveRate.class,
            description = "AdamW learning rate (default: ${DEFAULT-VALUE}).")
    double learningRate;

    @Option(names = "--warmup-epochs", defaultValue = "1", paramLabel = "N", converter = Ranges.AtLeastZero.class,
            description = {"Epochs of linear learning-rate warm-up (default: ${DEFAULT-VALUE}, what the original intended). The",
                "original script attaches its warm-up to an optimizer it then replaces, so it actually trains at a",
                "constant rate: --warmup-epochs 0 reproduces that."})
    int warmupEpochs;

    @Option(names = "--balanced", description = "Each epoch, sample every class down to the size of the smallest.")
    boolean balanced;

    @Option(names = "--seed", defaultValue = "42", description = "Seed for initialisation, the split and shuffling (default: ${DEFAULT-VALUE}).")
    long seed;

    @Option(names = {"-o", "--output"}, required = true, paramLabel = "WEIGHTS", description = "Checkpoint to write (.pth).")
    Path weights;

    @Option(names = "--log", paramLabel = "FILE", description = "Per-epoch log in the original's format (default: WEIGHTS with .log).")
    Path logFile;

    @Option(names = "--force", description = "Train even if WEIGHTS exists (the original stops instead).")
    boolean force;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        PrintWriter out = cl.getOut();
        if (Files.exists(weights) && !force) {
            cl.getErr().println("Weights file already exists: " + weights + " (use --force to train again)");
            return ExitCodes.OK;
        }
        ErrorReport errors = new ErrorReport(cl.getErr());
        List<FeatureFile> trainFiles = FeatureFiles.list(trainDir);
        List<FeatureFile> evalFiles;
        if (evalDir != null) {
            evalFiles = FeatureFiles.list(evalDir);
        } else {
            // hold out the first ceil(n * split) files of a shuffled list, as the original does
            List<FeatureFile> shuffled = new ArrayList<>(trainFiles);
            Collections.shuffle(shuffled, new Random(seed));
            int held = (int) Math.ceil(shuffled.size() * evalSplit);
            evalFiles = new ArrayList<>(shuffled.subList(0, held));
            trainFiles = new ArrayList<>(shuffled.subList(held, shuffled.size()));
        }
        FeatureSet train = FeatureSet.load(sorted(trainFiles), errors::add);
        FeatureSet eval = FeatureSet.load(sorted(evalFiles), errors::add);
        if (train.isEmpty()) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(trainDir), "no usable training features");
        }
        List<String> labels = new ArrayList<>(new TreeSet<>(train.files().stream().map(FeatureFile::probeLabel).toList()));
        List<ProbeExample> trainExamples = examples(train, labels, train.dimension(), errors);
        List<ProbeExample> evalExamples = examples(eval, labels, train.dimension(), errors);
        if (evalExamples.isEmpty()) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(evalDir != null ? evalDir : trainDir),
                    "no usable evaluation features (give --eval DIR or an --eval-split above 0)");
        }
        out.println("Training on " + trainExamples.size() + " files, evaluating on " + evalExamples.size());
        out.println("Found " + labels.size() + " classes: " + String.join(", ", labels));
        out.println("Hidden size: " + train.dimension());
        out.println("Parameter Number: " + (labels.size() * (train.dimension() + 1)));
        out.flush();

        Path log = logFile != null ? logFile : withExtension(weights, ".log");
        Files.deleteIfExists(log);
        ProbeTrainingOptions options = new ProbeTrainingOptions(epochs, learningRate, warmupEpochs, balanced, seed);
        LinearProbeTrainer trainer = new LinearProbeTrainer(labels, train.dimension(), options);
        EpochResult[] best = new EpochResult[1];
        try (ProgressBar bar = new ProgressBar(cl.getErr(), "Epochs", epochs)) {
            trainer.train(trainExamples, evalExamples, (r, probe) -> {
                StringBuilder entry = new StringBuilder();
                entry.append("Epoch ").append(r.epoch()).append("\ntrain_acc: ").append(r.trainAccuracy())
                        .append("\neval_acc: ").append(r.evalAccuracy())
                        .append("\neval_f1_macro: ").append(r.evalMacroF1())
                        .append("\ntime: ").append(asctime()).append("\n\n");
                if (r.best()) {
                    best[0] = r;
                    ProbeCheckpoints.write(weights, new ProbeCheckpoint(probe, r.epoch(), r.evalAccuracy()));
                    entry.append("Best Epoch so far!\n\n\n");
                }
                append(log, entry.toString());
                out.printf(Locale.ROOT, "Epoch %d: train_loss %.4f train_acc %.4f eval_acc %.4f eval_f1_macro %.4f%s%n",
                        r.epoch(), r.trainLoss(), r.trainAccuracy(), r.evalAccuracy(), r.evalMacroF1(),
                        r.best() ? " (best so far, saved)" : "");
                out.flush();
                bar.step();
            });
        }
        out.println("Best Eval Epoch : " + best[0].epoch());
        out.println("Max Eval Accuracy : " + best[0].evalAccuracy());
        out.println("Weights: " + weights + "  Log: " + log);
        out.flush();
        return errors.finish(errorsOption.file);
    }

    private static List<FeatureFile> sorted(List<FeatureFile> files) {
        List<FeatureFile> s = new ArrayList<>(files);
        s.sort((a, b) -> a.relative().compareTo(b.relative()));
        return s;
    }

    private static List<ProbeExample> examples(FeatureSet set, List<String> labels, int dimension, ErrorReport errors) {
        List<ProbeExample> out = new ArrayList<>();
        for (int i = 0; i < set.size(); i++) {
            FeatureFile f = set.file(i);
            int label = labels.indexOf(f.probeLabel());
            if (label < 0) {
                errors.add(new InvalidInputException(f.file(), "label '" + f.probeLabel() + "' does not occur in the training files"));
            } else if (set.vector(i).length != dimension) {
                errors.add(new InvalidInputException(f.file(), "dimension " + set.vector(i).length
                        + " differs from the training features' " + dimension));
            } else {
                out.add(new ProbeExample(set.vector(i), label, f.shown()));
            }
        }
        return out;
    }

    private static Path withExtension(Path p, String ext) {
        String name = p.getFileName().toString();
        int dot = name.lastIndexOf('.');
        return p.resolveSibling((dot > 0 ? name.substring(0, dot) : name) + ext);
    }

    /** Python's time.asctime(): "Tue Nov 24 22:44:03 2026". */
    private static String asctime() {
        return ZonedDateTime.now().format(DateTimeFormatter.ofPattern("EEE MMM ppd HH:mm:ss yyyy", Locale.ROOT));
    }

    /** The log only ever grows by whole entries, so plain appending is safe. */
    private static void append(Path log, String text) throws IOException {
        Files.writeString(log, text, StandardOpenOption.CREATE, StandardOpenOption.APPEND);
    }
}
