package org.clamp3.serve;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import com.sun.net.httpserver.HttpServer;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundEngine;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchableIndex;
import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;

/**
 * A running server: the index opened once, the model (and MERT, when given) loaded once, the
 * routes of {@link Api} on the JDK's HttpServer. {@link #stop} drains: it stops accepting, lets
 * requests in flight finish (up to a grace period), then releases the model and the index.
 */
public final class Clamp3Server implements AutoCloseable {
    private final ServeConfig config;
    private final SearchableIndex index;
    private final Clamp3Model model;
    private final MertModel mert;
    private final RoundEngine engine;
    private final QueryEmbedder embedder;
    private final HttpServer http;
    private final ExecutorService executor;
    private final Path uploads;
    private final Thread mapThread;
    private final Api api;
    private final AtomicReference<List<CollectionMap.Point>> map = new AtomicReference<>();
    private volatile String mapError;

    private Clamp3Server(ServeConfig config, SearchableIndex index, Clamp3Model model, MertModel mert, RoundEngine engine)
            throws IOException {
        this.config = config;
        this.index = index;
        this.model = model;
        this.mert = mert;
        this.engine = engine;
        this.embedder = new QueryEmbedder(engine.roundInference(ExtractionOptions.defaults(true)), config.queueCapacity(),
                config.maxBatch(), config.batchWaitMillis());
        InputFormats formats = mert == null ? RawFormats.all(null) : RawFormats.all(null).replacing(RawFormats.audio(new MertFeatureExtractor(mert, 1)));
        FileEncoder encoder = new FileEncoder(model, formats);
        this.uploads = Files.createTempDirectory("clamp3-serve-");
        MediaFiles media = new MediaFiles(index.meta().source() == null ? uploads : Path.of(index.meta().source()));
        this.mapThread = new Thread(() -> {
            try {
                map.set(CollectionMap.of(index));
            } catch (IOException | RuntimeException e) {
                mapError = e.getMessage();
                map.set(List.of());
            }
        }, "clamp3-collection-map");
        mapThread.setDaemon(true);
        // a slow client holds one thread while its body trickles in, never the server: many cheap threads (idle
        // ones expire), and a request that takes longer than maxReqTime to arrive is cut off
        if (System.getProperty("sun.net.httpserver.maxReqTime") == null) {
            System.setProperty("sun.net.httpserver.maxReqTime", "30");
        }
        this.http = HttpServer.create(new InetSocketAddress(config.host(), config.port()), 128);
        AtomicInteger n = new AtomicInteger();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(config.threads(), config.threads(), 30, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "clamp3-http-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        pool.allowCoreThreadTimeOut(true);
        this.executor = pool;
        http.setExecutor(executor);
        this.api = new Api(config, index, encoder, embedder, media, map::get, uploads);
        http.createContext("/", api);
    }

    /**
     * Opens the index, loads the model and starts listening.
     *
     * @throws InvalidInputException when the index was built with another model than {@code config.model()}
     */
    public static Clamp3Server start(ServeConfig config) throws IOException {
        return start(config, MusicIndex.open(config.index()));
    }

    /**
     * Serves an index opened by the caller (a local one, or a collection on a search server), which
     * the server closes when it stops or fails to start. {@code config.index()} is not used.
     *
     * @throws InvalidInputException when the index was built with another model than {@code config.model()}
     */
    public static Clamp3Server start(ServeConfig config, SearchableIndex index) throws IOException {
        return start(config, index, RoundEngine::libtorch);
    }

    /**
     * As {@link #start(ServeConfig, SearchableIndex)}, queries embedded by the engine {@code engine}
     * starts on the model, whose precision must be the index's.
     */
    public static Clamp3Server start(ServeConfig config, SearchableIndex index, java.util.function.Function<Clamp3Model, RoundEngine> engine)
            throws IOException {
        Clamp3Model model = null;
        RoundEngine running = null;
        MertModel mert = null;
        try {
            String fingerprint = Clamp3Model.fingerprint(config.model());
            if (index.meta().model() != null && !index.meta().model().equals(fingerprint)) {
                throw mismatch(index, "the index holds vectors of model " + index.meta().model()
                        + ", but " + config.model() + " is model " + fingerprint + "; serve it with the model it was built with");
            }
            if (config.mert() != null && index.meta().mert() != null && !index.meta().mert().equals(MertModel.fingerprint(config.mert()))) {
                throw mismatch(index, "the index's audio was embedded with MERT model " + index.meta().mert()
                        + ", not " + MertModel.fingerprint(config.mert()));
            }
            model = Clamp3Model.load(config.model());
            running = engine.apply(model);
            if (index.meta().model() != null && !running.precision().equals(index.meta().precision())) {
                throw mismatch(index, "the index holds " + index.meta().precision() + " vectors; queries would be embedded in "
                        + running.precision() + " (serve it with --precision " + index.meta().precision() + ")");
            }
            mert = config.mert() != null ? MertModel.load(config.mert()) : null;
            Clamp3Server server = new Clamp3Server(config, index, model, mert, running);
            server.http.start();
            server.mapThread.start();
            return server;
        } catch (IOException | RuntimeException e) {
            if (mert != null) {
                mert.close();
            }
            if (running != null) {
                running.close();
            }
            if (model != null) {
                model.close();
            }
            index.close();
            throw e;
        }
    }

    private static RuntimeException mismatch(SearchableIndex index, String problem) {
        return index instanceof MusicIndex local ? new InvalidInputException(local.dir(), problem)
                : new IllegalStateException(index.location() + ": " + problem);
    }

    public int port() {
        return http.getAddress().getPort();
    }

    public String url() {
        String host = config.host().contains(":") ? "[" + config.host() + "]" : config.host();
        return "http://" + host + ":" + port() + "/";
    }

    public SearchableIndex index() {
        return index;
    }

    /** Why the collection map could not be computed, or null. */
    public String mapError() {
        return mapError;
    }

    /** Waits until the collection map is computed (for tests and benchmarks). */
    public void awaitMap() throws InterruptedException {
        mapThread.join();
    }

    /**
     * Stops accepting connections, waits up to {@code graceSeconds} for requests in flight, then
     * releases everything.
     */
    public void stop(int graceSeconds) {
        // Java 17's HttpServer.stop(delay) waits out the whole delay even when idle: drain ourselves, then stop at once
        api.drain();
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(graceSeconds);
        while (api.inFlight() > 0 && System.nanoTime() < deadline) {
            try {
                Thread.sleep(20);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
        }
        http.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(graceSeconds, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        embedder.close();
        engine.close();
        model.close();
        if (mert != null) {
            mert.close();
        }
        try {
            index.close();
        } catch (IOException ignored) {
            // stopping anyway
        }
        try (var files = Files.list(uploads)) {
            for (Path p : files.toList()) {
                Files.deleteIfExists(p);
            }
            Files.deleteIfExists(uploads);
        } catch (IOException ignored) {
            // a temporary folder left behind is harmless
        }
    }

    @Override
    public void close() {
        stop(5);
    }
}
