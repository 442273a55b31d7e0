package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

import org.clamp3.core.io.Npy;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.retrieval.Cosine;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * {@code classify zero-shot} on features generated near the tiny test model's text vectors of
 * four labels in four languages: every item gets the label it was generated from.
 */
class ZeroShotCommandTest {
    private static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
    private static final List<String> LABELS = List.of("rock", "jazz", "古典音乐", "фольк");
    private static final String TEMPLATE = "a piece of {} music";
    private static final int PER_LABEL = 3;

    @TempDir
    Path dir;

    /** The model's text vector of each label put into the template. */
    private static List<float[]> labelVectors(String template) throws IOException {
        List<float[]> out = new ArrayList<>();
        try (Clamp3Model m = Clamp3Model.load(MODEL)) {
            for (String label : LABELS) {
                out.add(m.embedText(template.replace("{}", label)));
            }
        }
        return out;
    }

    /**
     * {@code PER_LABEL} items per label, each its label's vector plus seeded Gaussian noise of 1 % of
     * its norm (the labels' vectors in the random tiny model are up to 0.98 alike). Returns key → label.
     */
    private Map<String, String> writeItems(Path features, List<float[]> vectors, long seed) throws IOException {
        Random random = new Random(seed);
        Map<String, String> expected = new LinkedHashMap<>();
        for (int i = 0; i < LABELS.size(); i++) {
            float[] v = vectors.get(i);
            double sigma = 0.01 * Cosine.norm(v) / Math.sqrt(v.length);
            for (int k = 0; k < PER_LABEL; k++) {
                float[] item = new float[v.length];
                for (int d = 0; d < v.length; d++) {
                    item[d] = (float) (v[d] + sigma * random.nextGaussian());
                }
                String key = (k == 0 ? "sub/" : "") + "item" + i + "_" + k;
                Npy.writeFloat32(features.resolve(key + ".npy"), item, 1, item.length);
                expected.put(key, LABELS.get(i));
            }
        }
        return expected;
    }

    private Path labelsFile(String... lines) throws IOException {
        return Files.write(dir.resolve("labels-" + lines.length + "-" + lines[0].hashCode() + ".txt"), List.of(lines));
    }

    private CliRun zeroShot(Path features, Path labels, String... more) {
        List<String> args = new ArrayList<>(List.of("classify", "zero-shot", features.toString(), "--labels", labels.toString(),
                "--model", MODEL.toString(), "--errors", dir.resolve("errors.jsonl").toString()));
        args.addAll(List.of(more));
        return CliRun.of(args.toArray(new String[0]));
    }

