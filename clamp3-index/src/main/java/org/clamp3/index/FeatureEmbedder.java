package org.clamp3.index;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.clamp3.core.features.GlobalFeatures;

/** Global feature files, read as {@code search} reads them, taken as they are, with a declared modality. */
public final class FeatureEmbedder implements ItemEmbedder<float[]> {
    /** The modality of features whose origin is not known. */
    public static final String UNKNOWN = "unknown";

    private final String modality;

    public FeatureEmbedder(String modality) {
        this.modality = modality == null ? UNKNOWN : modality;
    }

    @Override
    public float[] prepare(Path file) {
        return GlobalFeatures.read(file);
    }

    @Override
    public List<Embedded> finish(List<Path> files, List<float[]> prepared) {
        List<Embedded> out = new ArrayList<>(prepared.size());
        for (float[] v : prepared) {
            out.add(new Embedded(modality, v, List.of(), null));
        }
        return out;
    }

    @Override
    public void close() {
        // holds no model
    }
}
