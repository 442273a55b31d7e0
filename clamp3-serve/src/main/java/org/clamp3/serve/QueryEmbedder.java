package org.clamp3.serve;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.model.FeatureModel;

/**
 * Micro-batching in front of one model: requests hand in their encoded queries; one thread takes
 * the first waiting query, lets others join for up to {@code batchWaitMillis} (at most
 * {@code maxBatch}), and computes them in one pass ({@link RoundInference}, the same windows and
 * pooling as {@code extract --global}). The queue is bounded: when it is full a query is refused
 * at once instead of waiting without end.
 */
public final class QueryEmbedder implements AutoCloseable {
    private final RoundInference inference;
    private final BlockingQueue<Job> queue;
    private final int maxBatch;
    private final long batchWaitNanos;
    private final Thread worker;
    private volatile boolean closed;
    private final java.util.concurrent.atomic.AtomicLong passes = new java.util.concurrent.atomic.AtomicLong();
    private final java.util.concurrent.atomic.AtomicLong queries = new java.util.concurrent.atomic.AtomicLong();

    private record Job(EncodedInput input, CompletableFuture<float[]> result) {}

    /** The queue is full. */
    public static final class BusyException extends RuntimeException {
        private static final long serialVersionUID = 1L;

        BusyException(int capacity) {
            super(capacity + " queries are waiting for the model", null, false, false);
        }
    }

    public QueryEmbedder(FeatureModel model, int queueCapacity, int maxBatch, long batchWaitMillis) {
        this(new RoundInference(model, ExtractionOptions.defaults(true)), queueCapacity, maxBatch, batchWaitMillis);
    }

    /** With the forward passes of {@code inference} (global vectors; another engine's). */
    public QueryEmbedder(RoundInference inference, int queueCapacity, int maxBatch, long batchWaitMillis) {
        this.inference = inference;
        this.queue = new ArrayBlockingQueue<>(queueCapacity);
        this.maxBatch = maxBatch;
        this.batchWaitNanos = TimeUnit.MILLISECONDS.toNanos(batchWaitMillis);
        this.worker = new Thread(this::loop, "clamp3-query-batcher");
        worker.setDaemon(true);
        worker.start();
    }

    /**
     * The global feature of an encoded query, computed with whatever queries arrive meanwhile.
     *
     * @throws BusyException when the queue is full
     * @throws TimeoutException when the pass did not finish within {@code timeoutMillis}
     */
    public float[] embed(EncodedInput input, long timeoutMillis) throws TimeoutException, InterruptedException {
        Job job = new Job(input, new CompletableFuture<>());
        if (closed || !queue.offer(job)) {
            throw new BusyException(queue.size());
        }
        try {
            return job.result().get(timeoutMillis, TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            job.result().cancel(false); // the batch thread skips it if it has not started
            throw e;
        }
    }

    /** Forward passes run so far, and the queries they answered (their ratio is the mean batch size). */
    public long passes() {
        return passes.get();
    }

    public long queries() {
        return queries.get();
    }

    /** Queries waiting now. */
    public int waiting() {
        return queue.size();
    }

    private void loop() {
        List<Job> batch = new ArrayList<>();
        while (!closed) {
            try {
                batch.clear();
                batch.add(queue.take());
                long deadline = System.nanoTime() + batchWaitNanos;
                while (batch.size() < maxBatch) {
                    long left = deadline - System.nanoTime();
                    Job next = left > 0 ? queue.poll(left, TimeUnit.NANOSECONDS) : queue.poll();
                    if (next == null) {
                        break;
                    }
                    batch.add(next);
                }
                run(batch);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void run(List<Job> batch) {
        List<Job> live = new ArrayList<>();
        for (Job j : batch) {
            if (!j.result().isCancelled()) {
                live.add(j);
            }
        }
        if (live.isEmpty()) {
            return;
        }
        passes.incrementAndGet();
        queries.addAndGet(live.size());
        List<EncodedInput> inputs = new ArrayList<>(live.size());
        live.forEach(j -> inputs.add(j.input()));
        try {
            List<RoundInference.Result> results = inference.run(inputs);
            for (int i = 0; i < live.size(); i++) {
                RoundInference.Result r = results.get(i);
                if (r.failure() != null) {
                    live.get(i).result().completeExceptionally(r.failure());
                } else {
                    live.get(i).result().complete(r.features());
                }
            }
        } catch (RuntimeException e) {
            live.forEach(j -> j.result().completeExceptionally(e));
        }
    }

    /** Stops taking queries; those waiting fail. */
    @Override
    public void close() {
        closed = true;
        worker.interrupt();
        for (Job j; (j = queue.poll()) != null;) {
            j.result().completeExceptionally(new BusyException(0));
        }
    }
}
