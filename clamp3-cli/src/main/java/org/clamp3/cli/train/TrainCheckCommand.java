package org.clamp3.cli.train;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.cli.Ranges;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.py.PyJson;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.config.TrainingConfig;
import org.clamp3.train.TrainCheck;
import org.clamp3.train.WarmupSchedule;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** N optimiser steps on one fixed batch, dropout off: a reproducibility check of the training path. */
@Command(name = "check", mixinStandardHelpOptions = true,
        description = {
            "Run N AdamW steps on one fixed batch with dropout off and print, per step, the loss before it,",
            "the global gradient L2 norm and the learning rate: for validating a port or a new machine",
            "against the original's numbers. The batch folder holds text_inputs/text_masks/music_inputs/",
            "music_masks.npy (clip) or input_patches/input_masks/selected_indices/target_patches.npy (m3),",
            "optionally with a name prefix such as clip_audio_."
        },
        footer = {"", "Example:", "  clamp3 train check --model src-test-data/model --kind clip-audio --batch src-test-data/model/losses --steps 3 --json"})
final class TrainCheckCommand implements Callable<Integer> {
    enum KindName {
        clip_audio("clip-audio"), clip_symbolic("clip-symbolic"), m3("m3");

        final String label;

        KindName(String label) {
            this.label = label;
        }

        @Override
        public String toString() {
            return label;
        }
    }

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--model", required = true, paramLabel = "DIR", description = "Model folder (for m3: its M3 checkpoint).")
    Path modelDir;

    @Option(names = "--kind", required = true, paramLabel = "clip-audio|clip-symbolic|m3",
            converter = KindConverter.class, description = "What to train.")
    KindName kind;

    @Option(names = "--batch", required = true, paramLabel = "DIR", description = "Folder with the batch's .npy files.")
    Path batchDir;

    @Option(names = "--steps", defaultValue = "3", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Optimiser steps (default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--warmup-steps", defaultValue = "0", paramLabel = "W", converter = Ranges.AtLeastZero.class,
            description = "Warm-up steps (default: ${DEFAULT-VALUE}, i.e. what the original scripts do).")
    int warmupSteps;

    @Option(names = "--lr", paramLabel = "RATE", converter = Ranges.PositiveRate.class,
            description = "Base learning rate (default: the model config's CLAMP3_LEARNING_RATE or M3_LEARNING_RATE, else 1e-5 or 1e-4).")
    Double lr;

    @Option(names = "--json", description = "Print {\"steps\": [{\"step\", \"loss\", \"grad_norm\", \"lr\"}, ...]}.")
    boolean json;

    static final class KindConverter implements CommandLine.ITypeConverter<KindName> {
        @Override
        public KindName convert(String value) {
            for (KindName k : KindName.values()) {
                if (k.label.equals(value)) {
                    return k;
                }
            }
            throw new CommandLine.TypeConversionException("expected clip-audio, clip-symbolic or m3, got '" + value + "'");
        }
    }

    @Override
    public Integer call() throws Exception {
        TrainCheck.Kind k = kind == KindName.m3 ? TrainCheck.Kind.M3
                : kind == KindName.clip_audio ? TrainCheck.Kind.CLIP_AUDIO : TrainCheck.Kind.CLIP_SYMBOLIC;
        String prefix = prefix(k);
        TrainingConfig config = ModelConfig.read(modelDir).training();
        double base = lr != null ? lr : k == TrainCheck.Kind.M3 ? config.m3LearningRate() : config.clamp3LearningRate();
        List<TrainCheck.StepRecord> records = TrainCheck.run(modelDir, k, batchDir, prefix, steps,
                new WarmupSchedule(base, warmupSteps), new TrainCheck.Observer() { });
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            List<Object> list = new ArrayList<>();
            for (TrainCheck.StepRecord r : records) {
                Map<String, Object> m = new LinkedHashMap<>();
                m.put("step", r.step());
                m.put("loss", r.loss());
                m.put("grad_norm", r.gradNorm());
                m.put("lr", r.lr());
                list.add(m);
            }
            out.println(PyJson.dumps(Map.of("steps", list)));
        } else {
            for (TrainCheck.StepRecord r : records) {
                out.printf(Locale.ROOT, "step %d: loss %.7f grad_norm %.7f lr %g%n", r.step(), r.loss(), r.gradNorm(), r.lr());
            }
        }
        out.flush();
        return 0;
    }

    /** "" when the folder holds the plain names, else the fixture-style prefix of this kind. */
    private String prefix(TrainCheck.Kind k) {
        String probe = k == TrainCheck.Kind.M3 ? "input_patches.npy" : "text_inputs.npy";
        if (Files.exists(batchDir.resolve(probe))) {
            return "";
        }
        String prefix = k == TrainCheck.Kind.M3 ? "m3_" : k == TrainCheck.Kind.CLIP_AUDIO ? "clip_audio_" : "clip_symbolic_";
        if (Files.exists(batchDir.resolve(prefix + probe))) {
            return prefix;
        }
        throw new InvalidInputException(batchDir, "no " + probe + " (or " + prefix + probe + ") here");
    }
}
