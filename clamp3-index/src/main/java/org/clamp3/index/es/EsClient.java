package org.clamp3.index.es;

import java.io.IOException;
import java.net.ConnectException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpConnectTimeoutException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.function.LongConsumer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.MissingNode;

/**
 * Requests to one Elasticsearch index over its REST API. A 429 (too many requests) or 503 (not
 * ready) is retried with exponential backoff (or as Retry-After says); any other failure is an
 * {@link EsException} naming the server. Thread-safe.
 */
public final class EsClient implements AutoCloseable {
    static final ObjectMapper JSON = new ObjectMapper();

    /**
     * How often and how long to wait before giving up on a 429/503.
     *
     * @param attempts tries in all (at least 1)
     * @param firstDelayMillis wait before the second try; doubles each time up to {@code maxDelayMillis}
     */
    public record Backoff(int attempts, long firstDelayMillis, long maxDelayMillis) {
        /** About two minutes of retries: a cluster that is merging or relocating usually recovers within that. */
        public static final Backoff DEFAULT = new Backoff(10, 250, 30_000);

        public Backoff {
            if (attempts < 1 || firstDelayMillis < 0 || maxDelayMillis < firstDelayMillis) {
                throw new IllegalArgumentException("bad backoff " + attempts + "/" + firstDelayMillis + "/" + maxDelayMillis);
            }
        }

        long delay(int retry) {
            return Math.min(maxDelayMillis, firstDelayMillis << Math.min(retry, 30));
        }
    }

    /** An answer: status and parsed JSON body (missing when empty or not JSON). */
    record Response(int status, JsonNode body) {
        boolean ok() {
            return status >= 200 && status < 300;
        }
    }

    private final EsTarget target;
    private final Backoff backoff;
    private final HttpClient http;
    private final Duration timeout;
    private volatile LongConsumer onRetry = millis -> {};
    private final java.util.concurrent.atomic.AtomicLong retries = new java.util.concurrent.atomic.AtomicLong();

    public EsClient(EsTarget target) {
        this(target, Backoff.DEFAULT, Duration.ofSeconds(120));
    }

    public EsClient(EsTarget target, Backoff backoff, Duration timeout) {
        this.target = target;
        this.backoff = backoff;
        this.timeout = timeout;
        this.http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    }

    public EsTarget target() {
        return target;
    }

    /** Called with the wait before each retry (for progress reports). */
    public void onRetry(LongConsumer listener) {
        this.onRetry = listener == null ? millis -> {} : listener;
    }

    /** Requests retried after a 429 or 503 so far. */
    public long retries() {
        return retries.get();
    }

    /** The index's path with {@code suffix} ("/_search", "/_doc/" + id, or ""). */
    String indexPath(String suffix) {
        return "/" + encode(target.index()) + suffix;
    }

    static String encode(String s) {
        return URLEncoder.encode(s, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A JSON request; 429/503 retried. The answer may be any other status: callers decide. */
    Response send(String method, String path, Object body) throws EsException {
        try {
            return send(method, path, body == null ? null : JSON.writeValueAsBytes(body), "application/json");
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new EsException("cannot write the request to " + target.describe() + ": " + e.getOriginalMessage());
        }
    }

    /** A raw request ({@code contentType} application/json or application/x-ndjson); 429/503 retried. */
    Response send(String method, String path, byte[] body, String contentType) throws EsException {
        URI uri = URI.create(target.url() + path);
        for (int attempt = 1; ; attempt++) {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofByteArray(body))
                    .header("Accept", "application/json");
            if (body != null) {
                b.header("Content-Type", contentType);
            }
            if (target.authorization() != null) {
                b.header("Authorization", target.authorization());
            }
            HttpResponse<byte[]> r;
            try {
                r = http.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
            } catch (HttpConnectTimeoutException e) {
                throw new EsException("cannot reach Elasticsearch at " + target.url() + ": no connection within 10 s", 0, e);
            } catch (HttpTimeoutException e) {
                throw new EsException("Elasticsearch at " + target.url() + " did not answer " + method + " " + path
                        + " within " + timeout.toSeconds() + " s", 0, e);
            } catch (ConnectException e) {
                throw new EsException("cannot reach Elasticsearch at " + target.url() + ": connection refused (is it running?)", 0, e);
            } catch (IOException e) {
                // the JDK's words for a peer that closed the connection mid-request are not the user's
                String why = e instanceof java.io.EOFException || String.valueOf(e.getMessage()).contains("received no bytes")
                        ? "the connection closed without an answer (did the node stop?)"
                        : e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
                throw new EsException("lost the connection to Elasticsearch at " + target.url() + " (" + method + " " + path + "): "
                        + why, 0, e);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new EsException("interrupted while waiting for Elasticsearch at " + target.url(), 0, e);
            }
            int status = r.statusCode();
            if ((status == 429 || status == 503) && attempt < backoff.attempts()) {
                pause(retryDelay(r, attempt - 1));
                continue;
            }
            if (status == 401 || status == 403) {
                throw new EsException("Elasticsearch at " + target.url() + " refused access (" + status
                        + "): check --api-key, or --user and --password-file", status, null);
            }
            return new Response(status, parse(r.body()));
        }
    }

    private long retryDelay(HttpResponse<?> r, int retry) {
        long delay = backoff.delay(retry);
        String after = r.headers().firstValue("Retry-After").orElse(null);
        if (after != null) {
            try {
                delay = Math.min(backoff.maxDelayMillis(), Math.max(delay, Long.parseLong(after.trim()) * 1000));
            } catch (NumberFormatException ignored) {
                // an HTTP date: our own backoff is as good
            }
        }
        return delay;
    }

    /** Waits before a retry of a whole request or of a bulk request's refused items. */
    void pause(long millis) throws EsException {
        retries.incrementAndGet();
        onRetry.accept(millis);
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EsException("interrupted while waiting to retry a request to " + target.url(), 0, e);
        }
    }

    Backoff backoff() {
        return backoff;
    }

    /** A request that must succeed: any status but 2xx is an error naming the index. */
    JsonNode expect(String method, String path, Object body, String what) throws EsException {
        Response r = send(method, path, body);
        if (!r.ok()) {
            throw failure(r, what);
        }
        return r.body();
    }

    EsException failure(Response r, String what) {
        return new EsException(target.describe() + ": " + what + " failed, Elasticsearch answered " + r.status() + reason(r.body()),
                r.status(), null);
    }

    /** ": type: reason" of an Elasticsearch error body, or "". */
    static String reason(JsonNode body) {
        JsonNode error = body.path("error");
        if (error.isTextual()) {
            return ": " + error.asText();
        }
        JsonNode root = error.path("root_cause").path(0);
        JsonNode e = root.isMissingNode() ? error : root;
        String type = e.path("type").asText("");
        String reason = e.path("reason").asText("");
        if (type.isEmpty() && reason.isEmpty()) {
            return "";
        }
        return ": " + type + (reason.isEmpty() ? "" : ": " + reason.lines().findFirst().orElse(reason));
    }

    private static JsonNode parse(byte[] body) {
        if (body == null || body.length == 0) {
            return MissingNode.getInstance();
        }
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            return MissingNode.getInstance();
        }
    }

    @Override
    public void close() {
        // Java 17's HttpClient has no close: its threads end when it is collected
    }
}
