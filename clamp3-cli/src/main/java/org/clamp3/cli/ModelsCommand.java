package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

import org.clamp3.core.features.FeatureFile;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.M3EncoderModel;
import org.clamp3.core.model.ModelConversions;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.onnx.PrecisionCheck;
import org.clamp3.preprocess.RawFormats;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Model-folder tools. */
@Command(name = "models", mixinStandardHelpOptions = true,
        description = "Check model folders (fetch them with scripts/fetch-models.sh).",
        subcommands = {ModelsCommand.Verify.class, ModelsCommand.Convert.class, ModelsCommand.CheckPrecision.class},
        footer = {"", "Examples:", "  clamp3 models verify models/clamp3-saas", "  clamp3 models convert models/clamp3-saas",
            "  clamp3 models check-precision models/clamp3-saas --inputs my-files/"})
final class ModelsCommand {

    @Command(name = "check-precision", mixinStandardHelpOptions = true,
            description = {
                "How much --precision int8 (ONNX Runtime, dynamically quantized Linear layers) changes this model's",
                "global features on your files: the cosine to the fp32 (libtorch) features per input, min and mean",
                "per modality, and ONNX Runtime fp32's largest difference from libtorch (a check of the graph).",
                "With --queries and --references (files paired by name, as eval pairs them): MRR and Hit@1/10/100",
                "at fp32 and at int8. Trained weights can have outlier channels that random ones lack: check the",
                "model you use."
            },
            footer = {"", "Example (the test fixtures' tiny random model):",
                "  clamp3 models check-precision src-test-data/model --inputs src-test-data/model/inputs",
                "  text         6 inputs  int8 cosine min 0.999999 mean 0.999999  (onnxruntime fp32 max |diff| 1.2e-07)"})
    static final class CheckPrecision implements Callable<Integer> {
        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(paramLabel = "DIR", description = "Model folder.")
        Path dir;

        @CommandLine.Option(names = "--inputs", paramLabel = "DIR",
                description = "A file or folder tree of inputs extract reads (.txt, .abc, .mtf, MusicXML, MIDI, MERT-feature .npy).")
        Path inputs;

        @CommandLine.Option(names = "--queries", paramLabel = "DIR", description = "Query files of a paired set (with --references).")
        Path queries;

        @CommandLine.Option(names = "--references", paramLabel = "DIR", description = "Reference files of a paired set (with --queries).")
        Path references;

        @CommandLine.Mixin
        ThreadsOption threads = new ThreadsOption();

        private final InputFormats formats = RawFormats.all(null);
        private int failed;

        @Override
        public Integer call() throws Exception {
            CommandLine cl = spec.commandLine();
            if ((queries == null) != (references == null)) {
                throw new CommandLine.ParameterException(cl, "--queries and --references go together");
            }
            if (inputs == null && queries == null) {
                throw new CommandLine.ParameterException(cl, "give --inputs DIR, or --queries DIR --references DIR (or both)");
            }
            threads.apply();
            int ortThreads = threads.threads == null ? 0 : threads.threads;
            PrintWriter out = cl.getOut();
            try (Clamp3Model model = Clamp3Model.load(dir)) {
                FileEncoder encoder = new FileEncoder(model, formats);
                if (inputs != null) {
                    List<EncodedInput> encoded = new ArrayList<>();
                    for (FeatureFile f : list(inputs)) {
                        encode(encoder, f, encoded, null);
                    }
                    if (encoded.isEmpty()) {
                        throw new InvalidInputException(inputs, "no input to compare on (" + formats.describe() + ")");
                    }
                    for (PrecisionCheck.Row r : PrecisionCheck.run(model, encoded, ortThreads)) {
                        out.printf(Locale.ROOT, "%-9s %4d inputs  int8 cosine min %.6f mean %.6f  (onnxruntime fp32 max |diff| %.1e)%n",
                                r.modality().name().toLowerCase(Locale.ROOT), r.inputs(), r.minCosine(), r.meanCosine(), r.fp32MaxAbsDiff());
                    }
                }
                if (queries != null) {
                    List<FeatureFile> qFiles = new ArrayList<>();
                    List<EncodedInput> q = new ArrayList<>();
                    for (FeatureFile f : list(queries)) {
                        encode(encoder, f, q, qFiles);
                    }
                    List<FeatureFile> rFiles = new ArrayList<>();
                    List<EncodedInput> r = new ArrayList<>();
                    for (FeatureFile f : list(references)) {
                        encode(encoder, f, r, rFiles);
                    }
                    if (q.isEmpty() || r.isEmpty()) {
                        throw new InvalidInputException(q.isEmpty() ? queries : references, "no input to compare on (" + formats.describe() + ")");
                    }
                    PrecisionCheck.Retrieval ret = PrecisionCheck.retrieval(model, qFiles, q, rFiles, r, ortThreads);
                    for (int p = 0; p < 2; p++) {
                        double[] m = p == 0 ? ret.fp32() : ret.int8();
                        out.printf(Locale.ROOT, "retrieval %s: %d queries  MRR %.4f  Hit@1 %.4f  Hit@10 %.4f  Hit@100 %.4f%n",
                                p == 0 ? "fp32" : "int8", ret.queries(), m[0], m[1], m[2], m[3]);
                    }
                }
            }
            out.flush();
            return failed > 0 ? ExitCodes.INPUT_FAILED : ExitCodes.OK;
        }

        private void encode(FileEncoder encoder, FeatureFile f, List<EncodedInput> into, List<FeatureFile> files) {
            try {
                into.add(encoder.encode(f.file()));
                if (files != null) {
                    files.add(f);
                }
            } catch (RuntimeException e) {
                failed++;
                spec.commandLine().getErr().println("skipped " + f.shown() + ": "
                        + (e.getMessage() == null ? e : e.getMessage().lines().findFirst().orElse("")));
            }
        }

        /** The files below {@code root} extract reads, relative paths as eval pairs them. */
        private List<FeatureFile> list(Path root) throws java.io.IOException {
            List<FeatureFile> files = new ArrayList<>();
            if (Files.isRegularFile(root)) {
                files.add(new FeatureFile(root, root.getFileName().toString(), root.toString()));
                return files;
            }
            if (!Files.isDirectory(root)) {
                throw new InvalidInputException(root, "no such file or folder");
            }
            try (Stream<Path> walk = Files.walk(root)) {
                walk.filter(Files::isRegularFile).filter(f -> formats.extensions().contains(extension(f))).sorted().forEach(f -> {
                    String rel = root.relativize(f).toString().replace(f.getFileSystem().getSeparator(), "/");
                    files.add(new FeatureFile(f, rel, f.toString()));
                });
            }
            return files;
        }

        private static String extension(Path f) {
            String n = f.getFileName().toString();
            int dot = n.lastIndexOf('.');
            return dot < 0 ? "" : n.substring(dot + 1).toLowerCase(Locale.ROOT);
        }
    }

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
