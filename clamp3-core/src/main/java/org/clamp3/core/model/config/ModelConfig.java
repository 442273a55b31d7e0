package org.clamp3.core.model.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.io.InvalidInputException;

/**
 * A CLaMP 3 model folder's config.json: the original config.py names (PATCH_SIZE, ...), the
 * nested encoder configs, the files that hold the weights and the text model, and the training
 * settings of config.py (absent ones take config.py's values).
 */
public record ModelConfig(int patchSize, int patchLength, int m3HiddenSize, int clamp3HiddenSize,
                          int maxTextLength, int audioHiddenSize, int maxAudioLength, double logitScale,
                          EncoderConfig symbolicEncoder, EncoderConfig audioEncoder, EncoderConfig textEncoder,
                          String clamp3WeightsPth, String clamp3WeightsSafetensors,
                          String m3WeightsPth, String m3WeightsSafetensors, String textModelDir,
                          DecoderConfig tokenDecoder, TrainingConfig training) {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new com.fasterxml.jackson.dataformat.yaml.YAMLMapper();

    /**
     * Reads {@code dir/config.json} (or {@code config.yaml}); the text encoder comes from it or from
     * the text model folder's config.json.
     */
    public static ModelConfig read(Path dir) {
        Path file = dir.resolve("config.json");
        if (!Files.isRegularFile(file) && Files.isRegularFile(dir.resolve("config.yaml"))) {
            file = dir.resolve("config.yaml");
        }
        if (!Files.isRegularFile(file)) {
            throw new InvalidInputException(file, Files.isDirectory(dir) ? "missing: a model folder needs a config.json"
                    : "no such model folder");
        }
        JsonNode root = readJson(file);
        String textDir = optText(root, "text_model_dir");
        JsonNode text = root.get("text_encoder");
        if (text == null && textDir != null) {
            text = readJson(dir.resolve(textDir).resolve("config.json"));
        }
        try {
            int patchSize = req(root, "PATCH_SIZE", file);
            return new ModelConfig(
                    patchSize,
                    req(root, "PATCH_LENGTH", file),
                    req(root, "M3_HIDDEN_SIZE", file),
                    req(root, "CLAMP3_HIDDEN_SIZE", file),
                    req(root, "MAX_TEXT_LENGTH", file),
                    req(root, "AUDIO_HIDDEN_SIZE", file),
                    req(root, "MAX_AUDIO_LENGTH", file),
                    root.path("LOGIT_SCALE").asDouble(1.0),
                    bert(root.get("symbolic_encoder"), file, "symbolic_encoder", -1),
                    bert(root.get("audio_encoder"), file, "audio_encoder", -1),
                    text == null ? null : bert(text, file, "text_encoder", text.path("pad_token_id").asInt(1)),
                    optText(root, "clamp3_weights_pth"),
                    optText(root, "clamp3_weights_safetensors"),
                    optText(root, "m3_weights_pth"),
                    optText(root, "m3_weights_safetensors"),
                    textDir,
                    decoder(root, patchSize),
                    TrainingConfig.read(root));
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(file, e.getMessage());
        }
    }

    /** The "m3_token_decoder" section, or what the original builds from TOKEN_NUM_LAYERS and M3_HIDDEN_SIZE. */
    private static DecoderConfig decoder(JsonNode root, int patchSize) {
        JsonNode d = root.get("m3_token_decoder");
        int hidden = root.path("M3_HIDDEN_SIZE").asInt();
        if (d != null && d.isObject()) {
            return new DecoderConfig(d.path("vocab_size").asInt(128), d.path("n_positions").asInt(patchSize),
                    d.path("n_embd").asInt(hidden), d.path("n_layer").asInt(3), d.path("n_head").asInt(hidden / 64),
                    d.path("n_inner").asInt(4 * hidden), d.path("layer_norm_epsilon").asDouble(1e-5));
        }
        return new DecoderConfig(128, patchSize, hidden, root.path("TOKEN_NUM_LAYERS").asInt(3), hidden / 64,
                4 * hidden, 1e-5);
    }

    private static JsonNode readJson(Path file) {
        try {
            String name = file.getFileName().toString();
            if (name.endsWith(".yaml") || name.endsWith(".yml")) {
                return YAML.readTree(file.toFile());
            }
            return JSON.readTree(file.toFile());
        } catch (IOException e) {
            throw new InvalidInputException(file, "unreadable JSON: " + e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private static EncoderConfig bert(JsonNode n, Path file, String name, int padTokenId) {
        if (n == null || !n.isObject()) {
            throw new InvalidInputException(file, "no '" + name + "' section");
        }
        return new EncoderConfig(
                req(n, "hidden_size", file),
                req(n, "num_hidden_layers", file),
                req(n, "num_attention_heads", file),
                req(n, "intermediate_size", file),
                req(n, "max_position_embeddings", file),
                n.path("type_vocab_size").asInt(2),
                n.path("vocab_size").asInt(1),
                n.path("layer_norm_eps").asDouble(1e-12),
                padTokenId);
    }

    private static int req(JsonNode n, String key, Path file) {
        JsonNode v = n.get(key);
        if (v == null || !v.canConvertToInt()) {
            throw new InvalidInputException(file, "missing or non-integer '" + key + "'");
        }
        return v.asInt();
    }

    private static String optText(JsonNode n, String key) {
        JsonNode v = n.get(key);
        return v == null || v.isNull() ? null : v.asText();
    }
}
