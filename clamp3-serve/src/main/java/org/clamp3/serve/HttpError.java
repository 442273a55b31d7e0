package org.clamp3.serve;

/** A request that cannot be answered: its HTTP status and a one-line reason for the client. */
final class HttpError extends RuntimeException {
    private static final long serialVersionUID = 1L;
    final int status;
    final String retryAfter;

    HttpError(int status, String message) {
        this(status, message, null);
    }

    HttpError(int status, String message, String retryAfter) {
        super(message, null, false, false);
        this.status = status;
        this.retryAfter = retryAfter;
    }
}
