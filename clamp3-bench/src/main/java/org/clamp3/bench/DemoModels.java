package org.clamp3.bench;

import java.nio.file.Path;

/**
 * Writes demo/models/tiny-mert: a MERT-structured model with seeded random weights whose hidden
 * size (128) matches the tiny CLaMP 3 of src-test-data/model, so that the demo can index raw audio.
 * Its outputs mean nothing; it only lets every path run without downloads.
 * Run: java -cp clamp3-bench/target/clamp3-bench.jar:clamp3-bench/target/lib/* org.clamp3.bench.DemoModels demo/models/tiny-mert
 */
public final class DemoModels {
    private DemoModels() {}

    public static void main(String[] args) throws Exception {
        Path dir = Path.of(args.length > 0 ? args[0] : "demo/models/tiny-mert");
        RandomMert.write(dir, "{\"hidden_size\": 128, \"num_hidden_layers\": 2, \"num_attention_heads\": 4,"
                + " \"intermediate_size\": 256, \"conv_dim\": [32,32,32,32,32,32,32],"
                + " \"conv_kernel\": [10,3,3,3,3,2,2], \"conv_stride\": [5,2,2,2,2,2,2], \"conv_bias\": false,"
                + " \"feat_extract_norm\": \"group\", \"feat_proj_layer_norm\": true, \"do_stable_layer_norm\": false,"
                + " \"num_conv_pos_embeddings\": 16, \"num_conv_pos_embedding_groups\": 16, \"layer_norm_eps\": 1e-5,"
                + " \"sample_rate\": 24000}", "pytorch_model.bin");
    }
}
