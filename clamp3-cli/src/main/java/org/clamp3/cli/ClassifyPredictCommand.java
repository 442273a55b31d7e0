package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.probe.LinearProbe;
import org.clamp3.core.probe.ProbeCheckpoint;
import org.clamp3.core.probe.ProbeCheckpoints;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyJson;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Labels feature files with a trained probe, like classification/inference_cls.py. */
@Command(name = "predict", mixinStandardHelpOptions = true,
        description = {
            "Label every .npy below FEATURE_DIR with a trained linear probe and write {path: label} JSON.",
            "Reads checkpoints of 'clamp3 classify train' and of the original train_cls.py."
        },
        footer = {"", "Example:", "  clamp3 classify predict genre.pth features/test predictions.json"})
final class ClassifyPredictCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "WEIGHTS", description = "Probe checkpoint (.pth).")
    Path weights;

    @Parameters(index = "1", paramLabel = "FEATURE_DIR", description = "Folder of global features (.npy), searched recursively.")
    String featureDir;

    @Parameters(index = "2", paramLabel = "OUT.json", description = "Where to write the predictions.")
    Path output;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Override
    public Integer call() throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        ErrorReport errors = new ErrorReport(spec.commandLine().getErr());
        ProbeCheckpoint checkpoint = ProbeCheckpoints.read(weights);
        LinearProbe probe = checkpoint.probe();
        out.println("Successfully Loaded Checkpoint from Epoch " + checkpoint.epoch() + " with acc "
                + PyFloat.repr(checkpoint.maxEvalAcc()));
        out.println("Parameter Number: " + (probe.classes() * (probe.inputSize() + 1)));
        out.flush();

        FeatureSet features = FeatureSet.load(featureDir, errors::add);
        Map<String, Object> predictions = new LinkedHashMap<>();
        try (ProgressBar bar = new ProgressBar(spec.commandLine().getErr(), "Classifying", features.size())) {
            for (int i = 0; i < features.size(); i++) {
                float[] x = features.vector(i);
                if (x.length != probe.inputSize()) {
                    errors.add(new InvalidInputException(features.file(i).file(), "dimension " + x.length
                            + ", but the probe " + weights + " takes " + probe.inputSize()));
                } else {
                    predictions.put(features.file(i).shown(), probe.predictLabel(x));
                }
                bar.step();
            }
        }
        if (predictions.isEmpty() && errors.isEmpty()) {
            throw new InvalidInputException(Path.of(featureDir), "no .npy features in this folder");
        }
        AtomicFiles.writeString(output, PyJson.dumps(predictions));
        out.println("Wrote " + predictions.size() + " predictions to " + output);
        out.flush();
        return errors.finish(errorsOption.file);
    }
}
