package org.clamp3.serve;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLDecoder;
import java.net.URLEncoder;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;

import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.MirroredTree;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.ModelInput;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.retrieval.ZeroShot;
import org.clamp3.index.IndexEntry;
import org.clamp3.index.IndexHit;
import org.clamp3.index.SearchableIndex;
import org.clamp3.index.SearchRequest;
import org.clamp3.index.Segment;

/**
 * The routes: the JSON API under {@code /api} and the page's static files. Every answer is JSON
 * ({@code {"error": ...}} for failures) except media and static files. Nothing in a request path
 * or parameter reaches the file system: media are looked up by index key, static files by name in
 * the jar.
 */
final class Api implements HttpHandler {
    static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern RANGE = Pattern.compile("bytes=(\\d*)-(\\d*)");
    private static final Set<String> STATIC_TYPES = Set.of("html", "js", "css", "png", "svg", "ico", "json", "md", "txt");
    private static final int MAX_K = 1000;

    private final ServeConfig config;
    private final SearchableIndex index;
    private final FileEncoder encoder;
    private final QueryEmbedder embedder;
    private final MediaFiles media;
    private final MapCache map;
    private final Path uploads;
    /** Decoding and encoding uploaded files (MERT for audio) is heavy: a few at a time, the rest wait. */
    private final java.util.concurrent.Semaphore fileWork = new java.util.concurrent.Semaphore(
            Math.max(2, Runtime.getRuntime().availableProcessors()), true);

    /** The collection map, computed once in the background. */
    interface MapCache {
        List<CollectionMap.Point> points(); // null while being computed
    }

    Api(ServeConfig config, SearchableIndex index, FileEncoder encoder, QueryEmbedder embedder, MediaFiles media, MapCache map,
        Path uploads) {
        this.config = config;
        this.index = index;
        this.encoder = encoder;
        this.embedder = embedder;
        this.media = media;
        this.map = map;
        this.uploads = uploads;
    }

    private final java.util.concurrent.atomic.AtomicInteger inFlight = new java.util.concurrent.atomic.AtomicInteger();
    private volatile boolean draining;

    /** From now on new requests get 503 (the server is stopping); those in flight go on. */
    void drain() {
        draining = true;
    }

    /** Requests being handled now. */
    int inFlight() {
        return inFlight.get();
    }

