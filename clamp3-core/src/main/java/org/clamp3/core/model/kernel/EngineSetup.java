package org.clamp3.core.model.kernel;

import ai.djl.engine.Engine;

import org.clamp3.core.util.CpuInfo;

/**
 * libtorch's thread pools and start. Intra-op threads default to the physical cores this process
 * may use ({@link CpuInfo#physicalCores}: affinity and cgroup quota aware; hyper-threads add
 * nothing to sgemm), inter-op threads to 1 (inference runs one op at a time). Both must be set
 * before the engine starts, which {@link #preload} may do early, in the background, so that
 * loading libtorch (about half a second) overlaps the rest of start-up.
 */
public final class EngineSetup {
    static final String THREADS = "ai.djl.pytorch.num_threads";
    static final String INTEROP = "ai.djl.pytorch.num_interop_threads";

    private EngineSetup() {}

    /**
     * Sets the thread counts libtorch will start with: {@code threads} when given, else what the
     * launcher set ({@code -Dai.djl.pytorch.num_threads}), else the physical cores. No effect once
     * the engine has started.
     */
    public static void configureThreads(Integer threads) {
        if (threads != null) {
            System.setProperty(THREADS, Integer.toString(threads));
        } else if (System.getProperty(THREADS) == null) {
            System.setProperty(THREADS, Integer.toString(CpuInfo.physicalCores()));
        }
        if (System.getProperty(INTEROP) == null) {
            System.setProperty(INTEROP, "1");
        }
    }

    /** The intra-op threads libtorch runs (or will run) with. */
    public static int threads() {
        String t = System.getProperty(THREADS);
        try {
            return t == null ? CpuInfo.physicalCores() : Integer.parseInt(t.trim());
        } catch (NumberFormatException e) {
            return CpuInfo.physicalCores();
        }
    }

    /** Starts libtorch on a daemon thread; whoever needs it first waits for that start instead of doing its own. */
    public static void preload() {
        Thread t = new Thread(() -> {
            try {
                Engine.getEngine("PyTorch");
            } catch (RuntimeException | LinkageError e) {
                // reported by the first real use, with its own context
            }
        }, "libtorch-preload");
        t.setDaemon(true);
        t.start();
    }
}