    /** key → best label of the JSON on stdout, checking its shape on the way. */
    private static Map<String, String> labelsOf(String json) throws IOException {
        JsonNode root = new ObjectMapper().readTree(json);
        assertTrue(root.isObject(), json);
        Map<String, String> out = new LinkedHashMap<>();
        for (Iterator<Map.Entry<String, JsonNode>> it = root.fields(); it.hasNext();) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode rec = e.getValue();
            assertEquals(List.of("label", "scores"), fieldNames(rec), json);
            JsonNode scores = rec.get("scores");
            assertEquals(LABELS, fieldNames(scores), "scores in label-file order");
            double sum = 0;
            double max = -1;
            for (String label : LABELS) {
                assertTrue(scores.get(label).isDouble(), json);
                sum += scores.get(label).asDouble();
                max = Math.max(max, scores.get(label).asDouble());
            }
            assertEquals(1.0, sum, 1e-9, json);
            assertEquals(max, scores.get(rec.get("label").asText()).asDouble(), "the label has the highest score");
            out.put(e.getKey(), rec.get("label").asText());
        }
        return out;
    }

    private static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    @Test
    void everyItemGetsTheLabelItWasGeneratedFrom() throws IOException {
        Path features = dir.resolve("features");
        Map<String, String> expected = writeItems(features, labelVectors("{}"), 1);
        Path labels = labelsFile("# genres, one per line", "rock", "", "  jazz  ", "古典音乐", "фольк");

        CliRun run = zeroShot(features, labels, "--json", "-o", dir.resolve("out/zs.json").toString());
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, String> got = labelsOf(run.out());
        assertEquals(List.of("item0_1", "item0_2", "item1_1", "item1_2", "item2_1", "item2_2", "item3_1", "item3_2",
                "sub/item0_0", "sub/item1_0", "sub/item2_0", "sub/item3_0"), new ArrayList<>(got.keySet()),
                "keys in the feature set's order");
        assertEquals(expected, Map.copyOf(got), "every item gets its label");
        assertEquals(run.out().strip(), Files.readString(dir.resolve("out/zs.json")), "-o writes the same JSON");

        // the human form: key, then the --top most probable labels with their probabilities
        run = zeroShot(features, labels, "--top", "2");
        assertEquals(0, run.exitCode(), run.toString());
        List<String> lines = run.out().lines().toList();
        assertEquals(expected.size(), lines.size(), run.out());
        for (String line : lines) {
            String[] f = line.split("  ");
            assertEquals(3, f.length, line);
            assertTrue(f[1].startsWith(expected.get(f[0]) + " 0."), line);
            assertTrue(f[2].matches("\\S+ 0\\.\\d{4}"), line);
        }
    }

    /** The same items in an index (built from their feature files with the model recorded) get the same labels. */
    @Test
    void anIndexIsATargetToo() throws IOException {
        Path features = dir.resolve("features-idx");
        Map<String, String> expected = writeItems(features, labelVectors("{}"), 1);
        Path index = dir.resolve("items.idx");
        CliRun build = CliRun.of("index", "build", features.toString(), index.toString(), "--features", "--model", MODEL.toString());
        assertEquals(0, build.exitCode(), build.toString());
        Path labels = labelsFile("rock", "jazz", "古典音乐", "фольк");
        CliRun run = zeroShot(index, labels, "--json");
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(expected, Map.copyOf(labelsOf(run.out())));
        // labels embedded by another model than the index's are refused
        Path other = dir.resolve("other-model");
        IndexCommandTest.copyTree(MODEL, other);
        Files.writeString(other.resolve("config.json"), Files.readString(other.resolve("config.json")) + "\n");
        run = CliRun.of("classify", "zero-shot", index.toString(), "--labels", labels.toString(), "--model", other.toString());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("the index holds vectors of model"), run.err());
    }

    @Test
    void theTemplateShapesTheLabelVectors() throws IOException {
        Path features = dir.resolve("templated");
        Map<String, String> expected = writeItems(features, labelVectors(TEMPLATE), 2);
        Path labels = labelsFile(LABELS.toArray(new String[0]));

        CliRun run = zeroShot(features, labels, "--json", "--template", TEMPLATE);
        assertEquals(0, run.exitCode(), run.toString());
        assertEquals(expected, Map.copyOf(labelsOf(run.out())));

        run = zeroShot(features, labels, "--json");
        assertEquals(0, run.exitCode(), run.toString());
        Map<String, String> untemplated = labelsOf(run.out());
        assertFalse(expected.equals(Map.copyOf(untemplated)),
                "without the template some items are closer to another label: " + untemplated);
    }

    @Test
    void aLowerTemperatureSharpensTheScores() throws IOException {
        Path features = dir.resolve("features");
        writeItems(features, labelVectors("{}"), 3);
        Path labels = labelsFile(LABELS.toArray(new String[0]));
        JsonNode t1 = new ObjectMapper().readTree(zeroShot(features, labels, "--json").out());
        JsonNode sharp = new ObjectMapper().readTree(zeroShot(features, labels, "--json", "--temperature", "0.01").out());
        JsonNode rec = t1.get("item0_1");
        assertEquals("rock", sharp.get("item0_1").get("label").asText());
        assertTrue(sharp.get("item0_1").get("scores").get("rock").asDouble() > rec.get("scores").get("rock").asDouble() + 0.1,
                sharp + " vs " + t1);
    }

    @Test
    void badFeatureFilesAreReportedAndTheRestLabelled() throws IOException {
        Path features = dir.resolve("features");
        Map<String, String> expected = writeItems(features, labelVectors("{}"), 4);
        Files.writeString(features.resolve("broken.npy"), "not an npy");
        CliRun run = zeroShot(features, labelsFile(LABELS.toArray(new String[0])), "--json");
        assertEquals(ExitCodes.INPUT_FAILED, run.exitCode(), run.toString());
        assertEquals(1, run.errorLines().size(), run.toString());
        assertTrue(run.errorLines().get(0).contains("broken.npy"), run.toString());
        assertEquals(expected, Map.copyOf(labelsOf(run.out())));
    }

    @Test
    void targetsThatAreNoFeatureFolderOrOfAnotherDimensionAreOneLineErrors() throws IOException {
        Path labels = labelsFile(LABELS.toArray(new String[0]));
        Path file = Files.writeString(dir.resolve("index.bin"), "x");
        Path other = dir.resolve("dim5");
        Npy.writeFloat32(other.resolve("a.npy"), new float[5], 1, 5);
        Files.createDirectories(dir.resolve("empty"));
        for (Object[] c : new Object[][] {
                {file, file + ": not a folder of global features (.npy)"},
                {dir.resolve("missing"), dir.resolve("missing") + ": no such folder"},
                {dir.resolve("empty"), dir.resolve("empty") + ": nothing to classify: no usable global features (.npy)"},
                {other, other + ": these features have dimension 5, but the model " + MODEL + " embeds the labels with 128"}}) {
            CliRun run = zeroShot((Path) c[0], labels);
            assertEquals(ExitCodes.INPUT_FAILED, run.exitCode(), run.toString());
            assertEquals(List.of("error: " + c[1]), run.errorLines(), run.toString());
            assertEquals("", run.out(), run.toString());
        }
    }

    @Test
    void labelsAndTemplateMistakesAreUsageErrors() throws IOException {
        Path features = dir.resolve("no-features-needed");
        Path good = labelsFile("rock", "jazz");
        Path one = labelsFile("# only one", "rock", "");
        Path dup = labelsFile("rock", "jazz", "# comment", " rock ");
        Path missing = dir.resolve("missing.txt");
        Path notUtf8 = Files.write(dir.resolve("latin1.txt"), new byte[] {'r', 'o', 'c', 'k', '\n', (byte) 0xe9, '\n'});
        for (Object[] c : new Object[][] {
                {good, new String[] {"--template", "a piece of music"},
                        "--template 'a piece of music' has no {} to put the label in"},
                {one, new String[0], "--labels " + one + ": zero-shot classification needs at least 2 labels, found 1"},
                {dup, new String[0], "--labels " + dup + ": line 4: duplicate label 'rock' (first on line 1)"},
                {missing, new String[0], "--labels " + missing + ": no such file"},
                {notUtf8, new String[0], "--labels " + notUtf8 + ": not UTF-8 text"}}) {
            CliRun run = zeroShot(features, (Path) c[0], (String[]) c[1]);
            assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
            assertEquals(List.of("error: " + c[2]), run.errorLines(), run.toString());
            assertEquals("", run.out(), run.toString());
        }
        CliRun run = CliRun.of("classify", "zero-shot", features.toString());
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(List.of("error: Missing required option: '--labels=FILE'"), run.errorLines(), run.toString());
    }
}
