package org.clamp3.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;

import org.clamp3.core.model.kernel.EngineSetup;
import org.clamp3.core.model.kernel.KernelPlan;

/**
 * The machine a benchmark runs on. Every benchmark prints this header before its figures: the
 * CPU model and its vector flags, cores, memory, load, the JVM, and the plain sgemm GFLOP/s
 * (libtorch's fp32 matrix product) measured in the same run, so that figures from different
 * machines, or from a busy moment of a shared one, can be told apart.
 */
final class Machine {
    /** The product timed: (M x K) @ (K x N), as in one transformer layer's feed-forward. */
    private static final int M = 3072;
    private static final int K = 768;
    private static final int N = 512;

    private Machine() {}

    /**
     * Prints the benchmark's title line, the machine and the plain sgemm figure.
     *
     * @return the sgemm GFLOP/s, for benchmarks that state their own GFLOP/s as a share of it
     */
    static double printHeader(String title) {
        EngineSetup.configureThreads(null); // the threads the CLI starts libtorch with, unless -D set them
        KernelPlan.onNotice(message -> System.out.println("(" + message + ")"));
        System.out.println(title);
        System.out.println("machine: " + describe());
        double gflops = sgemmGflops();
        System.out.println(sgemmLine(gflops));
        return gflops;
    }

    /** CPU model, cores, vector flags, memory, load average, JVM and OS, on one line. */
    static String describe() {
        List<String> cpuinfo = lines(Path.of("/proc/cpuinfo"));
        String model = field(cpuinfo, "model name", System.getProperty("os.arch"));
        String family = field(cpuinfo, "cpu family", null);
        String modelNo = field(cpuinfo, "model", null);
        String flags = Arrays.stream(field(cpuinfo, "flags", "").split("\\s+"))
                .filter(f -> f.startsWith("avx") || f.startsWith("sse4") || f.startsWith("amx") || f.equals("fma") || f.equals("f16c"))
                .collect(Collectors.joining(" "));
        String mem = field(lines(Path.of("/proc/meminfo")), "MemTotal", null);
        return String.format(Locale.ROOT, "%s%s, %d cores; vector flags: %s; RAM %s; load average %s; Java %s (%s), max heap %.1f GiB; %s %s",
                model, family == null ? "" : " (family " + family + ", model " + modelNo + ")",
                Runtime.getRuntime().availableProcessors(), flags.isEmpty() ? "unknown" : flags,
                mem == null ? "unknown" : String.format(Locale.ROOT, "%.1f GiB", Long.parseLong(mem.split("\\s+")[0]) / 1048576.0),
                loadAverage(),
                System.getProperty("java.vm.version"), System.getProperty("java.vm.vendor"),
                Runtime.getRuntime().maxMemory() / (double) (1L << 30), System.getProperty("os.name"), System.getProperty("os.version"));
    }

    /** The load average over 1, 5 and 15 minutes (other processes' work shows here). */
    static String loadAverage() {
        List<String> load = lines(Path.of("/proc/loadavg"));
        return load.isEmpty() ? "unknown" : String.join(" ", Arrays.copyOf(load.get(0).split("\\s+"), 3));
    }

    static String sgemmLine(double gflops) {
        return String.format(Locale.ROOT, "plain sgemm (libtorch %s fp32 %dx%d @ %dx%d, %d threads): %.1f GFLOP/s",
                Engine.getEngine("PyTorch").getVersion(), M, K, K, N, EngineSetup.threads(), gflops);
    }

    /** GFLOP/s of 20 plain fp32 matrix products after one untimed one. */
    static double sgemmGflops() {
        try (NDManager m = Engine.getEngine("PyTorch").newBaseManager()) {
            NDArray a = m.randomUniform(-1, 1, new Shape(M, K));
            NDArray b = m.randomUniform(-1, 1, new Shape(K, N));
            a.matMul(b).close();
            int reps = 20;
            long t = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            return reps * 2.0 * M * K * N / ((System.nanoTime() - t) / 1e9) / 1e9;
        }
    }

    private static List<String> lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.toList();
        } catch (IOException | RuntimeException e) {
            return List.of(); // not Linux: the header says "unknown"
        }
    }

    /** The value of the first "name : value" line, or {@code otherwise}. */
    private static String field(List<String> lines, String name, String otherwise) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return otherwise;
    }
}
