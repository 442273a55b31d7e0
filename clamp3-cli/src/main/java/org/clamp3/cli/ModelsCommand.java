package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.M3EncoderModel;
import org.clamp3.core.model.ModelConversions;
import org.clamp3.core.model.config.ModelConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Model-folder tools. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Check model folders (fetch them with scripts/fetch-models.sh).",
        subcommands = {ModelsCommand.Verify.class, ModelsCommand.Convert.class},
        footer = {"", "Examples:", "  clamp3 models verify models/clamp3-saas", "  clamp3 models convert models/clamp3-saas"})
final class ModelsCommand {

    @Command(name = "verify", mixinStandardHelpOptions = true,
            description = {
                "Load a model folder the way extract does and check everything: config.json, every weight's",
                "name and shape, the tokenizer, one embedding per modality; also the M3 checkpoint if present."
            },
            footer = {"", "Example:", "  clamp3 models verify models/clamp3-saas", "  OK models/clamp3-saas: ..."})
    static final class Verify implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Model folder.")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            long t0 = System.nanoTime();
            ModelConfig config = ModelConfig.read(dir);
            try (Clamp3Model model = Clamp3Model.load(dir)) {
                int d = model.embedText("A test.").length;
                int s = model.embedSymbolic("X:1\nL:1/8\nK:C\nCDEF|GABc|\n").length;
                float[][] frames = new float[3][config.audioEncoder().hiddenSize()];
                int a = model.embedAudioFeatures(frames).length;
                out.printf(Locale.ROOT, "OK %s: CLaMP 3 weights, tokenizer and all three encoders (%d-d text %d, symbolic %d, audio %d) in %.1f s%n",
                        dir, config.clamp3HiddenSize(), d, s, a, (System.nanoTime() - t0) / 1e9);
            }
            String m3 = config.m3WeightsSafetensors() != null && exists(dir, config.m3WeightsSafetensors()) ? config.m3WeightsSafetensors()
                    : config.m3WeightsPth() != null && exists(dir, config.m3WeightsPth()) ? config.m3WeightsPth() : null;
            if (m3 != null) {
                try (M3EncoderModel ignored = M3EncoderModel.load(dir)) {
                    out.println("OK " + dir + ": M3 encoder weights " + m3);
                }
            }
            out.flush();
            return ExitCodes.OK;
        }

    }

    @Command(name = "convert", mixinStandardHelpOptions = true,
            description = {
                "Write a model-only .safetensors next to each .pth checkpoint of a model folder (CLaMP 3 and M3",
                "weights, or a MERT folder's pytorch_model.bin). Loading then maps the file instead of reading",
                "it: start-up takes about a second, and only the pages a run touches are read (a text-only run",
                "never reads the audio tower). The .pth stays the reference; the converted file records its",
                "identity, is used only while that .pth is unchanged, and keeps the model's fingerprint."
            },
            footer = {"", "Example:", "  clamp3 models convert models/clamp3-saas",
                "  converted weights_clamp3_saas_...pth (2.6 GB) -> weights_clamp3_saas_...safetensors (1.8 GB, 601 tensors) in 9.1 s"})
    static final class Convert implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Model folder (CLaMP 3 with config.json, or MERT).")
        Path dir;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            List<Path> checkpoints = ModelConversions.checkpoints(dir);
            if (checkpoints.isEmpty()) {
                out.println("models convert: nothing to convert in " + dir + " (its weights are .safetensors already)");
                out.flush();
                return ExitCodes.OK;
            }
            for (Path pth : checkpoints) {
                long t0 = System.nanoTime();
                ModelConversions.Converted c = ModelConversions.convert(pth);
                out.printf(Locale.ROOT, "converted %s (%s) -> %s (%s, %d tensors) in %.1f s%n", c.source().getFileName(),
                        Sizes.human(c.sourceBytes()), c.target().getFileName(), Sizes.human(c.targetBytes()), c.tensors(),
                        (System.nanoTime() - t0) / 1e9);
                out.flush();
            }
            return ExitCodes.OK;
        }

    }

    /** Whether a file the config names is in the folder or its weights/ subfolder. */
    private static boolean exists(Path dir, String name) {
        return Files.isRegularFile(dir.resolve(name)) || Files.isRegularFile(dir.resolve("weights").resolve(name));
    }
}
