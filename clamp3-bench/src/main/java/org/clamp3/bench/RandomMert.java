package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;

import org.clamp3.core.weights.FloatTensor;
import org.clamp3.core.weights.TorchCheckpointWriter;
import org.clamp3.preprocess.audio.mert.MertConfig;

/** A MERT model folder with seeded random weights: config.json and a torch checkpoint of the config's shapes. */
final class RandomMert {
    /** MERT-v1-95M's shapes. */
    static final String MERT_V1_95M = "{\"hidden_size\": 768, \"num_hidden_layers\": 12,"
            + " \"num_attention_heads\": 12, \"intermediate_size\": 3072, \"conv_dim\": [512,512,512,512,512,512,512],"
            + " \"conv_kernel\": [10,3,3,3,3,2,2], \"conv_stride\": [5,2,2,2,2,2,2], \"conv_bias\": false,"
            + " \"feat_extract_norm\": \"group\", \"feat_proj_layer_norm\": true, \"do_stable_layer_norm\": false,"
            + " \"num_conv_pos_embeddings\": 128, \"num_conv_pos_embedding_groups\": 16, \"layer_norm_eps\": 1e-5,"
            + " \"sample_rate\": 24000}";

    private RandomMert() {}

    /** Writes {@code configJson} and random weights of its shapes to {@code dir/weightsName}. */
    static void write(Path dir, String configJson, String weightsName) throws IOException {
        Files.createDirectories(dir);
        Files.writeString(dir.resolve("config.json"), configJson);
        MertConfig c = MertConfig.read(dir.resolve("config.json"));
        Random random = new Random(20241124);
        Map<String, FloatTensor> t = new LinkedHashMap<>();
        long in = 1;
        for (int i = 0; i < c.convDim().length; i++) {
            long out = c.convDim()[i];
            t.put("feature_extractor.conv_layers." + i + ".conv.weight",
                    gaussian(random, Math.sqrt(2.0 / (in * c.convKernel()[i])), out, in, c.convKernel()[i]));
            in = out;
        }
        int first = c.convDim()[0];
        int last = c.convDim()[c.convDim().length - 1];
        t.put("feature_extractor.conv_layers.0.layer_norm.weight", constant(1f, first));
        t.put("feature_extractor.conv_layers.0.layer_norm.bias", constant(0f, first));
        int h = c.hiddenSize();
        t.put("feature_projection.layer_norm.weight", constant(1f, last));
        t.put("feature_projection.layer_norm.bias", constant(0f, last));
        t.put("feature_projection.projection.weight", gaussian(random, 0.02, h, last));
        t.put("feature_projection.projection.bias", constant(0f, h));
        t.put("encoder.pos_conv_embed.conv.weight_g", constant(1f, 1, 1, c.posConvKernel()));
        t.put("encoder.pos_conv_embed.conv.weight_v", gaussian(random, 0.02, h, h / c.posConvGroups(), c.posConvKernel()));
        t.put("encoder.pos_conv_embed.conv.bias", constant(0f, h));
        t.put("encoder.layer_norm.weight", constant(1f, h));
        t.put("encoder.layer_norm.bias", constant(0f, h));
        for (int l = 0; l < c.numLayers(); l++) {
            String p = "encoder.layers." + l + ".";
            for (String proj : new String[] {"q_proj", "k_proj", "v_proj", "out_proj"}) {
                t.put(p + "attention." + proj + ".weight", gaussian(random, 0.02, h, h));
                t.put(p + "attention." + proj + ".bias", constant(0f, h));
            }
            t.put(p + "layer_norm.weight", constant(1f, h));
            t.put(p + "layer_norm.bias", constant(0f, h));
            t.put(p + "feed_forward.intermediate_dense.weight", gaussian(random, 0.02, c.intermediateSize(), h));
            t.put(p + "feed_forward.intermediate_dense.bias", constant(0f, c.intermediateSize()));
            t.put(p + "feed_forward.output_dense.weight", gaussian(random, 0.02, h, c.intermediateSize()));
            t.put(p + "feed_forward.output_dense.bias", constant(0f, h));
            t.put(p + "final_layer_norm.weight", constant(1f, h));
            t.put(p + "final_layer_norm.bias", constant(0f, h));
        }
        TorchCheckpointWriter.write(dir.resolve(weightsName), t);
    }

    private static FloatTensor gaussian(Random random, double std, long... shape) {
        float[] v = new float[Math.toIntExact(count(shape))];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) (random.nextGaussian() * std);
        }
        return new FloatTensor(v, shape);
    }

    private static FloatTensor constant(float value, long... shape) {
        float[] v = new float[Math.toIntExact(count(shape))];
        Arrays.fill(v, value);
        return new FloatTensor(v, shape);
    }

    private static long count(long... shape) {
        long n = 1;
        for (long d : shape) {
            n *= d;
        }
        return n;
    }
}
