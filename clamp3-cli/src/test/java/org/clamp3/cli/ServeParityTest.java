package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.serve.Clamp3Server;
import org.clamp3.serve.ServeConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The API answers as the commands do: /api/search as `search`, /api/embed as `extract`, /api/classify as `classify zero-shot`. */
class ServeParityTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path MODEL = DATA.resolve("model");
    static final Path ROOT = DATA.getParent();
    static final Path MERT = ROOT.resolve("demo/models/tiny-mert");
    static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    static Path tmp;
    static Path index;
    static Clamp3Server server;
    static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        index = tmp.resolve("demo.idx");
        CliRun run = CliRun.of("index", "build", ROOT.resolve("demo/collection").toString(), index.toString(), "--model", MODEL.toString(),
                "--mert", MERT.toString(), "--segments", "5", "--errors", tmp.resolve("e.jsonl").toString());
        assertEquals(0, run.exitCode(), run.toString());
        server = Clamp3Server.start(ServeConfig.defaults(index, MODEL, MERT).withPort(0));
    }

    @AfterAll
    static void stop() {
        server.stop(1);
    }

    static JsonNode post(String route, String json) throws Exception {
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + route.substring(1)))
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(json)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static JsonNode upload(String route, Path file, int k) throws Exception {
        String boundary = "----clamp3test";
        byte[] head = ("--" + boundary + "\r\nContent-Disposition: form-data; name=\"k\"\r\n\r\n" + k + "\r\n--" + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"" + file.getFileName() + "\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8);
        byte[] content = Files.readAllBytes(file);
        byte[] body = new byte[head.length + content.length + tail.length];
        System.arraycopy(head, 0, body, 0, head.length);
        System.arraycopy(content, 0, body, head.length, content.length);
        System.arraycopy(tail, 0, body, head.length + content.length, tail.length);
        HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(server.url() + route.substring(1)))
                .header("Content-Type", "multipart/form-data; boundary=" + boundary).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        return JSON.readTree(r.body());
    }

    static void assertSameResults(JsonNode cli, JsonNode api) {
        JsonNode results = api.get("results");
        assertEquals(cli.size(), results.size(), api.toString());
        for (int i = 0; i < cli.size(); i++) {
            assertEquals(cli.get(i).get("key").asText(), results.get(i).get("key").asText(), "rank " + (i + 1));
            assertEquals(cli.get(i).get("similarity").asDouble(), results.get(i).get("similarity").asDouble(), 1e-6, "rank " + (i + 1));
            assertEquals(cli.get(i).has("segment"), results.get(i).has("segment"), "rank " + (i + 1));
        }
    }

    static JsonNode cliSearch(String... query) throws Exception {
        List<String> args = new ArrayList<>(List.of("search"));
        args.addAll(List.of(query));
        args.addAll(List.of(index.toString(), "--model", MODEL.toString(), "--mert", MERT.toString(), "--json", "--top-k", "12"));
        CliRun run = CliRun.of(args.toArray(String[]::new));
        assertEquals(0, run.exitCode(), run.toString());
        return JSON.readTree(run.out());
    }

    @Test
    void searchAnswersAsTheSearchCommand() throws Exception {
        for (String text : List.of("a calm cello piece for the evening", "Marche militaire", "一首欢快的钢琴圆舞曲")) {
            assertSameResults(cliSearch("--text", text), post("/api/search", JSON.writeValueAsString(Map.of("text", text, "k", 12))));
        }
        for (String file : List.of("midi/little_waltz.mid", "scores/harbour_song.musicxml", "scores/quiet_air.abc",
                "audio/evening_lament.wav", "texts/irish_reel.txt")) {
            Path f = ROOT.resolve("demo/collection").resolve(file);
            assertSameResults(cliSearch(f.toString()), upload("/api/search", f, 12));
        }
        // a feature as the query: extract's output uploaded, and the same vector as JSON
        Path features = tmp.resolve("features");
        assertEquals(0, CliRun.of("extract", ROOT.resolve("demo/collection/scores").toString(), features.toString(), "--global",
                "--model", MODEL.toString()).exitCode());
        Path npy = features.resolve("quiet_air.npy");
        JsonNode cli = cliSearch(npy.toString());
        assertSameResults(cli, upload("/api/search", npy, 12));
        float[] v = GlobalFeatures.read(npy);
        assertSameResults(cli, post("/api/search", JSON.writeValueAsString(Map.of("vector", v, "k", 12))));
        assertEquals("scores/quiet_air", cli.get(0).get("key").asText());
    }

    @Test
    void embedAnswersAsExtract() throws Exception {
        Path texts = Files.createDirectories(tmp.resolve("texts"));
        String text = "Ein ruhiges, trauriges Stück für Cello am Abend.";
        Files.writeString(texts.resolve("q.txt"), text + "\n");
        Path out = tmp.resolve("text-features");
        assertEquals(0, CliRun.of("extract", texts.toString(), out.toString(), "--global", "--model", MODEL.toString()).exitCode());
        float[] expected = GlobalFeatures.read(out.resolve("q.npy"));
        for (JsonNode got : List.of(post("/api/embed", JSON.writeValueAsString(Map.of("text", text))), upload("/api/embed", texts.resolve("q.txt"), 1))) {
            assertEquals(expected.length, got.get("dimension").asInt());
            for (int i = 0; i < expected.length; i++) {
                assertEquals(expected[i], got.get("vector").get(i).asDouble(), 2e-6, "dimension " + i);
            }
        }
    }

    @Test
    void classifyAnswersAsZeroShot() throws Exception {
        Path labels = Files.write(tmp.resolve("labels.txt"), List.of("folk", "classical", "jazz", "march"));
        CliRun run = CliRun.of("classify", "zero-shot", index.toString(), "--labels", labels.toString(), "--model", MODEL.toString(),
                "--template", "a piece of {} music", "--json");
        assertEquals(0, run.exitCode(), run.toString());
        JsonNode cli = JSON.readTree(run.out());
        JsonNode api = post("/api/classify", "{\"labels\": [\"folk\", \"classical\", \"jazz\", \"march\"], \"template\": \"a piece of {} music\"}");
        assertEquals(cli.size(), api.size());
        for (Iterator<String> it = cli.fieldNames(); it.hasNext();) {
            String key = it.next();
            assertEquals(cli.get(key).get("label").asText(), api.get(key).get("label").asText(), key);
            for (String l : List.of("folk", "classical", "jazz", "march")) {
                assertEquals(cli.get(key).get("scores").get(l).asDouble(), api.get(key).get("scores").get(l).asDouble(), 1e-9, key);
            }
        }
        assertTrue(cli.size() == 12);
    }

    @Test
    void aPublicAddressNeedsATokenOrInsecure() {
        CliRun run = CliRun.of("serve", "--index", index.toString(), "--model", MODEL.toString(), "--host", "0.0.0.0", "--port", "0");
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains("--token"), run.err());
    }
}
