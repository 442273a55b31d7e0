package org.clamp3.train;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import ai.djl.ndarray.NDArray;

import com.fasterxml.jackson.databind.JsonNode;

import org.clamp3.core.pipeline.CoreFormats;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.Modality;
import org.clamp3.core.weights.TorchCheckpoint;
import org.clamp3.train.clamp3.ContrastiveTask;
import org.clamp3.train.data.JsonlItems;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learning, resuming and exporting with the tiny fixture model on generated paired data. */
class TrainingLoopTest {
    private static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");
    private static final String[] STYLES = {"waltz", "march", "blues", "tango", "polka", "fugue", "reel", "lullaby"};

    /**
     * Items of 8 styles: the text names the style, the audio features are the style's prototype
     * plus noise. Returns the JSONL path; {@code perStyle} items per style.
     */
    private static Path dataset(Path dir, String name, int perStyle, long seed) throws IOException {
        Random rnd = new Random(seed);
        Random protoRnd = new Random(99);
        float[][] prototypes = new float[STYLES.length][128];
        for (float[] p : prototypes) {
            for (int k = 0; k < p.length; k++) {
                p[k] = (float) protoRnd.nextGaussian();
            }
        }
        StringBuilder jsonl = new StringBuilder();
        Files.createDirectories(dir.resolve(name));
        for (int s = 0; s < STYLES.length; s++) {
            for (int i = 0; i < perStyle; i++) {
                String id = name + "_" + STYLES[s] + "_" + i;
                int frames = 5 + rnd.nextInt(20);
                float[] v = new float[frames * 128];
                for (int f = 0; f < frames; f++) {
                    for (int k = 0; k < 128; k++) {
                        v[f * 128 + k] = prototypes[s][k] + (float) (0.5 * rnd.nextGaussian());
                    }
                }
                Npy.writeFloat32(dir.resolve(name).resolve(id + ".npy"), v, 1, frames, 128);
                jsonl.append("{\"id\": \"").append(id).append("\", \"filepaths\": [\"").append(name).append('/').append(id)
                        .append(".npy\"], \"analysis\": \"A ").append(STYLES[s]).append(" piece.\", \"genres\": [\"")
                        .append(STYLES[s]).append("\"], \"description\": \"This is a ").append(STYLES[s]).append(".\"}\n");
            }
        }
        jsonl.append("this line is not json\n");
        Path file = dir.resolve(name + ".jsonl");
        Files.writeString(file, jsonl, StandardCharsets.UTF_8);
        return file;
    }

    private static TrainingOptions options(Path out, long maxSteps, int epochs) {
        return new TrainingOptions(epochs, 8, 3e-4, 0, 7, maxSteps, 0, 0, out);
    }

    private static TrainingState train(Path dir, Path out, long maxSteps, Path resume) throws Exception {
        List<InvalidInputException> problems = new ArrayList<>();
        List<JsonNode> train = JsonlItems.read(dir.resolve("train.jsonl"), problems::add);
        List<JsonNode> eval = JsonlItems.read(dir.resolve("eval.jsonl"), problems::add);
        assertEquals(2, problems.size(), "each file's non-JSON line is reported");
        try (Clamp3Model model = resume != null ? Clamp3Model.load(MODEL, resume) : Clamp3Model.load(MODEL)) {
            ContrastiveTask task = new ContrastiveTask(model, Modality.AUDIO, train, dir, eval, dir, true, e -> {
                throw e;
            });
            Map<String, NDArray> trainable = TrainCheck.trainable(model.parameters(), Modality.AUDIO);
            TrainingLoop loop = new TrainingLoop(model, trainable, task, options(out, maxSteps, 100), "audio");
            TrainingState state = resume != null ? TrainingCheckpoint.resume(resume, loop.optimizer(), model.manager())
                    : TrainingState.start();
            return loop.run(state, new TrainingLoop.Listener() { });
        }
    }

    @Test
    void resumingGivesTheSameWeightsAsAnUninterruptedRun(@TempDir Path dir) throws Exception {
        dataset(dir, "train", 4, 1);
        dataset(dir, "eval", 1, 2);
        train(dir, dir.resolve("straight"), 8, null);
        train(dir, dir.resolve("interrupted"), 4, null);
        TrainingState resumed = train(dir, dir.resolve("interrupted"), 8, dir.resolve("interrupted/last.pth"));
        assertEquals(8, resumed.globalStep());
        try (TorchCheckpoint a = TorchCheckpoint.open(dir.resolve("straight/last.pth"));
             TorchCheckpoint b = TorchCheckpoint.open(dir.resolve("interrupted/last.pth"))) {
            var wa = a.stateDict("model");
            var wb = b.stateDict("model");
            assertEquals(wa.keySet(), wb.keySet());
            for (String k : wa.keySet()) {
                assertArrayEquals(wa.get(k).toFloatArray(), wb.get(k).toFloatArray(), 1e-6f, k);
            }
        }
    }

