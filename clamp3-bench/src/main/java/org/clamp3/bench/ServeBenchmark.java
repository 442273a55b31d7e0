package org.clamp3.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexSettings;
import org.clamp3.serve.Clamp3Server;
import org.clamp3.serve.ServeConfig;

/**
 * Load on {@code clamp3 serve}: a full-size random CLaMP 3 (768 hidden, 12 layers per encoder)
 * and an index of N items (generated clustered 768-d unit vectors, as {@link IndexBenchmark}'s;
 * text, symbolic and audio items in turn, under the model's fingerprint; force-merged to one
 * segment) served in this process with the default settings ({@link ServeConfig#defaults}), and C
 * clients (threads with the JDK's HttpClient, one request at a time each) posting
 * {@code {"text": ..., "k": 10}} to /api/search for S seconds, queries taken in turn from fifty
 * music descriptions in several languages. Prints requests/s, p50/p90/p99 latency at the client
 * and the server's own {@code took_ms}, the errors (any answer but 200 with k results), and how
 * many queries waited for the model (sampled from /api/health). Then the same kind of query as one
 * {@code scripts/clamp3 search --text} process each, a few in a row, for the ratio. Everything
 * is generated under java.io.tmpdir and deleted.
 *
 * <p>Usage: {@code ServeBenchmark REPO_ROOT [items=100000] [clients=16] [seconds=30]}
 */
public final class ServeBenchmark {
    private static final int K = 10;
    /** Threads of the HNSW merges while building. */
    private static final int MERGE_THREADS = 2;
    /** Queries run as one {@code clamp3 search} process each. */
    private static final int PROCESS_QUERIES = 5;
    private static final long HEALTH_EVERY_MILLIS = 100;
    /** Requests of the one client alone (the latency of a query without company). */
    private static final int ALONE = 10;
    private static final String[] MODALITIES = {"text", "symbolic", "audio"};
    private static final String[] EXTENSIONS = {"txt", "abc", "flac"};
    private static final ObjectMapper JSON = new ObjectMapper();

    /** The queries, taken in turn: descriptions of music, short and long, in several languages. */
    static final List<String> QUERIES = List.of(
            "a calm piano piece",
            "upbeat electronic dance music with a heavy bass drop",
            "a melancholic violin solo in a minor key",
            "jazz trio with brushed drums and a walking bass line",
            "baroque harpsichord fugue",
            "a lullaby sung softly by a woman over acoustic guitar",
            "epic orchestral film score with choir and timpani",
            "lo-fi hip hop beat for studying",
            "a fast bluegrass tune with banjo and fiddle",
            "Irish jig in D major played on a tin whistle",
            "heavy metal with distorted guitars and double kick drums",
            "a string quartet, slow movement, very expressive",
            "bossa nova with nylon guitar and soft vocals",
            "a brass band marching tune",
            "ambient drone music with slowly evolving synth pads",
            "a children's song with a simple, catchy melody",
            "reggae with offbeat guitar chords and a deep bass",
            "a romantic waltz for orchestra",
            "funk groove with slap bass and horns",
            "solo cello suite",
            "Gregorian chant in a large church",
            "a sad country ballad about leaving home",
            "tango with bandoneon and piano",
            "minimalist piano music with repeating patterns, like Philip Glass",
            "a rock anthem with a big singalong chorus",
            "ein ruhiges Klavierstück am Abend",
            "ein fröhlicher Walzer für Streichorchester",
            "Volksmusik mit Akkordeon und Blaskapelle",
            "une chanson française mélancolique avec accordéon",
            "musique de chambre pour flûte et harpe",
            "un morceau de jazz manouche avec guitare et violon",
            "una canción de flamenco con guitarra y palmas",
            "salsa con trompetas y percusión latina",
            "música romántica para piano, lenta y triste",
            "un'aria d'opera per soprano e orchestra",
            "una tarantella veloce con mandolino",
            "samba animado com pandeiro e cavaquinho",
            "fado triste cantado por uma voz feminina",
            "спокойная фортепианная музыка",
            "русская народная песня с балалайкой",
            "安静的钢琴曲",
            "带有二胡和古筝的中国传统音乐",
            "欢快的流行歌曲，适合跳舞",
            "静かなピアノ曲",
            "尺八と琴による日本の伝統音楽",
            "아름다운 발라드, 피아노와 현악기",
            "신나는 케이팝 댄스 음악",
            "موسيقى عربية هادئة مع العود",
            "een vrolijk kinderliedje met gitaar",
            "en lugn folkmelodi på nyckelharpa");

    private ServeBenchmark() {}

