package org.clamp3.cli;

import java.io.PrintWriter;

/**
 * A one-line progress bar on stderr, drawn only when the process talks to a terminal so logs
 * and pipes stay clean. Redraws at most ten times a second.
 */
public final class ProgressBar implements AutoCloseable {
    private static final int WIDTH = 30;

    private final PrintWriter err;
    private final String label;
    private final long total;
    private final boolean enabled;
    private final long startNanos = System.nanoTime();
    private long done;
    private long lastDraw;

    public ProgressBar(PrintWriter err, String label, long total) {
        this(err, label, total, System.console() != null);
    }

    public ProgressBar(PrintWriter err, String label, long total, boolean enabled) {
        this.err = err;
        this.label = label;
        this.total = total;
        this.enabled = enabled && total > 0;
    }

    public synchronized void step(long n) {
        done += n;
        long now = System.nanoTime();
        if (enabled && (now - lastDraw > 100_000_000L || done >= total)) {
            lastDraw = now;
            draw(now);
        }
    }

    public synchronized void step() {
        step(1);
    }

    private void draw(long now) {
        int filled = (int) (WIDTH * Math.min(done, total) / total);
        double secs = (now - startNanos) / 1e9;
        double rate = secs > 0 ? done / secs : 0;
        err.printf("\r%s [%s%s] %d/%d %.1f/s", label, "#".repeat(filled), " ".repeat(WIDTH - filled), done, total, rate);
        err.flush();
    }

    @Override
    public synchronized void close() {
        if (enabled) {
            draw(System.nanoTime());
            err.println();
            err.flush();
        }
    }
}