    @Test
    void learnsTheSharedStructureAndExportsForTheOriginal(@TempDir Path dir) throws Exception {
        dataset(dir, "train", 12, 1);
        dataset(dir, "eval", 2, 2);
        double before = mrr(MODEL, null, dir);
        TrainingState end = train(dir, dir.resolve("run"), 80, null);
        double after = mrr(MODEL, dir.resolve("run/last.pth"), dir);
        System.out.printf("learning: eval MRR %.3f -> %.3f (chance about 0.21), min eval loss %.4f%n", before, after, end.minEvalLoss());
        assertTrue(after > 0.5 && after > before + 0.2, "MRR " + before + " -> " + after);
        String log = Files.readString(dir.resolve("run/training.log"));
        assertTrue(log.startsWith("Epoch 1\ntrain_loss: "), log);

        Path exported = dir.resolve("exported.pth");
        TrainingCheckpoint.export(dir.resolve("run/best.pth"), exported);
        try (TorchCheckpoint ck = TorchCheckpoint.open(exported)) {
            assertTrue(!((Map<?, ?>) ck.root()).containsKey(TrainingCheckpoint.RESUME_KEY));
            assertEquals(Set.copyOf(keys(MODEL)), ck.stateDict("model").keySet(), "the original's key set");
        }
        assumeTrue(pythonTorch(), "Debian python3-torch not installed: skipping the torch.load check");
        String script = "import torch, sys\n"
                + "ck = torch.load(sys.argv[1], map_location='cpu')\n"
                + "ref = torch.load(sys.argv[2], map_location='cpu')['model']\n"
                + "sd = ck['model']\n"
                + "assert set(sd) == set(ref), set(sd) ^ set(ref)\n"
                + "assert all(sd[k].shape == ref[k].shape for k in sd)\n"
                + "print('ok', ck['epoch'])\n";
        Process p = new ProcessBuilder("/usr/bin/python3", "-c", script, exported.toString(), weightsFile().toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS));
        assertEquals(0, p.exitValue(), out);
    }

    private static Path weightsFile() throws IOException {
        return MODEL.resolve("weights").resolve(org.clamp3.core.model.config.ModelConfig.read(MODEL).clamp3WeightsPth());
    }

    private static java.util.Set<String> keys(Path model) throws IOException {
        try (TorchCheckpoint ck = TorchCheckpoint.open(weightsFile())) {
            return ck.stateDict("model").keySet();
        }
    }

    private static boolean pythonTorch() {
        try {
            Process p = new ProcessBuilder("/usr/bin/python3", "-c", "import torch").redirectErrorStream(true).start();
            p.getInputStream().readAllBytes();
            return p.waitFor(120, TimeUnit.SECONDS) && p.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    /** Text → audio retrieval MRR on the eval items, with global features. */
    private static double mrr(Path modelDir, Path weights, Path dir) throws Exception {
        List<JsonNode> eval = JsonlItems.read(dir.resolve("eval.jsonl"), e -> { });
        try (Clamp3Model model = weights == null ? Clamp3Model.load(modelDir) : Clamp3Model.load(modelDir, weights)) {
            List<float[]> texts = new ArrayList<>();
            List<float[]> audio = new ArrayList<>();
            for (JsonNode item : eval) {
                texts.add(model.embedText(item.get("analysis").asText()));
                audio.add(model.embed(new FileEncoder(model, CoreFormats.all()).encode(dir.resolve(item.get("filepaths").get(0).asText()))));
            }
            double sum = 0;
            for (int i = 0; i < texts.size(); i++) {
                double own = cos(texts.get(i), audio.get(i));
                int rank = 1;
                for (int j = 0; j < audio.size(); j++) {
                    if (j != i && cos(texts.get(i), audio.get(j)) > own) {
                        rank++;
                    }
                }
                sum += 1.0 / rank;
            }
            return sum / texts.size();
        }
    }

    private static double cos(float[] a, float[] b) {
        double d = 0;
        double na = 0;
        double nb = 0;
        for (int i = 0; i < a.length; i++) {
            d += (double) a[i] * b[i];
            na += (double) a[i] * a[i];
            nb += (double) b[i] * b[i];
        }
        return d / Math.sqrt(na * nb);
    }
}
