package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.SplittableRandom;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.StateDict;
import org.clamp3.core.weights.TorchCheckpointWriter;

/**
 * Writes a model folder with the published CLaMP 3 layout and sizes (768 hidden, 12 layers in
 * every encoder) and random weights, for benchmarks: the published config, a .pth in the
 * published key layout, and a given tokenizer folder. The text vocabulary is the tokenizer's
 * (word-embedding size does not change the compute).
 */
final class RandomClamp3Model {
    private final SplittableRandom random = new SplittableRandom(1234);
    private final Map<String, Object> state = new LinkedHashMap<>();

    private RandomClamp3Model() {}

    static Path write(Path dir, Path publishedConfig, Path tokenizerDir, int vocab) throws IOException {
        ObjectMapper json = new ObjectMapper();
        ObjectNode config = (ObjectNode) json.readTree(publishedConfig.toFile());
        ((ObjectNode) config.get("text_encoder")).put("vocab_size", vocab);
        config.put("clamp3_weights_pth", "random.pth");
        config.putNull("clamp3_weights_safetensors");
        config.put("text_model_dir", "tokenizer");
        Files.createDirectories(dir.resolve("tokenizer"));
        Files.copy(tokenizerDir.resolve("tokenizer.json"), dir.resolve("tokenizer/tokenizer.json"));
        json.writerWithDefaultPrettyPrinter().writeValue(dir.resolve("config.json").toFile(), config);

        RandomClamp3Model m = new RandomClamp3Model();
        int h = 768;
        m.bert("text_model.", vocab, 514, 1, h, 12);
        m.linear("text_proj.", h, h);
        m.tensor("symbolic_model.patch_embedding.weight", h, 64 * 128);
        m.tensor("symbolic_model.patch_embedding.bias", h);
        m.bert("symbolic_model.base.", 1, 512, 2, h, 12);
        m.linear("symbolic_proj.", h, h);
        m.bert("audio_model.", 1, 128, 2, h, 12);
        m.linear("audio_proj.", h, h);
        Map<String, Object> root = new LinkedHashMap<>();
        root.put("model", new StateDict(m.state));
        root.put("epoch", 0L);
        root.put("min_eval_loss", 0.0);
        TorchCheckpointWriter.write(dir.resolve("random.pth"), root);
        return dir;
    }

    private void bert(String p, int vocab, int positions, int types, int h, int layers) {
        tensor(p + "embeddings.word_embeddings.weight", vocab, h);
        tensor(p + "embeddings.position_embeddings.weight", positions, h);
        tensor(p + "embeddings.token_type_embeddings.weight", types, h);
        layerNorm(p + "embeddings.LayerNorm.", h);
        for (int i = 0; i < layers; i++) {
            String l = p + "encoder.layer." + i + ".";
            linear(l + "attention.self.query.", h, h);
            linear(l + "attention.self.key.", h, h);
            linear(l + "attention.self.value.", h, h);
            linear(l + "attention.output.dense.", h, h);
            layerNorm(l + "attention.output.LayerNorm.", h);
            linear(l + "intermediate.dense.", 4 * h, h);
            linear(l + "output.dense.", h, 4 * h);
            layerNorm(l + "output.LayerNorm.", h);
        }
        linear(p + "pooler.dense.", h, h);
    }

    private void linear(String p, int out, int in) {
        tensor(p + "weight", out, in);
        tensor(p + "bias", out);
    }

    private void layerNorm(String p, int h) {
        float[] g = new float[h];
        java.util.Arrays.fill(g, 1f);
        state.put(p + "weight", new FloatTensor(g, h));
        tensor(p + "bias", h);
    }

    private void tensor(String name, int... shape) {
        int n = 1;
        long[] s = new long[shape.length];
        for (int i = 0; i < shape.length; i++) {
            n *= shape[i];
            s[i] = shape[i];
        }
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = (float) (random.nextDouble() * 0.04 - 0.02);
        }
        state.put(name, new FloatTensor(v, s));
    }
}