    @Override
    public void handle(HttpExchange ex) throws IOException {
        inFlight.incrementAndGet();
        try (ex) {
            try {
                if (draining) {
                    ex.getResponseHeaders().set("Connection", "close");
                    throw new HttpError(503, "the server is stopping", "5");
                }
                cors(ex);
                if (ex.getRequestMethod().equals("OPTIONS")) {
                    ex.sendResponseHeaders(204, -1);
                    return;
                }
                String path = ex.getRequestURI().getRawPath();
                if (path.startsWith("/api/") || path.equals("/api")) {
                    authorize(ex, path);
                    route(ex, path);
                } else {
                    staticFile(ex, path);
                }
            } catch (HttpError e) {
                if (e.retryAfter != null) {
                    ex.getResponseHeaders().set("Retry-After", e.retryAfter);
                }
                sendJson(ex, e.status, Map.of("error", e.getMessage()));
            } catch (QueryEmbedder.BusyException e) {
                ex.getResponseHeaders().set("Retry-After", "1");
                sendJson(ex, 503, Map.of("error", "busy: " + e.getMessage() + "; try again shortly"));
            } catch (InvalidInputException e) {
                sendJson(ex, 422, Map.of("error", e.getMessage()));
            } catch (JsonProcessingException e) {
                sendJson(ex, 400, Map.of("error", "malformed JSON: " + e.getOriginalMessage()));
            } catch (IOException e) {
                throw e; // the client went away: nothing to answer
            } catch (RuntimeException e) {
                sendJson(ex, 500, Map.of("error", "internal error: " + (e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                sendJson(ex, 503, Map.of("error", "the server is stopping"));
            }
        } finally {
            inFlight.decrementAndGet();
        }
    }

    private void route(HttpExchange ex, String path) throws IOException, InterruptedException {
        String method = ex.getRequestMethod();
        switch (path) {
            case "/api/health" -> {
                requireMethod(method, "GET");
                sendJson(ex, 200, Map.of("status", "ok", "items", index.count(), "waiting", embedder.waiting(),
                        "passes", embedder.passes(), "queries", embedder.queries()));
            }
            case "/api/info" -> {
                requireMethod(method, "GET");
                sendJson(ex, 200, index.info().asJson());
            }
            case "/api/openapi.json" -> {
                requireMethod(method, "GET");
                try (InputStream in = Api.class.getResourceAsStream("openapi.json")) {
                    sendBytes(ex, 200, "application/json", in.readAllBytes());
                }
            }
            case "/api/search" -> {
                requireMethod(method, "POST");
                search(ex);
            }
            case "/api/embed" -> {
                requireMethod(method, "POST");
                Query q = query(ex);
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("vector", q.vector());
                out.put("dimension", q.vector().length);
                out.put("modality", q.modality());
                out.put("model", index.meta().model());
                sendJson(ex, 200, out);
            }
            case "/api/classify" -> {
                requireMethod(method, "POST");
                classify(ex);
            }
            case "/api/map" -> {
                requireMethod(method, "GET");
                List<CollectionMap.Point> points = map.points();
                if (points == null) {
                    throw new HttpError(503, "the map is being computed", "2");
                }
                mapJson(ex, points);
            }
            default -> {
                if (path.startsWith("/api/items/")) {
                    requireMethod(method, "GET");
                    item(ex, path.substring("/api/items/".length()));
                } else {
                    throw new HttpError(404, "no such route: " + path);
                }
            }
        }
    }

    private static void requireMethod(String method, String wanted) {
        if (!method.equals(wanted) && !(wanted.equals("GET") && method.equals("HEAD"))) {
            throw new HttpError(405, "use " + wanted);
        }
    }

    // ---- queries -------------------------------------------------------------------------------

    /** A query's vector and what it was made from. */
    private record Query(float[] vector, String modality, int k, String filter, String described) {}

    private void search(HttpExchange ex) throws IOException, InterruptedException {
        long start = System.nanoTime();
        Query q = query(ex);
        List<IndexHit> hits = index.search(q.vector(), new SearchRequest(q.k(), q.filter(), SearchRequest.Mode.AUTO,
                Math.max(q.k(), SearchRequest.DEFAULT_EF)));
        List<Map<String, Object>> results = new ArrayList<>();
        for (IndexHit h : hits) {
            Map<String, Object> r = h.asJson();
            r.put("kind", MediaFiles.kind(h.modality(), h.path()));
            r.put("media", "/api/items/" + encodeKey(h.key()) + "/media");
            results.add(r);
        }
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("query", q.described());
        out.put("results", results);
        out.put("took_ms", Math.round((System.nanoTime() - start) / 1e6));
        sendJson(ex, 200, out);
    }

    /** The query of a search or embed request: JSON {text | vector, k, modality} or a multipart upload. */
    private Query query(HttpExchange ex) throws IOException, InterruptedException {
        String type = ex.getRequestHeaders().getFirst("Content-Type");
        byte[] body = body(ex);
        if (type != null && type.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            Map<String, Multipart.Part> parts = Multipart.parse(type, body);
            int k = parts.containsKey("k") ? parseK(parts.get("k").text().trim()) : 10;
            String filter = parts.containsKey("modality") ? modality(parts.get("modality").text().trim()) : null;
            Multipart.Part file = parts.get("file");
            if (file != null && file.filename() != null) {
                return fileQuery(file, k, filter);
            }
            if (parts.containsKey("text")) {
                return textQuery(parts.get("text").text(), k, filter);
            }
            throw new HttpError(400, "give a 'file' part (or a 'text' field)");
        }
        JsonNode json = body.length == 0 ? null : readJson(body);
        if (json == null || !json.isObject()) {
            throw new HttpError(400, "expected a JSON object such as {\"text\": \"a calm piano piece\", \"k\": 10}");
        }
        int k = json.has("k") ? parseK(json.get("k").asText()) : 10;
        String filter = json.hasNonNull("modality") ? modality(json.get("modality").asText()) : null;
        if (json.hasNonNull("vector")) {
            JsonNode v = json.get("vector");
            if (!v.isArray() || v.size() != index.meta().dimension()) {
                throw new HttpError(400, "'vector' must be an array of " + index.meta().dimension() + " numbers");
            }
            float[] vector = new float[v.size()];
            for (int i = 0; i < vector.length; i++) {
                if (!v.get(i).isNumber() || !Float.isFinite((float) v.get(i).asDouble())) {
                    throw new HttpError(400, "'vector'[" + i + "] is not a finite number");
                }
                vector[i] = (float) v.get(i).asDouble();
            }
            return new Query(vector, "vector", k, filter, "vector");
        }
        if (json.hasNonNull("text")) {
            return textQuery(json.get("text").asText(), k, filter);
        }
        if (json.hasNonNull("key")) { // "more like this": an indexed item's own vector, nothing re-embedded
            String key = json.get("key").asText();
            IndexEntry e = entry(key);
            if (e.vector() == null) {
                throw new HttpError(422, "the item '" + key + "' has no vector");
            }
            return new Query(e.vector(), e.modality(), k, filter, key);
        }
        throw new HttpError(400, "give \"text\", \"vector\" or \"key\" (or upload a file as multipart/form-data)");
    }

    private Query textQuery(String text, int k, String filter) throws InterruptedException {
        if (text.isBlank()) {
            throw new HttpError(400, "the text is empty");
        }
        EncodedInput input = encoder.encode(Path.of("query text"), new ModelInput.Text(text));
        return new Query(embed(input), "text", k, filter, text.length() > 200 ? text.substring(0, 200) + "…" : text);
    }

    private Query fileQuery(Multipart.Part part, int k, String filter) throws IOException, InterruptedException {
        // the client's name is only text: no Path is made of it (a NUL or other byte a path cannot
        // hold must not become a 500), just its last segment, sanitized
        String given = part.filename().replace('\\', '/');
        String last = given.substring(given.lastIndexOf('/') + 1);
        String name = last.isEmpty() || last.equals(".") || last.equals("..") ? "upload" : sanitize(last);
        String ext = MirroredTree.extension(name);
        if (!ext.equals("npy") && !encoder.formats().extensions().contains(ext)) {
            throw new HttpError(415, "cannot read '." + ext + "' files; send one of " + encoder.formats().describe());
        }
        Path tmp = Files.createTempFile(uploads, "query-", "." + ext);
        fileWork.acquire();
        try {
            Files.write(tmp, part.content());
            if (ext.equals("npy") && GlobalFeatures.isGlobal(tmp)) {
                float[] v = GlobalFeatures.read(tmp);
                if (v.length != index.meta().dimension()) {
                    throw new HttpError(422, name + ": a feature of dimension " + v.length + ", the index's are " + index.meta().dimension());
                }
                return new Query(v, "feature", k, filter, name);
            }
            EncodedInput input = encoder.encode(tmp);
            return new Query(embed(input), input.modality().name().toLowerCase(Locale.ROOT), k, filter, name);
        } catch (InvalidInputException e) {
            // say what was wrong with the upload without the server's temporary path
            throw new HttpError(422, name + ": " + e.getMessage().replace(tmp.toString() + ": ", "").replace(tmp.toString(), name));
        } finally {
            fileWork.release();
            Files.deleteIfExists(tmp);
        }
    }

    private float[] embed(EncodedInput input) throws InterruptedException {
        try {
            return embedder.embed(input, config.requestTimeoutMillis());
        } catch (TimeoutException e) {
            throw new HttpError(503, "the model did not answer within " + config.requestTimeoutMillis() + " ms", "2");
        }
    }

    private static String sanitize(String name) {
        String s = name.replaceAll("[^\\p{L}\\p{N}._ -]", "_");
        return s.length() > 120 ? s.substring(s.length() - 120) : s;
    }

    private static int parseK(String s) {
        try {
            int k = Integer.parseInt(s);
            if (k < 1 || k > MAX_K) {
                throw new HttpError(400, "'k' must be within 1.." + MAX_K);
            }
            return k;
        } catch (NumberFormatException e) {
            throw new HttpError(400, "'k' must be a whole number");
        }
    }

    private static String modality(String m) {
        if (m.isEmpty() || m.equals("all")) {
            return null;
        }
        if (!Set.of("audio", "symbolic", "text").contains(m)) {
            throw new HttpError(400, "'modality' must be audio, symbolic or text");
        }
        return m;
    }

    private void classify(HttpExchange ex) throws IOException, InterruptedException {
        JsonNode json = readJson(body(ex));
        if (json == null || !json.has("labels") || !json.get("labels").isArray()) {
            throw new HttpError(400, "expected {\"labels\": [\"rock\", \"jazz\", ...], \"template\": \"{}\"}");
        }
        String template = json.hasNonNull("template") ? json.get("template").asText() : "{}";
        if (!template.contains("{}")) {
            throw new HttpError(400, "'template' has no {} to put the label in");
        }
        double temperature = json.hasNonNull("temperature") ? json.get("temperature").asDouble() : 1.0;
        List<String> labels = new ArrayList<>();
        List<float[]> vectors = new ArrayList<>();
        for (JsonNode l : json.get("labels")) {
            String label = l.asText().trim();
            labels.add(label);
            vectors.add(embed(encoder.encode(Path.of("label"), new ModelInput.Text(template.replace("{}", label)))));
        }
        ZeroShot zeroShot;
        try {
            zeroShot = new ZeroShot(labels, vectors, temperature);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, e.getMessage());
        }
        Set<String> keys = null;
        if (json.has("keys") && json.get("keys").isArray()) {
            keys = new java.util.HashSet<>();
            for (JsonNode k : json.get("keys")) {
                keys.add(k.asText());
            }
        }
        Map<String, Object> out = new LinkedHashMap<>();
        Set<String> wanted = keys;
        index.forEachItem(zeroShot.classifying((key, p) -> {
            if (wanted == null || wanted.contains(key)) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("label", p.label());
                rec.put("scores", p.scores());
                out.put(key, rec);
            }
        }));
        sendJson(ex, 200, out);
    }

    private void mapJson(HttpExchange ex, List<CollectionMap.Point> points) throws IOException {
        Map<String, org.clamp3.index.StoredFile> files = index.storedFiles(); // the page colours points by modality
        List<Map<String, Object>> list = new ArrayList<>(points.size());
        for (CollectionMap.Point p : points) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("key", p.key());
            m.put("x", p.x());
            m.put("y", p.y());
            org.clamp3.index.StoredFile f = files.get(p.key());
            if (f != null) {
                m.put("modality", f.modality());
                m.put("kind", MediaFiles.kind(f.modality(), f.path()));
            }
            list.add(m);
        }
        sendJson(ex, 200, Map.of("points", list));
    }

