package org.clamp3.cli.train;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.cli.Clamp3;
import org.clamp3.core.io.Npy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import picocli.CommandLine;

/** Without an option a training setting is the model config's (config.py names); an option overrides it. */
class TrainDefaultsTest {
    private static final Path MODEL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("model");

    @TempDir
    Path dir;

    /** The fixture model with these config.py keys added to its config.json, which names its files by absolute path. */
    private Path modelWith(String... keysAndJsonValues) throws IOException {
        Path folder = Files.createDirectories(dir.resolve("model"));
        ObjectMapper json = new ObjectMapper();
        ObjectNode root = (ObjectNode) json.readTree(MODEL.resolve("config.json").toFile());
        for (String key : new String[] {"clamp3_weights_pth", "clamp3_weights_safetensors", "m3_weights_pth", "m3_weights_safetensors"}) {
            root.put(key, MODEL.resolve("weights").resolve(root.get(key).asText()).toAbsolutePath().toString());
        }
        root.put("text_model_dir", MODEL.resolve(root.get("text_model_dir").asText()).toAbsolutePath().toString());
        for (int i = 0; i < keysAndJsonValues.length; i += 2) {
            root.set(keysAndJsonValues[i], json.readTree(keysAndJsonValues[i + 1]));
        }
        Files.writeString(folder.resolve("config.json"), json.writeValueAsString(root));
        return folder;
    }

    private static List<String> run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine cl = Clamp3.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        assertEquals(0, code, out + "\n" + err);
        return out.toString().lines().toList();
    }

    private List<String> m3(Path model, String... more) throws IOException {
        Path scores = dir.resolve("scores");
        if (!Files.isDirectory(scores)) {
            Files.createDirectories(scores);
            // short scores only: a long one makes each step slow
            for (String name : new String[] {"abc_simple.abc", "abc_unicode.abc", "mtf_simple.mtf", "abc_long_bar.abc"}) {
                Files.copy(MODEL.resolve("inputs").resolve(name), scores.resolve(name));
            }
        }
        List<String> args = new ArrayList<>(List.of("train", "m3", "--train", scores.toString(), "--eval", scores.toString(),
                "--model", model.toString(), "--out", dir.resolve("m3run").toString(), "--warmup-steps", "0",
                "--errors", dir.resolve("errors.jsonl").toString()));
        args.addAll(Arrays.asList(more));
        return run(args.toArray(new String[0]));
    }

    @Test
    void m3TakesMaskRatioBatchLrAndEpochsFromTheConfigUnlessGiven() throws IOException {
        Path model = modelWith("M3_MASK_RATIO", "0.3", "M3_BATCH_SIZE", "2", "M3_LEARNING_RATE", "5e-5", "M3_NUM_EPOCH", "1");
        List<String> fromConfig = m3(model);
        assertEquals("Training M3: 4 train / 4 eval files, batch 2, lr 5.00000e-05, warm-up 0, mask ratio 0.3", fromConfig.get(0));
        assertTrue(fromConfig.stream().anyMatch(l -> l.startsWith("Epoch 1: ")), fromConfig.toString());
        assertFalse(fromConfig.stream().anyMatch(l -> l.startsWith("Epoch 2: ")), "M3_NUM_EPOCH 1: " + fromConfig);

        List<String> given = m3(model, "--mask-ratio", "0.2", "--batch-size", "4", "--lr", "1e-3", "--epochs", "2");
        assertEquals("Training M3: 4 train / 4 eval files, batch 4, lr 0.00100000, warm-up 0, mask ratio 0.2", given.get(0));
        assertTrue(given.stream().anyMatch(l -> l.startsWith("Epoch 2: ")), given.toString());
    }

    @Test
    void contrastiveTrainingTakesBatchAndEvalSplitFromTheConfigUnlessGiven() throws IOException {
        StringBuilder jsonl = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            Npy.writeFloat32(dir.resolve("a" + i + ".npy"), new float[3 * 128], 1, 3, 128);
            jsonl.append("{\"id\": \"a").append(i).append("\", \"filepaths\": [\"a").append(i)
                    .append(".npy\"], \"analysis\": \"A calm piece number ").append(i).append(".\"}\n");
        }
        Files.writeString(dir.resolve("train.jsonl"), jsonl);
        Path model = modelWith("CLAMP3_BATCH_SIZE", "3", "EVAL_SPLIT", "0.5", "CLAMP3_LEARNING_RATE", "2e-5");
        String[] common = {"train", "clamp3", "--modality", "audio", "--train-jsonl", dir.resolve("train.jsonl").toString(),
            "--model", model.toString(), "--max-steps", "1", "--warmup-steps", "0"};

        List<String> args = new ArrayList<>(Arrays.asList(common));
        args.addAll(List.of("--out", dir.resolve("run").toString()));
        String fromConfig = run(args.toArray(new String[0])).get(0);
        assertTrue(fromConfig.startsWith("Training audio: 3 train / 3 eval items, "), fromConfig);
        assertTrue(fromConfig.endsWith(", batch 3, lr 2.00000e-05, warm-up 0"), fromConfig);

        args = new ArrayList<>(Arrays.asList(common));
        args.addAll(List.of("--batch-size", "2", "--eval-split", "0.34", "--lr", "1e-4", "--out", dir.resolve("run2").toString()));
        String given = run(args.toArray(new String[0])).get(0);
        assertTrue(given.startsWith("Training audio: 4 train / 2 eval items, "), given);
        assertTrue(given.endsWith(", batch 2, lr 0.000100000, warm-up 0"), given);
    }
}
