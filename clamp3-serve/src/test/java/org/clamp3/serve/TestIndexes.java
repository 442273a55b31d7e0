package org.clamp3.serve;

import java.nio.file.Path;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.Shard;
import org.clamp3.index.IndexBuilder;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;
import org.clamp3.index.ModelEmbedder;
import org.clamp3.preprocess.audio.mert.MertModel;

/** Indexes built in-process with the tiny models, as `clamp3 index build` builds them. */
final class TestIndexes {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path MODEL = DATA.resolve("model");
    static final Path MERT = DATA.getParent().resolve("demo/models/tiny-mert");
    static final Path DEMO = DATA.getParent().resolve("demo/collection");

    private TestIndexes() {}

    static void build(Path source, Path index) throws Exception {
        IndexSettings settings = new IndexSettings(IndexSettings.Quantization.NONE, 16, 100, 5);
        try (IndexUpdater u = IndexUpdater.open(index, settings, Clamp3Model.fingerprint(MODEL), MertModel.fingerprint(MERT),
                source.toAbsolutePath().toString(), 1)) {
            IndexBuilder b = new IndexBuilder(source, u, ModelEmbedder.extensions(), Shard.ALL, 2);
            IndexBuilder.Report r = b.run(b.plan(), () -> {
                try {
                    return ModelEmbedder.load(MODEL, MERT, settings.segmentRows());
                } catch (java.io.IOException e) {
                    throw new java.io.UncheckedIOException(e);
                }
            }, BatchListener.NONE);
            if (r.failed() > 0) {
                throw new AssertionError(r.line());
            }
        }
    }

    static Clamp3Server start(Path index, String token) throws Exception {
        return Clamp3Server.start(ServeConfig.defaults(index, MODEL, MERT).withPort(0).withToken(token));
    }
}
