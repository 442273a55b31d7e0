package org.clamp3.preprocess.audio.mert;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;

/**
 * Shares MERT forward passes among the files being extracted at the same time. Each caller
 * queues its file's windows; whichever caller finds the model idle takes the oldest queued window
 * plus up to {@code batchSize - 1} more of the same length, from any file, runs them as one batch
 * and hands every window's result to its owner. So the model runs one batch at a time, on the
 * threads of the callers (no thread of its own to start or stop), and a batch mixes files.
 *
 * <p>Only equally long windows share a pass: MERT has no padding mask, so padding a short last
 * window would change its features. A batch that fails fails only the windows in it.
 */
final class MertWindowBatcher {
    /** One window of one caller's waveform, and where its result goes. Fields guarded by the batcher. */
    private static final class Job {
        final float[] waveform;
        final AudioWindows.Window window;
        float[][] means;
        RuntimeException error;

        Job(float[] waveform, AudioWindows.Window window) {
            this.waveform = waveform;
            this.window = window;
        }

        boolean done() {
            return means != null || error != null;
        }
    }

    private final MertModel model;
    private final int batchSize;
    private final ArrayDeque<Job> queue = new ArrayDeque<>();
    private boolean modelBusy;
    private long passes;

    MertWindowBatcher(MertModel model, int batchSize) {
        if (batchSize < 1) {
            throw new IllegalArgumentException("batch size must be at least 1");
        }
        this.model = model;
        this.batchSize = batchSize;
    }

    /** A file's queued windows; {@link #await} gives their results. */
    static final class Pending {
        private final List<Job> jobs;

        private Pending(List<Job> jobs) {
            this.jobs = jobs;
        }
    }

    /**
     * Each window's hidden states averaged over time, [W][L][H]; blocks until all are computed,
     * running queued batches (its own or other callers') whenever the model is idle.
     */
    float[][][] hiddenStateMeans(float[] waveform, List<AudioWindows.Window> windows) {
        return await(submit(waveform, windows));
    }

    /** Queues windows of {@code waveform} without running anything yet. */
    Pending submit(float[] waveform, List<AudioWindows.Window> windows) {
        List<Job> mine = new ArrayList<>(windows.size());
        for (AudioWindows.Window w : windows) {
            mine.add(new Job(waveform, w));
        }
        synchronized (this) {
            queue.addAll(mine);
        }
        return new Pending(mine);
    }

    /** Results of {@code pending}, [W][L][H], running queued batches while the model is idle. */
    float[][][] await(Pending pending) {
        List<Job> mine = pending.jobs;
        boolean interrupted = false;
        while (true) {
            List<Job> batch;
            synchronized (this) {
                while (!allDone(mine) && (modelBusy || queue.isEmpty())) {
                    // an interrupt cannot end the wait: our windows may be in another caller's batch
                    try {
                        wait();
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
                if (allDone(mine)) {
                    if (interrupted) {
                        Thread.currentThread().interrupt();
                    }
                    return results(mine);
                }
                modelBusy = true;
                passes++;
                batch = takeBatch();
            }
            float[][][] means = null;
            RuntimeException error = null;
            try {
                means = run(batch);
            } catch (RuntimeException e) {
                error = e;
            } finally {
                synchronized (this) {
                    for (int i = 0; i < batch.size(); i++) {
                        if (means != null) {
                            batch.get(i).means = means[i];
                        } else {
                            batch.get(i).error = error != null ? error : new IllegalStateException("MERT batch failed");
                        }
                    }
                    modelBusy = false;
                    notifyAll();
                }
            }
        }
    }

    /** Forward passes run so far. */
    synchronized long passes() {
        return passes;
    }

    /** The oldest queued window and the next ones of its length, at most batchSize in all. */
    private List<Job> takeBatch() {
        Job first = queue.removeFirst();
        List<Job> batch = new ArrayList<>(batchSize);
        batch.add(first);
        for (Iterator<Job> it = queue.iterator(); it.hasNext() && batch.size() < batchSize; ) {
            Job next = it.next();
            if (next.window.length() == first.window.length()) {
                batch.add(next);
                it.remove();
            }
        }
        return batch;
    }

    private float[][][] run(List<Job> batch) {
        float[][] samples = new float[batch.size()][];
        for (int i = 0; i < samples.length; i++) {
            Job j = batch.get(i);
            samples[i] = Arrays.copyOfRange(j.waveform, j.window.start(), j.window.start() + j.window.length());
        }
        return model.hiddenStateMeans(samples);
    }

    private static boolean allDone(List<Job> jobs) {
        for (Job j : jobs) {
            if (!j.done()) {
                return false;
            }
        }
        return true;
    }

    /** Results in window order; the first failure is rethrown (after every window has finished). */
    private static float[][][] results(List<Job> jobs) {
        float[][][] out = new float[jobs.size()][][];
        for (int i = 0; i < out.length; i++) {
            Job j = jobs.get(i);
            if (j.error != null) {
                throw j.error;
            }
            out[i] = j.means;
        }
        return out;
    }
}
