package org.clamp3.serve;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Path;

/**
 * How a server runs.
 *
 * @param token when not null, every /api request must carry {@code Authorization: Bearer token}
 *              (media URLs may carry {@code ?token=} instead, for players that cannot set headers)
 * @param cors an origin allowed to call the API from a browser, or null (no CORS headers)
 * @param maxUploadBytes larger request bodies are refused with 413 (before they are read)
 * @param queueCapacity queries waiting for the model; more are refused with 503
 * @param requestTimeoutMillis how long a query may wait for its forward pass
 * @param batchWaitMillis how long the first query of a batch waits for others to join it
 * @param maxBatch the most queries in one forward pass
 * @param threads requests handled at once (file queries are decoded and encoded a few at a time)
 */
public record ServeConfig(Path index, Path model, Path mert, String host, int port, String token, String cors,
                          long maxUploadBytes, int queueCapacity, long requestTimeoutMillis, long batchWaitMillis,
                          int maxBatch, int threads) {

    /** Requests handled at once: many, since a slow client holds one while its request arrives. */
    public static final int DEFAULT_THREADS = 256;

    public static ServeConfig defaults(Path index, Path model, Path mert) {
        return new ServeConfig(index, model, mert, "127.0.0.1", 8080, null, null, 50L << 20, 256, 30_000, 5, 32, DEFAULT_THREADS);
    }

    public ServeConfig withPort(int newPort) {
        return new ServeConfig(index, model, mert, host, newPort, token, cors, maxUploadBytes, queueCapacity,
                requestTimeoutMillis, batchWaitMillis, maxBatch, threads);
    }

    public ServeConfig withToken(String newToken) {
        return new ServeConfig(index, model, mert, host, port, newToken, cors, maxUploadBytes, queueCapacity,
                requestTimeoutMillis, batchWaitMillis, maxBatch, threads);
    }

    public ServeConfig withLimits(long newMaxUploadBytes, int newQueueCapacity, long newTimeoutMillis) {
        return new ServeConfig(index, model, mert, host, port, token, cors, newMaxUploadBytes, newQueueCapacity,
                newTimeoutMillis, batchWaitMillis, maxBatch, threads);
    }

    /** Whether {@code host} names only this machine (a loopback address). */
    public static boolean isLoopback(String host) {
        try {
            for (InetAddress a : InetAddress.getAllByName(host)) {
                if (!a.isLoopbackAddress()) {
                    return false;
                }
            }
            return true;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