    /** What the clients saw. */
    private record Load(double seconds, long[] sortedNanos, long[] sortedTookNanos, Map<String, Integer> errors,
                        String firstError, int[] waiting) {
        int requests() {
            return sortedNanos.length;
        }

        int errorCount() {
            return errors.values().stream().mapToInt(Integer::intValue).sum();
        }
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args.length > 0 ? args[0] : ".").toAbsolutePath();
        int items = args.length > 1 ? Integer.parseInt(args[1]) : 100_000;
        int clients = args.length > 2 ? Integer.parseInt(args[2]) : 16;
        int seconds = args.length > 3 ? Integer.parseInt(args[3]) : 30;
        Machine.printHeader(String.format(Locale.ROOT, "serve benchmark: %d clients for %d s of text queries (top %d) against a"
                + " full-size random CLaMP 3 and an index of %d items", clients, seconds, K, items));
        Path tmp = Files.createTempDirectory("clamp3-serve-bench");
        int errors;
        try {
            long t = System.nanoTime();
            Path modelDir = RandomClamp3Model.write(tmp.resolve("model"), root.resolve("config/clamp3-saas.json"),
                    root.resolve("src-test-data/model/xlmr-tiny"), 611);
            String fingerprint = Clamp3Model.fingerprint(modelDir);
            System.out.printf(Locale.ROOT, "model: a full-size random CLaMP 3 (%s) written in %.1f s%n", fingerprint, Bench.secs(t));

            Path indexDir = tmp.resolve("index");
            buildIndex(indexDir, items, fingerprint);
            Load load = serve(indexDir, modelDir, clients, seconds);
            double perProcess = processes(root, indexDir, modelDir);
            double rps = load.requests() / load.seconds();
            System.out.printf(Locale.ROOT, "%nserver against one process per query: %.2f requests/s against %.3f processes/s: %.0fx%n",
                    rps, 1 / perProcess, rps * perProcess);
            System.out.println("at the end: " + Machine.sgemmLine(Machine.sgemmGflops()) + "; load average " + Machine.loadAverage());
            errors = load.errorCount();
        } finally {
            Bench.deleteTree(tmp);
        }
        if (errors > 0) {
            System.exit(1);
        }
    }

    private static void buildIndex(Path dir, int items, String fingerprint) throws Exception {
        long t = System.nanoTime();
        float[][] vectors = GeneratedIndex.clustered(items);
        System.out.printf(Locale.ROOT, "%nindex: %d items (%s; text, symbolic and audio in turn), generated in %.1f s;"
                + " M 16, ef-construction 100:%n", items, GeneratedIndex.describe(), Bench.secs(t));
        GeneratedIndex.build(dir, IndexSettings.DEFAULTS, fingerprint, items, i -> {
            int m = i % MODALITIES.length;
            String key = String.format(Locale.ROOT, "%s/%06d", MODALITIES[m], i);
            return new IndexEntry(key, MODALITIES[m], key + "." + EXTENSIONS[m], 0, 0, "", Map.of("title", "Item " + i),
                    fingerprint, vectors[i], List.of());
        }, MERGE_THREADS);
    }

    /** Starts the server, warms it up, puts the load on it and prints what the clients saw. */
    private static Load serve(Path indexDir, Path modelDir, int clients, int seconds) throws Exception {
        long t = System.nanoTime();
        ServeConfig config = ServeConfig.defaults(indexDir, modelDir, null).withPort(0);
        Clamp3Server server = Clamp3Server.start(config);
        try {
            System.out.printf(Locale.ROOT, "%nserver: %d items at %s, started in %.1f s (index opened, model loaded); micro-batches"
                    + " of at most %d, the first query waiting %d ms for others; %d request threads, queue %d%n",
                    server.index().count(), server.url(), Bench.secs(t), config.maxBatch(), config.batchWaitMillis(),
                    config.threads(), config.queueCapacity());
            server.awaitMap(); // the collection map is computed in the background at start: not during the load
            HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).connectTimeout(Duration.ofSeconds(10)).build();
            URI search = URI.create(server.url() + "api/search");
            URI health = URI.create(server.url() + "api/health");

            t = System.nanoTime();
            Load warmUp = load(http, search, health, clients, 3 * clients, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "warm-up: %d requests from %d clients in %.1f s, %d errors%n",
                    warmUp.requests(), clients, Bench.secs(t), warmUp.errorCount());

            Load alone = load(http, search, health, 1, ALONE, Long.MAX_VALUE);
            System.out.printf(Locale.ROOT, "one client alone, %d requests one after the other:%n", alone.requests());
            report(alone);

            Load load = load(http, search, health, clients, Integer.MAX_VALUE, seconds * 1_000_000_000L);
            System.out.printf(Locale.ROOT, "%d clients for %.1f s:%n", clients, load.seconds());
            report(load);
            // one thread runs the passes, each about as long as a lone query's or longer: passes of one
            // query each would cap the requests/s at 1 / lone pass
            double lonePass = Math.max(1e-3, Bench.percentile(alone.sortedTookNanos(), 0.5) / 1e3 - config.batchWaitMillis() / 1e3);
            double rps = load.requests() / load.seconds();
            System.out.printf(Locale.ROOT, "  effective batching: one thread runs the passes; a lone query's takes about %.0f ms (its"
                    + " took_ms less the %d ms wait for company), so passes of one query would cap the server at %.2f requests/s;"
                    + " it answered %.2f, %.1fx that: its passes held %.1f or more queries on average%n",
                    1e3 * lonePass, config.batchWaitMillis(), 1 / lonePass, rps, rps * lonePass, rps * lonePass);
            return load;
        } finally {
            server.stop(5);
        }
    }

    /**
     * {@code clients} clients, each posting one query after the other, until {@code limit} requests
     * in all were sent or {@code nanos} passed; /api/health is sampled meanwhile.
     */
    private static Load load(HttpClient http, URI search, URI health, int clients, int limit, long nanos) throws Exception {
        byte[][] bodies = new byte[QUERIES.size()][];
        for (int i = 0; i < bodies.length; i++) {
            bodies[i] = JSON.writeValueAsBytes(Map.of("text", QUERIES.get(i), "k", K));
        }
        List<long[]> latencies = new ArrayList<>();
        List<long[]> tooks = new ArrayList<>();
        Map<String, Integer> errors = new TreeMap<>();
        String[] firstError = {null};
        AtomicInteger started = new AtomicInteger();
        AtomicInteger clientIds = new AtomicInteger();
        Sampler sampler = new Sampler(http, health);
        long start = System.nanoTime();
        long deadline = nanos == Long.MAX_VALUE ? Long.MAX_VALUE : start + nanos;
        sampler.start();
        Bench.onThreads(clients, () -> {
            int id = clientIds.getAndIncrement();
            long[] mine = new long[256];
            long[] took = new long[256];
            int n = 0;
            for (int i = 0; started.getAndIncrement() < limit && System.nanoTime() < deadline; i++) {
                byte[] body = bodies[(id * 7 + i) % bodies.length];
                HttpRequest request = HttpRequest.newBuilder(search).timeout(Duration.ofSeconds(60))
                        .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofByteArray(body)).build();
                long t = System.nanoTime();
                String kind = null;
                String error = null;
                long tookMillis = -1;
                try {
                    HttpResponse<byte[]> response = http.send(request, HttpResponse.BodyHandlers.ofByteArray());
                    String text = new String(response.body(), StandardCharsets.UTF_8);
                    if (response.statusCode() != 200) {
                        kind = "HTTP " + response.statusCode();
                        error = kind + ": " + text;
                    } else {
                        JsonNode json = JSON.readTree(text);
                        tookMillis = json.path("took_ms").asLong(-1);
                        if (json.path("results").size() != K) {
                            kind = "HTTP 200 with " + json.path("results").size() + " results";
                            error = kind + ": " + text;
                        }
                    }
                } catch (IOException e) {
                    kind = e.getClass().getSimpleName();
                    error = kind + ": " + e.getMessage();
                }
                long elapsed = System.nanoTime() - t;
                if (n == mine.length) {
                    mine = Arrays.copyOf(mine, 2 * n);
                    took = Arrays.copyOf(took, 2 * n);
                }
                mine[n] = elapsed;
                took[n++] = tookMillis < 0 ? -1 : tookMillis * 1_000_000;
                if (kind != null) {
                    synchronized (errors) {
                        errors.merge(kind, 1, Integer::sum);
                        if (firstError[0] == null) {
                            firstError[0] = error;
                        }
                    }
                }
            }
            synchronized (latencies) {
                latencies.add(Arrays.copyOf(mine, n));
                tooks.add(Arrays.copyOf(took, n));
            }
            return null;
        });
        double secs = Bench.secs(start);
        int[] waiting = sampler.stop();
        long[] tookNanos = Arrays.stream(sorted(tooks)).filter(x -> x >= 0).toArray();
        return new Load(secs, sorted(latencies), tookNanos, errors, firstError[0], waiting);
    }

    private static long[] sorted(List<long[]> parts) {
        long[] all = parts.stream().flatMapToLong(Arrays::stream).toArray();
        Arrays.sort(all);
        return all;
    }

    private static void report(Load load) {
        System.out.printf(Locale.ROOT, "  %d requests in %.1f s: %.2f requests/s%n", load.requests(), load.seconds(),
                load.requests() / load.seconds());
        long[] n = load.sortedNanos();
        System.out.printf(Locale.ROOT, "  latency at the client: p50 %.0f ms, p90 %.0f ms, p99 %.0f ms, max %.0f ms%n",
                Bench.percentile(n, 0.50), Bench.percentile(n, 0.90), Bench.percentile(n, 0.99), n[n.length - 1] / 1e6);
        long[] took = load.sortedTookNanos();
        if (took.length > 0) {
            System.out.printf(Locale.ROOT, "  took_ms in the answers (the server's time: waiting for and computing the text's pass,"
                    + " then the search): p50 %.0f ms, p90 %.0f ms, p99 %.0f ms%n",
                    Bench.percentile(took, 0.50), Bench.percentile(took, 0.90), Bench.percentile(took, 0.99));
        }
        int[] w = load.waiting();
        if (w.length > 0) {
            System.out.printf(Locale.ROOT, "  queries waiting for the model (/api/health every %d ms, %d samples): mean %.1f, max %d"
                    + " (the next pass takes them, up to the batch limit)%n",
                    HEALTH_EVERY_MILLIS, w.length, Arrays.stream(w).average().orElse(0), Arrays.stream(w).max().orElse(0));
        }
        if (load.errorCount() == 0) {
            System.out.println("  0 errors");
        } else {
            System.out.printf(Locale.ROOT, "  %d ERRORS: %s; the first: %s%n", load.errorCount(), load.errors(), load.firstError());
        }
    }

    /** The same kind of query as one {@code scripts/clamp3 search --text} process each; returns the mean seconds per query. */
    private static double processes(Path root, Path indexDir, Path modelDir) throws Exception {
        System.out.printf(Locale.ROOT, "%none process per query: scripts/clamp3 search --text QUERY INDEX --model MODEL --top-k %d"
                + " (start the JVM, load the model, open the index, embed, search), %d in a row:%n", K, PROCESS_QUERIES);
        Path out = Files.createTempFile("clamp3-serve-bench", ".out");
        Path err = Files.createTempFile("clamp3-serve-bench", ".err");
        try {
            double total = 0;
            for (int i = 0; i < PROCESS_QUERIES; i++) {
                String query = QUERIES.get(i * 11 % QUERIES.size());
                ProcessBuilder pb = new ProcessBuilder(root.resolve("scripts/clamp3").toString(), "search", "--text", query,
                        indexDir.toString(), "--model", modelDir.toString(), "--top-k", Integer.toString(K))
                        .directory(root.toFile()).redirectOutput(out.toFile()).redirectError(err.toFile());
                long t = System.nanoTime();
                int rc = pb.start().waitFor();
                double s = Bench.secs(t);
                List<String> lines = Files.readAllLines(out);
                if (rc != 0 || lines.size() != K + 1) {
                    throw new IllegalStateException("clamp3 search exited with " + rc + ":\n" + String.join("\n", lines) + "\n"
                            + Files.readString(err));
                }
                System.out.printf(Locale.ROOT, "  %5.1f s  %s  %s%n", s, lines.get(0), query);
                total += s;
            }
            double mean = total / PROCESS_QUERIES;
            System.out.printf(Locale.ROOT, "  %.2f s per query: %.3f queries/s%n", mean, 1 / mean);
            return mean;
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }

    /** Asks /api/health for the queries waiting for the model, every {@link #HEALTH_EVERY_MILLIS} ms. */
    private static final class Sampler {
        private final HttpClient http;
        private final HttpRequest request;
        private final Thread thread;
        private final List<Integer> samples = new ArrayList<>();
        private volatile boolean stopped;

        Sampler(HttpClient http, URI health) {
            this.http = http;
            this.request = HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(10)).GET().build();
            this.thread = new Thread(this::loop, "health-sampler");
            thread.setDaemon(true);
        }

        void start() {
            thread.start();
        }

        private void loop() {
            while (!stopped) {
                try {
                    HttpResponse<String> r = http.send(request, HttpResponse.BodyHandlers.ofString());
                    if (r.statusCode() == 200) {
                        synchronized (samples) {
                            samples.add(JSON.readTree(r.body()).path("waiting").asInt());
                        }
                    }
                    Thread.sleep(HEALTH_EVERY_MILLIS);
                } catch (IOException e) {
                    // a missed sample
                } catch (InterruptedException e) {
                    return;
                }
            }
        }

        int[] stop() throws InterruptedException {
            stopped = true;
            thread.interrupt();
            thread.join();
            synchronized (samples) {
                return samples.stream().mapToInt(Integer::intValue).toArray();
            }
        }
    }
}
