package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexHit;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchRequest;
import org.clamp3.index.es.EsClient;
import org.clamp3.index.es.EsIndex;
import org.clamp3.index.es.EsTarget;
import org.clamp3.serve.Clamp3Server;
import org.clamp3.serve.ServeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * index push, search --es and serve --es against a real Elasticsearch 8.19 node (the es Maven
 * profile unpacks it; without the profile these tests are skipped): answers equal the local
 * exact search, pushes are idempotent, other models are refused, and a push cut off by the node
 * stopping fails cleanly and completes when run again.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ElasticsearchIT {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path RETRIEVAL = DATA.resolve("retrieval");
    static final Path MODEL = DATA.resolve("model");
    static final List<String> SETS = List.of("search_refs", "w1/w2/refs", "w1/w2/queries", "cls/train", "cls/test");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static EsNode node;

    @BeforeAll
    static void startNode() throws Exception {
        Path home = EsNode.home();
        Assumptions.assumeTrue(home != null, "no Elasticsearch distribution (run with -Pes)");
        node = EsNode.start(home.getParent().resolve("run"));
    }

    @AfterAll
    static void stopNode() {
        if (node != null) {
            node.stop();
        }
    }

    static String name(String set, IndexSettings.Quantization q) {
        return set.replace('/', '-') + "-" + q.label();
    }

    static Path localIndex(String set, IndexSettings.Quantization q) {
        Path idx = tmp.resolve(name(set, q) + ".idx");
        if (!Files.exists(idx)) {
            CliRun run = CliRun.of("index", "build", RETRIEVAL.resolve(set).toString(), idx.toString(), "--quantize", q.label());
            assertEquals(0, run.exitCode(), run.toString());
        }
        return idx;
    }

    static JsonNode push(Path idx, String esIndex, String... more) throws Exception {
        List<String> args = new ArrayList<>(List.of("index", "push", idx.toString(), "--es", node.url(), "--es-index", esIndex, "--json"));
        args.addAll(List.of(more));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return JSON.readTree(run.out());
    }

    static EsIndex esIndex(String name) throws Exception {
        return EsIndex.open(new EsClient(EsTarget.of(node.url(), name, null, null, null)));
    }

    /** The parity queries of FeatureIndexParityTest: the five search queries and every 17th reference. */
    static List<float[]> queries(FeatureSet refs) throws Exception {
        List<float[]> queries = new ArrayList<>();
        try (var files = Files.list(RETRIEVAL.resolve("search_queries"))) {
            for (Path q : files.sorted().toList()) {
                queries.add(GlobalFeatures.read(q));
            }
        }
        for (int i = 0; i < refs.size(); i += 17) {
            queries.add(refs.vector(i));
        }
        return queries;
    }

    @Test
    @Order(1)
    void everyReferenceSetAnswersAsTheLocalExactSearch() throws Exception {
        List<String> report = new ArrayList<>();
        for (String set : SETS) {
            FeatureSet refs = FeatureSet.load(RETRIEVAL.resolve(set).toString(), e -> { throw e; });
            List<float[]> queries = queries(refs);
            for (IndexSettings.Quantization q : IndexSettings.Quantization.values()) {
                Path idx = localIndex(set, q);
                long t0 = System.nanoTime();
                JsonNode pushed = push(idx, name(set, q));
                double pushSeconds = (System.nanoTime() - t0) / 1e9;
                assertEquals(refs.size(), pushed.get("documents").asInt(), pushed.toString());
                assertEquals(q == IndexSettings.Quantization.INT8 ? "int8_hnsw" : "hnsw", pushed.get("vector_type").asText());
                int sameOrder = 0;
                int found = 0;
                long t1 = System.nanoTime();
                try (MusicIndex local = MusicIndex.open(idx); EsIndex es = esIndex(name(set, q))) {
                    assertEquals(refs.size(), es.count());
                    for (int qi = 0; qi < queries.size(); qi++) {
                        float[] query = queries.get(qi);
                        List<IndexHit> expected = local.search(query, new SearchRequest(10, null, SearchRequest.Mode.EXACT, 100));
                        List<IndexHit> got = es.search(query, new SearchRequest(10, null, SearchRequest.Mode.AUTO, 100));
                        String what = set + " " + q.label() + " query " + qi;
                        assertEquals(expected.size(), got.size(), what);
                        Map<String, Float> exact = new java.util.HashMap<>();
                        for (IndexHit h : local.search(query, new SearchRequest(refs.size(), null, SearchRequest.Mode.EXACT, 100))) {
                            exact.put(h.key(), h.similarity());
                        }
                        Set<String> expectedKeys = new HashSet<>();
                        expected.forEach(h -> expectedKeys.add(h.key()));
                        boolean same = true;
                        for (int i = 0; i < got.size(); i++) {
                            IndexHit g = got.get(i);
                            // every similarity the cluster reports is the exact cosine of that item
                            assertEquals(exact.get(g.key()), g.similarity(), 1e-4, what + " rank " + (i + 1) + " " + g.key());
                            same &= g.key().equals(expected.get(i).key());
                            found += expectedKeys.contains(g.key()) ? 1 : 0;
                        }
                        sameOrder += same ? 1 : 0;
                        if (q == IndexSettings.Quantization.NONE) {
                            for (int i = 0; i < got.size(); i++) {
                                assertEquals(expected.get(i).key(), got.get(i).key(), what + " rank " + (i + 1));
                                assertEquals(expected.get(i).similarity(), got.get(i).similarity(), 1e-4, what + " rank " + (i + 1));
                            }
                        }
                    }
                }
                double recall = found / (10.0 * queries.size());
                report.add(String.format(Locale.ROOT, "%-14s %-4s %3d items: push %.1f s; %d queries in %.2f s; same top-10 %d/%d; recall@10 %.4f",
                        set, q.label(), refs.size(), pushSeconds, queries.size(), (System.nanoTime() - t1) / 1e9,
                        sameOrder, queries.size(), recall));
                if (q == IndexSettings.Quantization.INT8) {
                    assertTrue(recall >= 0.95, set + " int8 recall@10 " + recall);
                }
            }
        }
        report.forEach(System.out::println);
    }

    @Test
    @Order(2)
    void theSearchCommandPrintsWhatTheLocalSearchPrints() throws Exception {
        Path idx = localIndex("search_refs", IndexSettings.Quantization.NONE);
        push(idx, name("search_refs", IndexSettings.Quantization.NONE));
        for (String fmt : List.of("--json", "--top-k=7")) {
            Path query = RETRIEVAL.resolve("search_queries/query3.npy");
            CliRun local = CliRun.of("search", query.toString(), idx.toString(), "--exact", fmt);
            CliRun es = CliRun.of("search", query.toString(), "--es", node.url(), "--es-index", name("search_refs", IndexSettings.Quantization.NONE), fmt);
            assertEquals(0, local.exitCode(), local.toString());
            assertSameOutput(local, es, fmt);
        }
    }

    /**
     * The same output but for the similarities' last digits: the cluster's float32 vectors travel as
     * decimals, which may come back one float ulp apart after the double parse.
     */
    static void assertSameOutput(CliRun expected, CliRun got, String what) throws Exception {
        assertEquals(expected.exitCode(), got.exitCode(), got.toString());
        assertEquals(expected.err(), got.err(), what);
        if (expected.out().startsWith("[")) {
            JsonNode a = JSON.readTree(expected.out());
            JsonNode b = JSON.readTree(got.out());
            assertEquals(a.size(), b.size(), what);
            for (int i = 0; i < a.size(); i++) {
                assertEquals(a.get(i).get("similarity").asDouble(), b.get(i).get("similarity").asDouble(), 1e-6, what + " rank " + (i + 1));
                ((com.fasterxml.jackson.databind.node.ObjectNode) a.get(i)).remove("similarity");
                ((com.fasterxml.jackson.databind.node.ObjectNode) b.get(i)).remove("similarity");
            }
            assertEquals(a, b, what);
        } else {
            assertEquals(expected.out(), got.out(), what); // similarities rounded to 4 digits
        }
    }

    @Test
    @Order(3)
    void pushingTwiceLeavesTheCountAsItWas() throws Exception {
        Path idx = localIndex("search_refs", IndexSettings.Quantization.INT8);
        JsonNode first = push(idx, "twice");
        JsonNode second = push(idx, "twice");
        assertTrue(first.get("created").asBoolean());
        assertEquals(false, second.get("created").asBoolean());
        assertEquals(240, first.get("documents").asInt());
        assertEquals(240, second.get("documents").asInt());
        try (EsIndex es = esIndex("twice")) {
            assertEquals(240, es.count());
        }
    }

    @Test
    @Order(4)
    void anotherModelOrDimensionIsRefusedAndModelQueriesAnswerAsLocally() throws Exception {
        Path modelIdx = tmp.resolve("tiny.idx");
        CliRun run = CliRun.of("index", "build", MODEL.resolve("inputs").toString(), modelIdx.toString(), "--model", MODEL.toString(),
                "--errors", tmp.resolve("e1.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
        push(modelIdx, "tiny");
        // the same vectors, indexed as feature files: no model recorded
        Path features = tmp.resolve("tiny-features");
        run = CliRun.of("extract", MODEL.resolve("inputs").toString(), features.toString(), "--global", "--model", MODEL.toString(),
                "--errors", tmp.resolve("e2.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
        Path featureIdx = tmp.resolve("tiny-features.idx");
        assertEquals(0, CliRun.of("index", "build", features.toString(), featureIdx.toString()).exitCode());
        CliRun refused = CliRun.of("index", "push", featureIdx.toString(), "--es", node.url(), "--es-index", "tiny");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("mixing models is refused"), refused.toString());
        refused = CliRun.of("index", "push", localIndex("search_refs", IndexSettings.Quantization.NONE).toString(), "--es", node.url(),
                "--es-index", "tiny");
        assertEquals(1, refused.exitCode(), refused.toString());
        assertTrue(refused.err().contains("holds vectors of dimension"), refused.toString());
        try (EsIndex es = esIndex("tiny")) {
            assertEquals(17, es.count());
        }
        // text and raw-file queries through the model, as against the local index
        List<String[]> queries = List.of(new String[] {"--text", "a calm piano piece"},
                new String[] {MODEL.resolve("inputs/abc_simple.abc").toString()},
                new String[] {MODEL.resolve("inputs/audio_T126.npy").toString()});
        for (String[] q : queries) {
            List<String> local = new ArrayList<>(List.of("search"));
            local.addAll(List.of(q));
            List<String> es = new ArrayList<>(local);
            local.addAll(List.of(modelIdx.toString(), "--model", MODEL.toString(), "--json", "--exact", "--modality", "symbolic"));
            es.addAll(List.of("--es", node.url(), "--es-index", "tiny", "--model", MODEL.toString(), "--json", "--modality", "symbolic"));
            CliRun a = CliRun.of(local.toArray(String[]::new));
            CliRun b = CliRun.of(es.toArray(String[]::new));
            assertEquals(0, a.exitCode(), a.toString());
            assertSameOutput(a, b, String.join(" ", q));
        }
        // serve --es: /api/search answers as the command does
        try (EsIndex es = esIndex("tiny"); Clamp3Server server = Clamp3Server.start(ServeConfig.defaults(null, MODEL, null).withPort(0), es)) {
            HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + "api/search"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(JSON.writeValueAsString(Map.of("text", "a calm piano piece", "k", 5)))).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode(), r.body());
            JsonNode api = JSON.readTree(r.body()).get("results");
            JsonNode cli = JSON.readTree(CliRun.of("search", "--text", "a calm piano piece", modelIdx.toString(), "--model", MODEL.toString(),
                    "--json", "--exact", "-k", "5").out());
            assertEquals(cli.size(), api.size(), r.body());
            for (int i = 0; i < cli.size(); i++) {
                assertEquals(cli.get(i).get("key").asText(), api.get(i).get("key").asText(), "rank " + (i + 1));
                assertEquals(cli.get(i).get("similarity").asDouble(), api.get(i).get("similarity").asDouble(), 1e-4, "rank " + (i + 1));
            }
        }
    }

    @Test
    @Order(5)
    void aPushCutOffByTheNodeStoppingFailsCleanlyAndCompletesWhenRunAgain() throws Exception {
        int items = 4000;
        Path idx = tmp.resolve("big.idx");
        Random random = new Random(11);
        try (IndexUpdater u = IndexUpdater.open(idx, IndexSettings.DEFAULTS, null, null, tmp.toString(), 1)) {
            for (int i = 0; i < items; i++) {
                float[] v = new float[768];
                for (int j = 0; j < v.length; j++) {
                    v[j] = (float) random.nextGaussian();
                }
                String key = String.format("k%05d", i);
                u.put(new IndexEntry(key, "audio", key + ".npy", 1, 1, "0".repeat(32), Map.of(), null, v, List.of()));
            }
            u.commit();
        }
        AtomicReference<CliRun> cut = new AtomicReference<>();
        Thread pusher = new Thread(() -> cut.set(CliRun.of("index", "push", idx.toString(), "--es", node.url(), "--es-index", "fault",
                "--batch", "4")));
        pusher.start();
        HttpClient http = HttpClient.newHttpClient();
        long seen = 0;
        while (pusher.isAlive() && seen < 200) {
            Thread.sleep(100);
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(node.url() + "/fault/_count")).build(),
                        HttpResponse.BodyHandlers.ofString());
                seen = r.statusCode() == 200 ? JSON.readTree(r.body()).get("count").asLong() : 0;
            } catch (java.io.IOException e) {
                seen = 0;
            }
        }
        node.stop();
        pusher.join(120_000);
        CliRun run = cut.get();
        System.out.println("node stopped with " + seen + " documents counted; the push said: " + run.err().trim());
        assertEquals(1, run.exitCode(), run.toString());
        assertTrue(run.err().contains("the push stopped after"), run.toString());
        assertTrue(run.err().contains("run it again"), run.toString());
        // the push's index has a replica the single node cannot place: yellow is as good as it gets
        node.launch("yellow");
        JsonNode again = push(idx, "fault", "--batch", "200");
        assertEquals(items, again.get("pushed").asInt());
        assertEquals(items, again.get("documents").asInt(), again.toString());
    }
}
