package org.clamp3.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyJson;
import org.clamp3.core.retrieval.ZeroShot;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** CLaMP 3's zero-shot classification: every item gets the label whose text vector it is closest to. */
@Command(name = "zero-shot", mixinStandardHelpOptions = true,
        description = {
            "Label every item of TARGET with the closest of the labels in --labels (any language), each embedded",
            "with the model's text encoder; scores are softmax(cosine / temperature) over the labels.",
            "JSON: {\"<key>\": {\"label\": \"<best>\", \"scores\": {\"<label1>\": p1, ...}}, ...}, labels in file order."
        },
        footer = {
            "",
            "The labels file is UTF-8 text, one label per line; blank lines and lines starting with # are skipped.",
            "Items are keyed by their path below TARGET without .npy, or by their index keys (clamp3 index build).",
            "",
            "Example:",
            "  clamp3 classify zero-shot features/ --labels genres.txt --template \"a piece of {} music\" --json",
            "  rock_0001  rock 0.2791  jazz 0.2420  classical 0.2395      (without --json)"
        })
final class ClassifyZeroShotCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "TARGET", description = "Folder of global features (.npy), searched recursively, or an index.")
    String target;

    @Option(names = "--labels", required = true, paramLabel = "FILE", description = "The labels, one per line (UTF-8).")
    Path labelsFile;

    @Option(names = "--template", paramLabel = "TEXT", defaultValue = "{}",
            description = "Text embedded for each label, {} standing for the label, e.g. \"a piece of {} music\" (default: ${DEFAULT-VALUE}).")
    String template;

    @Option(names = "--temperature", paramLabel = "T", defaultValue = "1.0", converter = Ranges.PositiveRate.class,
            description = "Scores are softmax(cosine / T); below 1 sharpens them, the best label stays (default: ${DEFAULT-VALUE}).")
    double temperature;

    @Option(names = "--top", paramLabel = "N", defaultValue = "3", converter = Ranges.AtLeastOne.class,
            description = "Labels shown per item without --json (default: ${DEFAULT-VALUE}).")
    int top;

    @Option(names = "--json", description = "Print the JSON object instead of one line per item.")
    boolean json;

    @Option(names = {"-o", "--out"}, paramLabel = "FILE", description = "Also write the JSON object to FILE.")
    Path outFile;

    @Mixin
    ModelOption model = new ModelOption();

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    @Override
    public Integer call() throws Exception {
        if (!template.contains("{}")) {
            throw usage("--template '" + template + "' has no {} to put the label in");
        }
        List<String> labels = readLabels();
        PrintWriter out = spec.commandLine().getOut();
        ErrorReport errors = new ErrorReport(spec.commandLine().getErr());
        ItemVectors items = ItemVectors.open(target, errors::add);
        if (items.size() == 0) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(target), "nothing to classify: no usable global features (.npy)");
        }
        if (items.model() != null && !items.model().equals(Clamp3Model.fingerprint(model.resolve()))) {
            throw new InvalidInputException(Path.of(target), "the index holds vectors of model " + items.model()
                    + ", the labels would be embedded by model " + Clamp3Model.fingerprint(model.resolve()) + " (" + model.resolve()
                    + "); give the --model the index was built with");
        }
        ZeroShot zeroShot = new ZeroShot(labels, embed(labels), temperature);
        if (items.dimension() != zeroShot.dimension()) {
            throw new InvalidInputException(Path.of(target), "these features have dimension " + items.dimension()
                    + ", but the model " + model.resolve() + " embeds the labels with " + zeroShot.dimension());
        }

        Map<String, Object> results = new LinkedHashMap<>();
        items.forEach(zeroShot.classifying((key, p) -> {
            if (!json) {
                out.println(line(key, p));
            }
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("label", p.label());
            rec.put("scores", p.scores());
            results.put(key, rec);
        }));
        String text = PyJson.dumps(results);
        if (json) {
            out.println(text);
        }
        if (outFile != null) {
            AtomicFiles.writeString(outFile, text);
            if (!json) {
                out.println("Wrote " + results.size() + " predictions to " + outFile);
            }
        }
        out.flush();
        return errors.finish(errorsOption.file);
    }

    /** {@code key  best 0.8123  next 0.1002 ...}: the {@code --top} most probable labels. */
    private String line(String key, ZeroShot.Prediction p) {
        StringBuilder sb = new StringBuilder(key);
        int[] ranking = p.ranking();
        for (int r = 0; r < Math.min(top, ranking.length); r++) {
            int i = ranking[r];
            sb.append("  ").append(p.labels().get(i)).append(' ').append(PyFloat.formatFixed(p.probabilities()[i], 4));
        }
        return sb.toString();
    }

    /** The labels' text vectors, each label put into the template. */
    private List<float[]> embed(List<String> labels) throws IOException {
        List<float[]> vectors = new ArrayList<>(labels.size());
        try (Clamp3Model m = Clamp3Model.load(model.resolve())) {
            for (String label : labels) {
                vectors.add(m.embedText(template.replace("{}", label)));
            }
        }
        return vectors;
    }

    /** The labels file: one label a line, trimmed; blank lines and {@code #} comments skipped; at least two, all distinct. */
    private List<String> readLabels() {
        List<String> lines;
        try {
            lines = Files.readAllLines(labelsFile, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw usage("--labels " + labelsFile + ": no such file");
        } catch (CharacterCodingException e) {
            throw usage("--labels " + labelsFile + ": not UTF-8 text");
        } catch (IOException e) {
            throw usage("--labels " + labelsFile + ": cannot read: " + e.getMessage());
        }
        List<String> labels = new ArrayList<>();
        Map<String, Integer> lineOf = new HashMap<>();
        for (int n = 0; n < lines.size(); n++) {
            String label = lines.get(n).replace("\uFEFF", "").strip();
            if (label.isEmpty() || label.startsWith("#")) {
                continue;
            }
            Integer first = lineOf.putIfAbsent(label, n + 1);
            if (first != null) {
                throw usage("--labels " + labelsFile + ": line " + (n + 1) + ": duplicate label '" + label
                        + "' (first on line " + first + ")");
            }
            labels.add(label);
        }
        if (labels.size() < 2) {
            throw usage("--labels " + labelsFile + ": zero-shot classification needs at least 2 labels, found "
                    + labels.size());
        }
        return labels;
    }

    private CommandLine.ParameterException usage(String message) {
        return new CommandLine.ParameterException(spec.commandLine(), message);
    }
}
