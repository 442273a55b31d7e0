package org.clamp3.core.model;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.model.binding.ModelConversion;
import org.clamp3.core.model.binding.ModelFiles;
import org.clamp3.core.model.config.ModelConfig;

/**
 * {@code clamp3 models convert}: each torch checkpoint of a model folder (CLaMP 3 and M3 weights
 * its config names, or a MERT folder's pytorch_model.bin) gets a model-only .safetensors beside it,
 * which loading then prefers while the checkpoint is unchanged (see
 * {@link org.clamp3.core.model.binding.ModelConversion}).
 */
public final class ModelConversions {
    private ModelConversions() {}

    /** One converted checkpoint: where from, where to, how many tensors, and both sizes in bytes. */
    public record Converted(Path source, Path target, int tensors, long sourceBytes, long targetBytes) {}

    /** The checkpoints {@link #convert} would convert in {@code dir}; empty when its weights are .safetensors already. */
    public static List<Path> checkpoints(Path dir) throws IOException {
        if (!isClamp3Folder(dir)) { // a MERT folder: Hugging Face layout
            Path bin = dir.resolve("pytorch_model.bin");
            return Files.isRegularFile(bin) && !Files.isRegularFile(dir.resolve("model.safetensors")) ? List.of(bin) : List.of();
        }
        ModelConfig config = ModelConfig.read(dir);
        List<Path> out = new ArrayList<>();
        for (String name : new String[] {config.clamp3WeightsPth(), config.m3WeightsPth()}) {
            if (name == null) {
                continue;
            }
            for (Path candidate : new Path[] {dir.resolve(name), dir.resolve("weights").resolve(name)}) {
                if (Files.isRegularFile(candidate)) {
                    out.add(candidate);
                    break;
                }
            }
        }
        if (out.isEmpty() && config.clamp3WeightsPth() != null && config.clamp3WeightsSafetensors() == null) {
            out.add(ModelFiles.find(dir, null, config.clamp3WeightsPth(), "clamp3_weights_pth")); // throws, saying what is missing
        }
        return out;
    }

    /** Converts one checkpoint (see {@link #checkpoints}). */
    public static Converted convert(Path checkpoint) throws IOException {
        ModelConversion.Converted c = ModelConversion.convert(checkpoint);
        return new Converted(c.source(), c.target(), c.tensors(), c.sourceBytes(), c.targetBytes());
    }

    /** A CLaMP 3 folder's config.json names its checkpoint; a MERT folder's does not. */
    private static boolean isClamp3Folder(Path dir) throws IOException {
        Path config = dir.resolve("config.json");
        if (!Files.isRegularFile(config)) {
            return false;
        }
        String text = Files.readString(config);
        return text.contains("\"clamp3_weights_pth\"") || text.contains("\"CLAMP3_HIDDEN_SIZE\"");
    }
}