    // ---- items and media -----------------------------------------------------------------------

    private void item(HttpExchange ex, String rest) throws IOException {
        String sub = "";
        for (String s : new String[] {"/media", "/notes"}) {
            if (rest.endsWith(s)) {
                sub = s;
                rest = rest.substring(0, rest.length() - s.length());
                break;
            }
        }
        String key = decodeKey(rest);
        IndexEntry e = entry(key);
        switch (sub) {
            case "" -> {
                Map<String, Object> out = new LinkedHashMap<>();
                out.put("key", e.key());
                out.put("modality", e.modality());
                out.put("path", e.path());
                out.put("metadata", e.metadata());
                out.put("kind", MediaFiles.kind(e));
                out.put("media", "/api/items/" + encodeKey(e.key()) + "/media");
                List<Map<String, Object>> segs = new ArrayList<>();
                for (Segment s : e.segments()) {
                    segs.add(Map.of("start", s.start(), "end", s.end()));
                }
                out.put("segments", segs);
                sendJson(ex, 200, out);
            }
            case "/media" -> {
                Path file = media.file(e).orElseThrow(() -> new HttpError(404, "the file of '" + key + "' is not in the indexed folder"));
                MediaFiles.Media m = media.media(e, file);
                if (m.file() != null) {
                    sendFile(ex, m.contentType(), m.file());
                } else {
                    sendBytes(ex, 200, m.contentType(), m.bytes());
                }
            }
            default -> {
                Path file = media.file(e).orElseThrow(() -> new HttpError(404, "the file of '" + key + "' is not in the indexed folder"));
                List<Map<String, Object>> notes = new ArrayList<>();
                for (var n : media.notes(e, file)) {
                    Map<String, Object> m = new LinkedHashMap<>();
                    m.put("t", n.start());
                    m.put("d", n.duration());
                    m.put("p", n.pitch());
                    m.put("v", n.velocity());
                    m.put("c", n.channel());
                    notes.add(m);
                }
                sendJson(ex, 200, Map.of("notes", notes));
            }
        }
    }

