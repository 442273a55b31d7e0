/**
 * {@code clamp3 serve}: a long-lived HTTP server (the JDK's HttpServer) over one index and one
 * loaded model — a JSON API (search by text, file or vector; embed; items and their media;
 * zero-shot labels; a 2-D map) and a self-contained web page. Queries arriving together share
 * forward passes ({@link org.clamp3.serve.QueryEmbedder}); a full queue answers 503.
 *
 * <p>Imports core, preprocess and index only; prints nothing (the CLI reports).
 */
package org.clamp3.serve;
