package org.clamp3.core.model;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;

import ai.djl.ndarray.NDManager;

import org.clamp3.core.input.M3Patchilizer;
import org.clamp3.core.model.binding.ModelFiles;
import org.clamp3.core.model.binding.WeightBinder;
import org.clamp3.core.model.config.ModelConfig;
import org.clamp3.core.model.nn.Dropout;
import org.clamp3.core.model.nn.SymbolicEncoder;

/**
 * The encoder of an M3 checkpoint on its own (keys {@code encoder.*}; the token decoder is not
 * needed), giving per-patch features like the original extract_m3.py.
 */
public final class M3EncoderModel implements FeatureModel {
    private final NDManager manager;
    private final SymbolicEncoder encoder;
    private final M3Patchilizer patchilizer;

    private M3EncoderModel(NDManager manager, SymbolicEncoder encoder, M3Patchilizer patchilizer) {
        this.manager = manager;
        this.encoder = encoder;
        this.patchilizer = patchilizer;
    }

    public static M3EncoderModel load(Path dir) throws IOException {
        ModelConfig config = ModelConfig.read(dir);
        Path file = ModelFiles.find(dir, config.m3WeightsSafetensors(), config.m3WeightsPth(),
                "m3_weights_safetensors / m3_weights_pth");
        NDManager manager = NDManager.newBaseManager("PyTorch");
        return WeightBinder.bind(file, manager, w -> {
            SymbolicEncoder encoder = new SymbolicEncoder(config.symbolicEncoder(), w, "encoder.", null, 0,
                    config.patchSize(), config.patchLength(), new Dropout(0f));
            w.finish(List.of("encoder."));
            return new M3EncoderModel(manager, encoder, new M3Patchilizer(config.patchSize()));
        });
    }

    @Override
    public ModalityEncoder encoder(Modality modality) {
        return modality == Modality.SYMBOLIC ? encoder : null;
    }

    @Override
    public NDManager manager() {
        return manager;
    }

    @Override
    public EncodedInput encode(ModelInput input) {
        if (!(input instanceof ModelInput.Symbolic symbolic)) {
            throw new IllegalArgumentException("the M3 encoder reads interleaved ABC and MTF only, not "
                    + input.modality().name().toLowerCase(java.util.Locale.ROOT));
        }
        return new EncodedInput.Patches(patchilizer.encode(symbolic.text()));
    }

    @Override
    public void close() {
        manager.close();
    }
}
