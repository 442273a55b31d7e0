package org.clamp3.serve;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Nothing outside the index is ever served, whatever the request says; bodies past the limit are
 * refused unread; slow clients do not hold up others; the token guards every /api route.
 */
class ServeSecurityTest {
    static final String SECRET = "s3cret-token";
    static final String OUTSIDE = "TOP SECRET: not part of the collection";

    @TempDir
    static Path tmp;
    static Clamp3Server server;
    static HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    static String base;

    @BeforeAll
    static void start() throws Exception {
        Path collection = Files.createDirectories(tmp.resolve("collection"));
        Files.writeString(collection.resolve("song.txt"), "a calm piano piece\n");
        Files.writeString(collection.resolve("tune.abc"), "X:1\nT:Tune\nM:4/4\nL:1/8\nK:C\nCDEF GABc|]\n");
        Path secret = Files.writeString(tmp.resolve("secret.txt"), OUTSIDE);
        Files.createSymbolicLink(collection.resolve("link.txt"), secret); // indexed, but its file lies outside
        Path index = tmp.resolve("sec.idx");
        TestIndexes.build(collection, index);
        server = TestIndexes.start(index, SECRET);
        base = "http://127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop() {
        server.stop(1);
    }

    static HttpResponse<String> get(String rawPath, boolean auth) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + rawPath)).timeout(Duration.ofSeconds(20));
        if (auth) {
            b.header("Authorization", "Bearer " + SECRET);
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The path as sent on the wire, unnormalized (java.net.URI would not keep some of these). */
    static String rawGet(String rawPath) throws Exception {
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("GET " + rawPath + " HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SECRET + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
            return new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void traversalNeverReachesAFileOutsideTheIndex() throws Exception {
        List<String> attempts = List.of(
                "/api/items/..%2F..%2F..%2F..%2Fetc%2Fpasswd/media", "/api/items/..%2Fsecret/media",
                "/api/items/%2Fetc%2Fpasswd/media", "/api/items/../../secret.txt/media", "/api/items/song%00.txt/media",
                "/api/items/song%2500/media", "/api/items/link/media", "/api/items/link/notes", "/api/items/..%252Fsecret/media",
                "/../secret.txt", "/%2e%2e/%2e%2e/etc/passwd", "/..%2F..%2Fpom.xml", "/org/clamp3/serve/Api.class",
                "/web/../org/clamp3/serve/openapi.json", "/index.html%00.js", "/api/items/C:%5Cwindows%5Cwin.ini/media",
                "/api/items/%5C..%5Csecret/media", "/api/items/file:%2F%2F%2Fetc%2Fpasswd/media");
        for (String a : attempts) {
            String raw = rawGet(a);
            String status = raw.lines().findFirst().orElse("");
            assertFalse(raw.contains(OUTSIDE) || raw.contains("root:x:0") || raw.contains("[fonts]"), a + " leaked:\n" + raw);
            assertTrue(status.contains(" 404 ") || status.contains(" 400 "), a + " -> " + status);
        }
        // the real items are served
        assertEquals(200, get("/api/items/song/media", true).statusCode());
        assertEquals("a calm piano piece\n", get("/api/items/song/media", true).body());
    }

    @Test
    void theTokenGuardsEveryApiRoute() throws Exception {
        for (String route : List.of("/api/health", "/api/info", "/api/map", "/api/items/song", "/api/items/song/media", "/api/openapi.json")) {
            assertEquals(401, get(route, false).statusCode(), route);
            assertEquals(200, get(route, true).statusCode(), route);
        }
        assertEquals(200, get("/api/items/song/media?token=" + SECRET, false).statusCode(), "media URLs may carry the token");
        assertEquals(401, get("/api/info?token=" + SECRET, false).statusCode(), "other routes need the header");
        assertEquals(401, get("/api/items/song/media?token=wrong", false).statusCode());
        HttpResponse<String> search = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"piano\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(401, search.statusCode());
        assertTrue(search.body().startsWith("{\"error\":"), search.body());
    }

    @Test
    void aHugeBodyIsRefusedWithoutBeingRead() throws Exception {
        long declared = 100L << 20;
        try (Socket s = new Socket("127.0.0.1", server.port())) {
            s.setSoTimeout(20_000);
            OutputStream out = s.getOutputStream();
            out.write(("POST /api/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SECRET
                    + "\r\nContent-Type: application/json\r\nContent-Length: " + declared + "\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
            out.write(new byte[64 << 10]); // a little of it; the answer must not wait for the rest
            out.flush();
            InputStream in = s.getInputStream();
            String status = new String(in.readNBytes(12), StandardCharsets.ISO_8859_1);
            assertEquals("HTTP/1.1 413", status);
        }
    }

    @Test
    void malformedRequestsGetJsonErrors() throws Exception {
        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search"))
                .header("Authorization", "Bearer " + SECRET).POST(HttpRequest.BodyPublishers.ofString("{not json")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
        assertTrue(r.body().contains("\"error\""), r.body());
        assertEquals(404, get("/api/items/nothing-here", true).statusCode());
        assertEquals(404, get("/api/nothing", true).statusCode());
        r = http.send(HttpRequest.newBuilder(URI.create(base + "/api/search")).header("Authorization", "Bearer " + SECRET)
                .POST(HttpRequest.BodyPublishers.ofString("{\"text\": \"x\", \"k\": 0}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, r.statusCode());
    }

    @Test
    void slowClientsDoNotBlockOthers() throws Exception {
        List<Socket> slow = new ArrayList<>();
        try {
            for (int i = 0; i < 40; i++) { // more than the server's threads, each sending half a request and stalling
                Socket s = new Socket("127.0.0.1", server.port());
                s.getOutputStream().write(("POST /api/search HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + SECRET
                        + "\r\nContent-Length: 1000\r\n\r\n{\"te").getBytes(StandardCharsets.ISO_8859_1));
                s.getOutputStream().flush();
                slow.add(s);
            }
            long start = System.nanoTime();
            HttpResponse<String> r = get("/api/health", true);
            assertEquals(200, r.statusCode());
            assertTrue((System.nanoTime() - start) / 1e9 < 10, "a normal request waited behind slow clients");
        } finally {
            for (Socket s : slow) {
                s.close();
            }
        }
    }
}
