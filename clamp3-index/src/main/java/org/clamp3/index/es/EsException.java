package org.clamp3.index.es;

import java.io.IOException;

/** The cluster could not be reached, refused a request, or holds something else: one line, naming the server or index. */
public final class EsException extends IOException {
    private final int status;

    public EsException(String message) {
        this(message, 0, null);
    }

    public EsException(String message, int status, Throwable cause) {
        super(message, cause);
        this.status = status;
    }

    /** The HTTP status Elasticsearch answered, 0 when it did not answer. */
    public int status() {
        return status;
    }
}
