package org.clamp3.index.es;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;

import org.clamp3.core.retrieval.Cosine;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;
import org.clamp3.index.MusicIndex;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The push against a tiny stand-in for Elasticsearch's REST API (JDK HttpServer on loopback) that
 * answers 429 for a while, whole requests and single bulk items: everything arrives, once.
 */
class EsPusherStubTest {
    static final int ITEMS = 57;
    static final int DIM = 8;

    @TempDir
    Path tmp;

    HttpServer server;
    /** The stub's state. */
    volatile JsonNode mapping;
    final Map<String, JsonNode> docs = new ConcurrentHashMap<>();
    final AtomicInteger bulkRequests = new AtomicInteger();
    /** Whole bulk requests answered 429 before any is taken. */
    volatile int refuseRequests;
    /** Bulk requests in which every third item is answered 429. */
    volatile int refuseItems;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        server.createContext("/", this::handle);
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String path = ex.getRequestURI().getPath();
            String method = ex.getRequestMethod();
            byte[] in = ex.getRequestBody().readAllBytes();
            if (path.equals("/music/_mapping")) {
                if (mapping == null) {
                    send(ex, 404, "{\"error\":{\"type\":\"index_not_found_exception\",\"reason\":\"no such index [music]\"},\"status\":404}");
                } else {
                    ObjectNode o = EsClient.JSON.createObjectNode();
                    o.putObject("music").set("mappings", mapping);
                    send(ex, 200, o.toString());
                }
            } else if (path.equals("/music") && method.equals("PUT")) {
                mapping = EsClient.JSON.readTree(in).path("mappings");
                send(ex, 200, "{\"acknowledged\":true}");
            } else if (path.equals("/music/_bulk")) {
                bulk(ex, new String(in, StandardCharsets.UTF_8));
            } else if (path.equals("/music/_refresh")) {
                send(ex, 200, "{}");
            } else if (path.equals("/music/_count")) {
                send(ex, 200, "{\"count\":" + docs.size() + "}");
            } else {
                send(ex, 400, "{\"error\":\"unexpected " + method + " " + path + "\"}");
            }
        }
    }

    private void bulk(HttpExchange ex, String body) throws IOException {
        bulkRequests.incrementAndGet();
        if (refuseRequests > 0) {
            refuseRequests--;
            ex.getResponseHeaders().set("Retry-After", "0");
            send(ex, 429, "{\"error\":{\"type\":\"es_rejected_execution_exception\",\"reason\":\"queue full\"},\"status\":429}");
            return;
        }
        boolean partial = refuseItems > 0;
        if (partial) {
            refuseItems--;
        }
        String[] lines = body.split("\n");
        ObjectNode out = EsClient.JSON.createObjectNode();
        ArrayNode items = out.putArray("items");
        boolean errors = false;
        for (int i = 0; i + 1 < lines.length; i += 2) {
            String id = EsClient.JSON.readTree(lines[i]).path("index").path("_id").asText();
            ObjectNode r = items.addObject().putObject("index");
            r.put("_id", id);
            if (partial && (i / 2) % 3 == 0) {
                r.put("status", 429);
                r.putObject("error").put("type", "es_rejected_execution_exception").put("reason", "busy");
                errors = true;
            } else {
                docs.put(id, EsClient.JSON.readTree(lines[i + 1]));
                r.put("status", 201);
            }
        }
        out.put("errors", errors);
        send(ex, 200, out.toString());
    }

    private static void send(HttpExchange ex, int status, String body) throws IOException {
        byte[] b = body.getBytes(StandardCharsets.UTF_8);
        ex.getResponseHeaders().set("Content-Type", "application/json");
        ex.sendResponseHeaders(status, b.length);
        ex.getResponseBody().write(b);
    }

    private EsClient client(int port) {
        return new EsClient(EsTarget.of("http://127.0.0.1:" + port, "music", null, null, null),
                new EsClient.Backoff(8, 1, 5), Duration.ofSeconds(10));
    }

    private Map<String, float[]> localIndex(Path dir, String model) throws IOException {
        Random random = new Random(7);
        Map<String, float[]> vectors = new java.util.LinkedHashMap<>();
        try (IndexUpdater u = IndexUpdater.open(dir, IndexSettings.DEFAULTS, model, null, tmp.toString(), 1)) {
            for (int i = 0; i < ITEMS; i++) {
                float[] v = new float[DIM];
                for (int j = 0; j < DIM; j++) {
                    v[j] = (float) random.nextGaussian();
                }
                String key = String.format("dir/item%03d", i);
                vectors.put(key, v);
                u.put(new IndexEntry(key, "symbolic", key + ".abc", 1, 1, "0".repeat(32),
                        Map.of("title", "Tune " + i, "composer", "Anon"), model, v, List.of()));
            }
            u.commit();
        }
        return vectors;
    }

    @Test
    void refusedRequestsAndItemsAreRetriedAndNothingIsLost() throws IOException {
        Map<String, float[]> vectors = localIndex(tmp.resolve("a.idx"), null);
        refuseRequests = 3;
        refuseItems = 2;
        try (MusicIndex local = MusicIndex.open(tmp.resolve("a.idx")); EsClient c = client(server.getAddress().getPort())) {
            AtomicInteger reported = new AtomicInteger();
            EsPusher.Report r = new EsPusher(c, 10).push(local, null, new EsPusher.Listener() {
                @Override
                public void pushed(int n) {
                    reported.addAndGet(n);
                }
            });
            assertEquals(ITEMS, r.pushed());
            assertEquals(ITEMS, reported.get());
            assertEquals(ITEMS, r.documents());
            assertTrue(r.created());
            assertEquals("hnsw", r.vectorType());
            assertTrue(r.retries() >= 5, "retries " + r.retries());
            // 6 batches, 3 whole refusals, 2 re-sends of refused items
            assertEquals(6 + 3 + 2, bulkRequests.get());
        }
        assertEquals(ITEMS, docs.size());
        for (Map.Entry<String, float[]> e : vectors.entrySet()) {
            JsonNode d = docs.get(e.getKey());
            float[] got = new float[DIM];
            for (int j = 0; j < DIM; j++) {
                got[j] = d.path("vector").get(j).floatValue();
            }
            assertArrayEquals(Cosine.unit(e.getValue()), got, 1e-6f, e.getKey());
            assertEquals("symbolic", d.path("modality").asText());
            assertEquals(e.getKey() + ".abc", d.path("path").asText());
            assertEquals("Anon", d.path("artist").asText());
            assertTrue(d.path("title").asText().startsWith("Tune "));
        }
        JsonNode v = mapping.path("properties").path("vector");
        assertEquals(DIM, v.path("dims").asInt());
        assertEquals("cosine", v.path("similarity").asText());
        assertEquals(16, v.path("index_options").path("m").asInt());
        assertEquals(EsMapping.FORMAT, mapping.path("_meta").path("clamp3").path("format").asText());
        assertEquals("fp32", mapping.path("_meta").path("clamp3").path("precision").asText()); // what the vectors were computed in
    }

    @Test
    void aClusterThatStaysBusyFailsWithAClearMessage() throws IOException {
        localIndex(tmp.resolve("a.idx"), null);
        refuseRequests = 1_000;
        try (MusicIndex local = MusicIndex.open(tmp.resolve("a.idx")); EsClient c = client(server.getAddress().getPort())) {
            EsException e = assertThrows(EsException.class, () -> new EsPusher(c, 10).push(local, null, new EsPusher.Listener() {}));
            assertTrue(e.getMessage().contains("stopped after 0 of " + ITEMS + " items"), e.getMessage());
            assertTrue(e.getMessage().contains("429"), e.getMessage());
        }
    }

    @Test
    void anIndexOfAnotherModelIsRefused() throws IOException {
        localIndex(tmp.resolve("a.idx"), null);
        localIndex(tmp.resolve("b.idx"), "other-model");
        try (EsClient c = client(server.getAddress().getPort())) {
            try (MusicIndex a = MusicIndex.open(tmp.resolve("a.idx"))) {
                new EsPusher(c, 100).push(a, IndexSettings.Quantization.INT8, new EsPusher.Listener() {});
            }
            assertEquals("int8_hnsw", mapping.path("properties").path("vector").path("index_options").path("type").asText());
            try (MusicIndex b = MusicIndex.open(tmp.resolve("b.idx"))) {
                EsException e = assertThrows(EsException.class, () -> new EsPusher(c, 100).push(b, null, new EsPusher.Listener() {}));
                assertTrue(e.getMessage().contains("mixing models is refused"), e.getMessage());
            }
            try (MusicIndex a = MusicIndex.open(tmp.resolve("a.idx"))) {
                EsException e = assertThrows(EsException.class,
                        () -> new EsPusher(c, 100).push(a, IndexSettings.Quantization.NONE, new EsPusher.Listener() {}));
                assertTrue(e.getMessage().contains("was created with int8_hnsw"), e.getMessage());
            }
        }
        assertEquals(ITEMS, docs.size());
    }

    @Test
    void aServerThatIsNotThereIsNamed() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        try (EsClient c = client(port)) {
            EsException e = assertThrows(EsException.class, () -> EsIndex.open(c));
            assertTrue(e.getMessage().startsWith("cannot reach Elasticsearch at http://127.0.0.1:" + port), e.getMessage());
        }
    }

    @Test
    void badTargetsAreRefusedBeforeAnyRequest() {
        assertThrows(IllegalArgumentException.class, () -> EsTarget.of("localhost:9200", "music", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> EsTarget.of("http://localhost:9200", "Music", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> EsTarget.of("http://localhost:9200", "_x", null, null, null));
        assertThrows(IllegalArgumentException.class, () -> EsTarget.of("http://localhost:9200", "m", "key", "u", "p"));
        assertEquals("ApiKey abc", EsTarget.of("http://localhost:9200/", "m", "abc", null, null).authorization());
        assertEquals("http://localhost:9200/m", EsTarget.of("http://localhost:9200/", "m", null, "u", "p").describe());
    }
}
