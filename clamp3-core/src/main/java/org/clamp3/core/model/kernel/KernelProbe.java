package org.clamp3.core.model.kernel;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;

import ai.djl.engine.Engine;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.nn.core.Linear;
import ai.djl.nn.norm.LayerNorm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import org.clamp3.core.io.AtomicFiles;
import org.clamp3.core.util.CpuInfo;

/**
 * Times the candidate ways of running a BERT-base layer's products on this machine and makes a
 * {@link KernelPlan} of the fastest: for each token-count bucket, each {@link ProductShape} as a
 * matrix product and as a 1×1 convolution on token columns, and as libtorch {@code linear} on
 * rows, plus LayerNorm in both layouts; the layout whose layer (the six products and two
 * LayerNorms; attention is the same in both) is faster wins, and the batching ceiling is the
 * smallest bucket within 3 % of the best throughput. Takes about a second or two, once per machine:
 * the result is cached under the user's cache folder, keyed by CPU model and flags, libtorch
 * version and thread count, and {@code clamp3 doctor} prints it.
 */
public final class KernelProbe {
    /** Bump when the measurement changes, so that old cache files are not read. */
    private static final int VERSION = 2;
    static final int HIDDEN = 768;
    static final int INTERMEDIATE = 3072;
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Other processes' share of the CPUs above which a measurement is flagged as busy. */
    static final double BUSY_SHARE = 0.15;

    private KernelProbe() {}

