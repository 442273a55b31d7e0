package org.clamp3.spark;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.index.ItemEmbedder;
import org.clamp3.index.ModelEmbedder;
import org.clamp3.preprocess.audio.mert.MertModel;

/**
 * The models of one executor JVM: loaded lazily, once per (model folder, MERT folder), and shared
 * by every task the executor runs (Spark runs a JVM's tasks on threads of one process). Reading and
 * encoding files is thread-safe and runs concurrently; the batched forward passes of the tasks
 * take turns on a model (libtorch already spreads each pass over the executor's cores).
 */
public final class ExecutorModels {
    private static final Map<String, Loaded> LOADED = new ConcurrentHashMap<>();
    private static final AtomicInteger LOADS = new AtomicInteger();

    private ExecutorModels() {}

    /** A loaded CLaMP 3 model (and MERT), with the embedder every task of the executor shares. */
    public static final class Loaded {
        private final Clamp3Model model;
        private final MertModel mert;
        private final ModelEmbedder embedder;

        private Loaded(Clamp3Model model, MertModel mert) {
            this.model = model;
            this.mert = mert;
            // the formats and MERT wiring of extract and the index; owns nothing: the models live as
            // long as the JVM (or until closeAll)
            this.embedder = new ModelEmbedder(new FileEncoder(model, ModelEmbedder.formats(mert)), 0);
        }

        /** Reads, converts and encodes a file (thread-safe). */
        public ModelEmbedder.Encoded prepare(Path file) {
            return embedder.prepare(file);
        }

        /** The global features of a round of prepared files; one task's round at a time per model. */
        public List<ItemEmbedder.Embedded> finish(List<Path> files, List<ModelEmbedder.Encoded> prepared) {
            synchronized (this) {
                return embedder.finish(files, prepared);
            }
        }

        private void close() {
            try {
                model.close();
            } finally {
                if (mert != null) {
                    mert.close();
                }
            }
        }
    }

    /** The models for these folders, loaded now if this JVM has not loaded them yet. */
    public static Loaded get(String modelDir, String mertDir) {
        return LOADED.computeIfAbsent(modelDir + "\u0000" + (mertDir == null ? "" : mertDir), k -> load(modelDir, mertDir));
    }

    private static Loaded load(String modelDir, String mertDir) {
        MertModel mert = null;
        try {
            mert = mertDir == null ? null : MertModel.load(Path.of(mertDir));
            Clamp3Model model = Clamp3Model.load(Path.of(modelDir));
            LOADS.incrementAndGet();
            return new Loaded(model, mert);
        } catch (IOException e) {
            if (mert != null) {
                mert.close();
            }
            throw new UncheckedIOException("cannot load the model " + modelDir + ": " + e.getMessage(), e);
        } catch (RuntimeException e) {
            if (mert != null) {
                mert.close();
            }
            throw e;
        }
    }

    /** How many times this JVM has loaded a CLaMP 3 model (for tests: once per model per executor). */
    public static int loads() {
        return LOADS.get();
    }

    /** Releases every model this JVM holds (the driver does so after a local-mode run). */
    public static void closeAll() {
        for (String k : List.copyOf(LOADED.keySet())) {
            Loaded l = LOADED.remove(k);
            if (l != null) {
                l.close();
            }
        }
    }
}