    private IndexEntry entry(String key) throws IOException {
        return index.entry(key).orElseThrow(() -> new HttpError(404, "no item '" + key + "' in this index"));
    }

    /** A key as it appears in URLs: percent-encoded, '/' included. */
    static String encodeKey(String key) {
        return URLEncoder.encode(key, StandardCharsets.UTF_8).replace("+", "%20");
    }

    private static String decodeKey(String raw) {
        String key;
        try {
            key = URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new HttpError(400, "bad percent-encoding in the key");
        }
        if (key.isEmpty() || key.indexOf('\0') >= 0) {
            throw new HttpError(400, "bad key");
        }
        return key;
    }

    /** A file with single-range support (players seek with Range requests). */
    private static void sendFile(HttpExchange ex, String type, Path file) throws IOException {
        long size = Files.size(file);
        long from = 0;
        long to = size - 1;
        int status = 200;
        String range = ex.getRequestHeaders().getFirst("Range");
        if (range != null) {
            Matcher m = RANGE.matcher(range.trim());
            if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                throw new HttpError(416, "only one byte range is supported: bytes=FROM-TO");
            }
            if (m.group(1).isEmpty()) {
                from = Math.max(0, size - Long.parseLong(m.group(2)));
            } else {
                from = Long.parseLong(m.group(1));
                to = m.group(2).isEmpty() ? size - 1 : Math.min(size - 1, Long.parseLong(m.group(2)));
            }
            if (from >= size || from > to) {
                ex.getResponseHeaders().set("Content-Range", "bytes */" + size);
                throw new HttpError(416, "range outside the file's " + size + " bytes");
            }
            status = 206;
            ex.getResponseHeaders().set("Content-Range", "bytes " + from + "-" + to + "/" + size);
        }
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("Accept-Ranges", "bytes");
        long length = to - from + 1;
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.getResponseHeaders().set("Content-Length", Long.toString(length));
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, length);
        try (FileChannel ch = FileChannel.open(file, StandardOpenOption.READ); OutputStream out = ex.getResponseBody()) {
            ch.transferTo(from, length, Channels.newChannel(out));
        }
    }

    // ---- static files, auth, CORS, bodies --------------------------------------------------------

    private static void staticFile(HttpExchange ex, String path) throws IOException {
        requireMethod(ex.getRequestMethod(), "GET");
        String name = path.equals("/") ? "index.html" : path.substring(1);
        String ext = MirroredTree.extension(name);
        if (!name.matches("[A-Za-z0-9_./-]+") || name.contains("..") || name.startsWith("/") || !STATIC_TYPES.contains(ext)) {
            throw new HttpError(404, "no such page");
        }
        try (InputStream in = Api.class.getResourceAsStream("/web/" + name)) {
            if (in == null) {
                throw new HttpError(404, "no such page");
            }
            String type = switch (ext) {
                case "html" -> "text/html; charset=utf-8";
                case "js" -> "text/javascript; charset=utf-8";
                case "css" -> "text/css; charset=utf-8";
                case "png" -> "image/png";
                case "svg" -> "image/svg+xml";
                case "json" -> "application/json";
                default -> "text/plain; charset=utf-8";
            };
            ex.getResponseHeaders().set("Cache-Control", "no-cache");
            sendBytes(ex, 200, type, in.readAllBytes());
        }
    }

    private void authorize(HttpExchange ex, String path) {
        if (config.token() == null) {
            return;
        }
        String given = null;
        String auth = ex.getRequestHeaders().getFirst("Authorization");
        if (auth != null && auth.regionMatches(true, 0, "Bearer ", 0, 7)) {
            given = auth.substring(7).trim();
        } else if (path.startsWith("/api/items/")) {
            // <audio src> cannot send headers: media URLs may carry the token
            String q = ex.getRequestURI().getRawQuery();
            if (q != null) {
                for (String kv : q.split("&")) {
                    if (kv.startsWith("token=")) {
                        given = URLDecoder.decode(kv.substring(6), StandardCharsets.UTF_8);
                    }
                }
            }
        }
        if (given == null || !MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), config.token().getBytes(StandardCharsets.UTF_8))) {
            ex.getResponseHeaders().set("WWW-Authenticate", "Bearer");
            throw new HttpError(401, "this server needs its token: Authorization: Bearer TOKEN");
        }
    }

    private void cors(HttpExchange ex) {
        if (config.cors() != null) {
            ex.getResponseHeaders().set("Access-Control-Allow-Origin", config.cors());
            ex.getResponseHeaders().set("Access-Control-Allow-Headers", "Authorization, Content-Type, Range");
            ex.getResponseHeaders().set("Access-Control-Allow-Methods", "GET, POST, OPTIONS");
            ex.getResponseHeaders().set("Vary", "Origin");
        } else if (ex.getRequestMethod().equals("OPTIONS")) {
            throw new HttpError(405, "cross-origin requests are off (start the server with --cors ORIGIN)");
        }
    }

    /** The request body, refused with 413 past the upload limit without reading the rest. */
    /**
     * A JSON body, which RFC 8259 says is UTF-8. Decoded here: given bytes, Jackson would guess
     * the encoding (a "5" and three NULs read as UTF-32) and report bad bytes as an IOException,
     * which this handler takes for a client that went away (fuzz finding: no answer at all).
     */
    private static JsonNode readJson(byte[] body) throws JsonProcessingException {
        String text;
        try {
            text = StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(java.nio.charset.CodingErrorAction.REPORT)
                    .onUnmappableCharacter(java.nio.charset.CodingErrorAction.REPORT)
                    .decode(java.nio.ByteBuffer.wrap(body)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
            throw new HttpError(400, "the body is not UTF-8 text");
        }
        return JSON.readTree(text);
    }

    private byte[] body(HttpExchange ex) throws IOException {
        long limit = config.maxUploadBytes();
        String length = ex.getRequestHeaders().getFirst("Content-Length");
        if (length != null) {
            try {
                if (Long.parseLong(length.trim()) > limit) {
                    throw new HttpError(413, "the body is larger than the server's limit of " + limit + " bytes");
                }
            } catch (NumberFormatException e) {
                throw new HttpError(400, "bad Content-Length");
            }
        }
        byte[] body = ex.getRequestBody().readNBytes((int) Math.min(Integer.MAX_VALUE - 8, limit + 1));
        if (body.length > limit) {
            throw new HttpError(413, "the body is larger than the server's limit of " + limit + " bytes");
        }
        return body;
    }

    static void sendJson(HttpExchange ex, int status, Object value) throws IOException {
        sendBytes(ex, status, "application/json; charset=utf-8", JSON.writeValueAsBytes(value));
    }

    static void sendBytes(HttpExchange ex, int status, String type, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("Content-Type", type);
        ex.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
        if (ex.getRequestMethod().equals("HEAD")) {
            ex.sendResponseHeaders(status, -1);
            return;
        }
        ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            try (OutputStream out = ex.getResponseBody()) {
                out.write(bytes);
            }
        }
    }
}