    /** The timings behind a plan, per bucket: GFLOP/s of each candidate (the plan's own figures). */
    public record Measurement(KernelPlan plan, String key, String cpu, String flags, String libtorch, String threads,
                              String measuredAt, double sgemmGflops, double[] rowsGflops, double[] columnsGflops,
                              double[][] matmulGflops, double[][] convGflops, double othersCpuShare) {

        /** Whether other processes took enough CPU during the measurement to make it doubtful. */
        public boolean busy() {
            return othersCpuShare > BUSY_SHARE;
        }

        /** A table for people: per bucket, the layer's GFLOP/s in each layout and the products' per kernel. */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (othersCpuShare >= 0) {
                sb.append(String.format(Locale.ROOT, "other processes used %.0f%% of the CPUs while it was measured%s%n",
                        100 * othersCpuShare, busy() ? ": the choice may be wrong; run `clamp3 doctor --remeasure` when the machine is quiet" : ""));
            }
            sb.append(String.format(Locale.ROOT, "plain sgemm (3072x768 @ 768x512): %.1f GFLOP/s%n", sgemmGflops));
            sb.append("tokens   layer GFLOP/s: rows  columns   | columns, matmul/conv GFLOP/s: attention   ffn_up   ffn_down\n");
            for (int i = 0; i < KernelPlan.BUCKETS.length; i++) {
                sb.append(String.format(Locale.ROOT, "%6d   %18.1f %8.1f   | %25.1f/%-5.1f %6.1f/%-5.1f %6.1f/%-5.1f%n",
                        KernelPlan.BUCKETS[i], rowsGflops[i], columnsGflops[i],
                        matmulGflops[i][0], convGflops[i][0], matmulGflops[i][1], convGflops[i][1],
                        matmulGflops[i][2], convGflops[i][2]));
            }
            return sb.toString();
        }
    }

    /** The plan for this machine: read from the cache, else measured now and cached. */
    static KernelPlan cachedOrMeasured() {
        Path file = cacheFile();
        Measurement cached = read(file);
        if (cached != null) {
            return cached.plan();
        }
        KernelPlan.notice("measuring matrix kernels on this CPU (once; cached in " + file + ")");
        Measurement m = measure();
        if (m.busy()) {
            KernelPlan.notice(String.format(Locale.ROOT, "other processes used %.0f%% of the CPUs meanwhile; if this run seems slow,"
                    + " run `clamp3 doctor --remeasure` when the machine is quiet", 100 * m.othersCpuShare()));
        }
        try {
            write(file, m);
        } catch (IOException | RuntimeException e) {
            KernelPlan.notice("cannot cache the kernel measurement in " + file + ": " + e.getMessage());
        }
        return m.plan();
    }

    /** The cached measurement for this machine, or null when there is none yet. */
    public static Measurement cached() {
        return read(cacheFile());
    }

    /** Measures now, replaces the cache, and makes the result the plan in use when the mode is auto. */
    public static Measurement remeasure() throws IOException {
        Measurement m = measure();
        write(cacheFile(), m);
        if (KernelPlan.mode() == KernelPlan.Mode.AUTO) {
            KernelPlan.select(KernelPlan.Mode.AUTO);
        }
        return m;
    }

    /** Where this machine's measurement is cached. */
    public static Path cacheFile() {
        String dir = System.getProperty("clamp3.cache.dir");
        Path base;
        if (dir != null && !dir.isBlank()) {
            base = Path.of(dir);
        } else {
            String xdg = System.getenv("XDG_CACHE_HOME");
            base = (xdg != null && !xdg.isBlank() ? Path.of(xdg) : Path.of(System.getProperty("user.home"), ".cache"))
                    .resolve("clamp3");
        }
        return base.resolve("kernels-" + hash(key()) + ".json");
    }

    /**
     * What a measurement depends on: CPU model and flags, any instruction-set cap set for oneDNN or
     * MKL, libtorch version, threads, and this probe's version.
     */
    static String key() {
        StringBuilder caps = new StringBuilder();
        for (String env : new String[] {"ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA", "MKL_ENABLE_INSTRUCTIONS", "MKL_CBWR"}) {
            String v = System.getenv(env);
            if (v != null && !v.isBlank()) {
                caps.append('|').append(env).append('=').append(v.trim());
            }
        }
        return "cpu=" + CpuInfo.model() + "|flags=" + CpuInfo.vectorFlags() + caps + "|libtorch=" + libtorchVersion()
                + "|threads=" + threads() + "|probe=" + VERSION;
    }

    private static String libtorchVersion() {
        return Engine.getEngine("PyTorch").getVersion();
    }

    private static String threads() {
        return System.getProperty("ai.djl.pytorch.num_threads", "default");
    }

    /** Times every candidate in every bucket (a second or two) and makes the plan. */
    public static Measurement measure() {
        int n = KernelPlan.BUCKETS.length;
        ProductShape[] shapes = ProductShape.values();
        double[] rows = new double[n];
        double[] columns = new double[n];
        double[][] mm = new double[n][shapes.length];
        double[][] conv = new double[n][shapes.length];
        Layout[] layouts = new Layout[n];
        Kernel[][] kernels = new Kernel[n][shapes.length];
        double sgemm;
        CpuShare share = CpuShare.start();
        try (NDManager m = NDManager.newBaseManager("PyTorch")) {
            sgemm = sgemm(m);
            for (int b = 0; b < n; b++) {
                int tokens = KernelPlan.BUCKETS[b];
                try (NDManager scope = m.newSubManager()) {
                    double rowsSecs = 0;
                    double colsSecs = 0;
                    for (ProductShape s : shapes) {
                        long[] oi = s.outIn(HIDDEN, INTERMEDIATE);
                        NDArray w = scope.randomUniform(-0.05f, 0.05f, new Shape(oi[0], oi[1]));
                        NDArray bias = scope.randomUniform(-0.05f, 0.05f, new Shape(oi[0]));
                        NDArray xCols = scope.randomUniform(-1, 1, new Shape(oi[1], tokens));
                        NDArray xRows = scope.randomUniform(-1, 1, new Shape(tokens, oi[1]));
                        PointwiseLinear lin = new PointwiseLinear(s, w, bias);
                        double[] t = fastest(scope,
                                () -> Linear.linear(xRows, w, bias).singletonOrThrow(),
                                () -> lin.apply(xCols, Kernel.MATMUL),
                                () -> lin.apply(xCols, Kernel.CONV));
                        double flops = 2.0 * oi[0] * oi[1] * tokens;
                        mm[b][s.ordinal()] = flops / t[1] / 1e9;
                        conv[b][s.ordinal()] = flops / t[2] / 1e9;
                        kernels[b][s.ordinal()] = t[1] <= t[2] ? Kernel.MATMUL : Kernel.CONV;
                        rowsSecs += s.perLayer() * t[0];
                        colsSecs += s.perLayer() * Math.min(t[1], t[2]);
                    }
                    NDArray gamma = scope.ones(new Shape(HIDDEN));
                    NDArray beta = scope.zeros(new Shape(HIDDEN));
                    NDArray hRows = scope.randomUniform(-1, 1, new Shape(tokens, HIDDEN));
                    NDArray hCols = scope.randomUniform(-1, 1, new Shape(HIDDEN, tokens));
                    double[] ln = fastest(scope,
                            () -> LayerNorm.layerNorm(hRows, new Shape(HIDDEN), gamma, beta, 1e-12f).singletonOrThrow(),
                            () -> Columns.layerNorm(hCols, gamma, beta, 1e-12f).add(0f)); // add: make it real, as the next product would
                    rowsSecs += 2 * ln[0];
                    colsSecs += 2 * ln[1];
                    double layerFlops = 2.0 * tokens * (4.0 * HIDDEN * HIDDEN + 2.0 * HIDDEN * INTERMEDIATE);
                    rows[b] = layerFlops / rowsSecs / 1e9;
                    columns[b] = layerFlops / colsSecs / 1e9;
                    layouts[b] = rowsSecs <= colsSecs ? Layout.ROWS : Layout.COLUMNS;
                }
            }
        }
        double best = 0;
        for (int b = 0; b < n; b++) {
            best = Math.max(best, Math.max(rows[b], columns[b]));
        }
        int ceiling = KernelPlan.BUCKETS[n - 1];
        for (int b = 0; b < n; b++) {
            if (Math.max(rows[b], columns[b]) >= 0.97 * best) {
                ceiling = KernelPlan.BUCKETS[b];
                break;
            }
        }
        double others = share.othersShare();
        String at = Instant.now().toString();
        KernelPlan plan = new KernelPlan(layouts, kernels, ceiling, "measured " + at
                + (others > BUSY_SHARE ? String.format(Locale.ROOT, " while other processes used %.0f%% of the CPUs", 100 * others) : ""));
        return new Measurement(plan, key(), CpuInfo.model(), CpuInfo.vectorFlags(), libtorchVersion(), threads(), at,
                sgemm, rows, columns, mm, conv, others);
    }

    /** Runs each candidate once untimed, then five rounds in turn; the best time of each, in seconds. */
    @SafeVarargs
    private static double[] fastest(NDManager scope, java.util.function.Supplier<NDArray>... candidates) {
        double[] best = new double[candidates.length];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        for (int round = 0; round < 6; round++) {
            for (int c = 0; c < candidates.length; c++) {
                try (NDManager run = scope.newSubManager()) {
                    long t0 = System.nanoTime();
                    NDArray out = candidates[c].get(); // libtorch on the CPU returns when the op is done
                    double secs = (System.nanoTime() - t0) / 1e9;
                    if (round > 0) {
                        best[c] = Math.min(best[c], secs);
                    }
                    out.close();
                }
            }
        }
        return best;
    }

    /** Plain sgemm GFLOP/s, (3072 x 768) @ (768 x 512), as the benchmarks measure it. */
    public static double sgemm(NDManager m) {
        try (NDManager scope = m.newSubManager()) {
            NDArray a = scope.randomUniform(-1, 1, new Shape(3072, 768));
            NDArray b = scope.randomUniform(-1, 1, new Shape(768, 512));
            a.matMul(b).close();
            int reps = 10;
            long t = System.nanoTime();
            for (int i = 0; i < reps; i++) {
                a.matMul(b).close();
            }
            return reps * 2.0 * 3072 * 768 * 512 / ((System.nanoTime() - t) / 1e9) / 1e9;
        }
    }

    private static void write(Path file, Measurement m) throws IOException {
        ObjectNode root = JSON.createObjectNode();
        root.put("key", m.key());
        root.put("cpu", m.cpu());
        root.put("flags", m.flags());
        root.put("libtorch", m.libtorch());
        root.put("threads", m.threads());
        root.put("measured_at", m.measuredAt());
        root.put("sgemm_gflops", round(m.sgemmGflops()));
        root.put("token_ceiling", m.plan().tokenCeiling());
        root.put("others_cpu_share", round(m.othersCpuShare() * 1000) / 1000.0);
        ArrayNode buckets = root.putArray("buckets");
        Layout[] layouts = m.plan().layouts();
        Kernel[][] kernels = m.plan().kernels();
        for (int b = 0; b < KernelPlan.BUCKETS.length; b++) {
            ObjectNode o = buckets.addObject();
            o.put("tokens", KernelPlan.BUCKETS[b]);
            o.put("layout", layouts[b].name());
            o.put("rows_gflops", round(m.rowsGflops()[b]));
            o.put("columns_gflops", round(m.columnsGflops()[b]));
            for (ProductShape s : ProductShape.values()) {
                String name = s.name().toLowerCase(Locale.ROOT);
                o.put(name, kernels[b][s.ordinal()].name());
                o.put(name + "_matmul_gflops", round(m.matmulGflops()[b][s.ordinal()]));
                o.put(name + "_conv_gflops", round(m.convGflops()[b][s.ordinal()]));
            }
        }
        Files.createDirectories(file.getParent());
        AtomicFiles.writeString(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsString(root) + "\n");
    }

    /** The measurement in {@code file}, or null when it is missing, unreadable or for another machine. */
    private static Measurement read(Path file) {
        if (!Files.isRegularFile(file)) {
            return null;
        }
        try {
            JsonNode root = JSON.readTree(Files.readAllBytes(file));
            if (!key().equals(root.path("key").asText())) {
                return null;
            }
            JsonNode buckets = root.path("buckets");
            int n = KernelPlan.BUCKETS.length;
            if (buckets.size() != n) {
                return null;
            }
            ProductShape[] shapes = ProductShape.values();
            Layout[] layouts = new Layout[n];
            Kernel[][] kernels = new Kernel[n][shapes.length];
            double[] rows = new double[n];
            double[] cols = new double[n];
            double[][] mm = new double[n][shapes.length];
            double[][] conv = new double[n][shapes.length];
            for (int b = 0; b < n; b++) {
                JsonNode o = buckets.get(b);
                if (o.path("tokens").asInt() != KernelPlan.BUCKETS[b]) {
                    return null;
                }
                layouts[b] = Layout.valueOf(o.path("layout").asText());
                rows[b] = o.path("rows_gflops").asDouble();
                cols[b] = o.path("columns_gflops").asDouble();
                for (ProductShape s : shapes) {
                    String name = s.name().toLowerCase(Locale.ROOT);
                    kernels[b][s.ordinal()] = Kernel.valueOf(o.path(name).asText());
                    mm[b][s.ordinal()] = o.path(name + "_matmul_gflops").asDouble();
                    conv[b][s.ordinal()] = o.path(name + "_conv_gflops").asDouble();
                }
            }
            int ceiling = root.path("token_ceiling").asInt(KernelPlan.DEFAULT_CEILING);
            String at = root.path("measured_at").asText();
            double others = root.path("others_cpu_share").asDouble(-1);
            KernelPlan plan = new KernelPlan(layouts, kernels, Math.max(64, ceiling), "cached, measured " + at
                    + (others > BUSY_SHARE ? String.format(Locale.ROOT, " while other processes used %.0f%% of the CPUs", 100 * others) : ""));
            return new Measurement(plan, key(), root.path("cpu").asText(), root.path("flags").asText(),
                    root.path("libtorch").asText(), root.path("threads").asText(), at, root.path("sgemm_gflops").asDouble(),
                    rows, cols, mm, conv, others);
        } catch (IOException | RuntimeException e) {
            return null; // a damaged cache is measured again
        }
    }

    private static double round(double v) {
        return Math.round(v * 10) / 10.0;
    }

    private static String hash(String s) {
        try {
            byte[] d = MessageDigest.getInstance("SHA-256").digest(s.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(d, 0, 8);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }


    /**
     * How much of the machine's CPU time other processes took between {@link #start} and
     * {@link #othersShare}: all CPUs' busy time (/proc/stat) less this process's own (/proc/self/stat),
     * over the CPUs' total; -1 where /proc cannot be read.
     */
    private record CpuShare(long[] machine, long self) {
        static CpuShare start() {
            return new CpuShare(machineJiffies(), selfJiffies());
        }

        double othersShare() {
            long[] now = machineJiffies();
            long selfNow = selfJiffies();
            if (machine == null || now == null || self < 0 || selfNow < 0) {
                return -1;
            }
            double total = now[0] - machine[0];
            double busy = now[1] - machine[1];
            double mine = selfNow - self;
            return total <= 0 ? -1 : Math.max(0, (busy - mine) / total);
        }

        /** {total, busy} jiffies of all CPUs. */
        private static long[] machineJiffies() {
            try {
                String[] f = Files.readAllLines(Path.of("/proc/stat")).get(0).trim().split("\\s+");
                long total = 0;
                for (int i = 1; i < f.length; i++) {
                    total += Long.parseLong(f[i]);
                }
                long idle = Long.parseLong(f[4]) + (f.length > 5 ? Long.parseLong(f[5]) : 0);
                return new long[] {total, total - idle};
            } catch (IOException | RuntimeException e) {
                return null;
            }
        }

        /** This process's user + system jiffies. */
        private static long selfJiffies() {
            try {
                String stat = Files.readString(Path.of("/proc/self/stat"));
                String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                return Long.parseLong(f[11]) + Long.parseLong(f[12]);
            } catch (IOException | RuntimeException e) {
                return -1;
            }
        }
    }
}
