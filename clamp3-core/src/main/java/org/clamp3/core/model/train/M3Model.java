package org.clamp3.core.model.train;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDArrays;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.Window;
import org.clamp3.core.model.binding.BoundWeights;
import org.clamp3.core.model.binding.ModelFiles;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.nn.Dropout;
import org.clamp3.core.model.nn.Gpt2Decoder;
import org.clamp3.core.model.nn.SymbolicEncoder;


/**
 * M3, CLaMP 3's symbolic pre-training model: the patch encoder reads (partly masked) patches, and
 * a GPT-2 character decoder reconstructs each selected patch from the encoder's feature for it
 * (the feature is the decoder's first input position). Loaded from an M3 checkpoint (keys
 * {@code encoder.*} and {@code decoder.*}).
 */
public final class M3Model implements TrainableModel {
    private final NDManager manager;
    private final SymbolicEncoder encoder;
    private final Gpt2Decoder decoder;
    private final Dropout dropout;
    private final BoundWeights weights;
    private final ModelConfig config;

    private M3Model(NDManager manager, SymbolicEncoder encoder, Gpt2Decoder decoder, Dropout dropout,
                    BoundWeights weights, ModelConfig config) {
        this.config = config;
        this.manager = manager;
        this.encoder = encoder;
        this.decoder = decoder;
        this.dropout = dropout;
        this.weights = weights;
    }

    /** Loads the M3 checkpoint a model folder's config names (m3_weights_safetensors / m3_weights_pth). */
    public static M3Model load(Path dir) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        return load(ModelFiles.find(dir, config.m3WeightsSafetensors(), config.m3WeightsPth(),
                "m3_weights_safetensors / m3_weights_pth"), config);
    }

    public static M3Model load(Path weightsFile, ModelConfig config) throws IOException {
        NDManager manager = NDManager.newBaseManager("PyTorch");
        Dropout dropout = new Dropout(0.1f);
        return WeightBinder.bind(weightsFile, manager, w -> {
            SymbolicEncoder encoder = new SymbolicEncoder(config.symbolicEncoder(), w, "encoder.", null, 0,
                    config.patchSize(), config.patchLength(), dropout);
            Gpt2Decoder decoder = new Gpt2Decoder(config.tokenDecoder(), w, "decoder.base.", dropout);
            // the LM head is tied to the token embedding: saved from it, not kept as loaded
            BoundWeights weights = w.finish(List.of("")).withoutUnused("decoder.base.lm_head.weight");
            return new M3Model(manager, encoder, decoder, dropout, weights, config);
        });
    }

    public ModelConfig config() {
        return config;
    }

    @Override
    public BoundWeights weights() {
        return weights;
    }

    @Override
    public Map<String, String> tiedParameters() {
        return Map.of("decoder.base.lm_head.weight", "decoder.base.transformer.wte.weight");
    }

    @Override
    public Dropout dropout() {
        return dropout;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    /** The patch encoder's last hidden state for the batch, (B, L, H). */
    public NDArray encode(NDManager scope, M3Batch batch) {
        List<Window> windows = new ArrayList<>();
        int b = batch.batch();
        int l = batch.length();
        int p = batch.patchSize();
        for (int i = 0; i < b; i++) {
            int n = 0;
            while (n < l && batch.inputMasks()[i * l + n] > 0) {
                n++;
            }
            int[][] codes = new int[n][p];
            for (int r = 0; r < n; r++) {
                for (int k = 0; k < p; k++) {
                    codes[r][k] = (int) batch.inputPatches()[(i * l + r) * p + k];
                }
            }
            windows.add(new Window(new EncodedInput.Patches(codes), 0, n));
        }
        return encoder.lastHiddenState(scope, windows, l);
    }

    /** The masked-patch loss of the original M3Model.forward. */
    public NDArray loss(NDManager scope, M3Batch batch) {
        NDArray hidden = encode(scope, batch);
        int l = batch.length();
        int p = batch.patchSize();
        List<Long> rows = new ArrayList<>();
        for (int i = 0; i < batch.selected().length; i++) {
            if (batch.selected()[i] > 0) {
                rows.add((long) i);
            }
        }
        int n = rows.size();
        long[] index = new long[n];
        long[] targets = new long[n * p];
        long[] shifted = new long[n * (p - 1)];
        for (int s = 0; s < n; s++) {
            long row = rows.get(s);
            index[s] = row;
            System.arraycopy(batch.targetPatches(), (int) row * p, targets, s * p, p);
            System.arraycopy(batch.targetPatches(), (int) row * p + 1, shifted, s * (p - 1), p - 1);
        }
        long h = hidden.getShape().get(2);
        NDArray features = hidden.reshape((long) batch.batch() * l, h).get(scope.create(index));
        NDArray tokens = decoder.tokenEmbeddings(scope.create(shifted, new Shape(n, p - 1)));
        NDArray embeds = NDArrays.concat(new NDList(features.reshape(n, 1, h), tokens), 1);
        return decoder.loss(embeds, targets);
    }

    @Override
    public void close() {
        manager.close();
    }
}
