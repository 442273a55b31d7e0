package org.clamp3.core.util;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Facts about the CPU this process runs on, from Linux's /proc and /sys (elsewhere the
 * fallbacks say "unknown" and count every logical CPU as a core): its model and vector flags,
 * which key measured decisions, and how many physical cores the process may use, which sizes
 * the math library's thread pool.
 */
public final class CpuInfo {
    private CpuInfo() {}

    /** The CPU's model name, e.g. "AMD EPYC 9R14" (some virtual machines report only "AMD EPYC"). */
    public static String model() {
        String name = field(lines(Path.of("/proc/cpuinfo")), "model name");
        return name == null ? System.getProperty("os.arch") : name;
    }

    /** The vector-relevant flags (avx*, amx*, fma, f16c, sse4*), space-separated, in /proc/cpuinfo order. */
    public static String vectorFlags() {
        String flags = field(lines(Path.of("/proc/cpuinfo")), "flags");
        if (flags == null) {
            return "unknown";
        }
        return Arrays.stream(flags.split("\\s+"))
                .filter(f -> f.startsWith("avx") || f.startsWith("sse4") || f.startsWith("amx") || f.equals("fma") || f.equals("f16c"))
                .collect(Collectors.joining(" "));
    }

    /**
     * Physical cores this process may run on: the distinct (package, core) pairs among the CPUs
     * of its affinity mask, capped by {@link Runtime#availableProcessors} (which honours cgroup
     * CPU quotas); at least 1. Hyper-threads share one core's vector units, so a compute-bound
     * thread pool gains nothing from them.
     */
    public static int physicalCores() {
        int available = Runtime.getRuntime().availableProcessors();
        Set<Integer> allowed = allowedCpus();
        if (allowed.isEmpty()) {
            return available;
        }
        Set<String> cores = new HashSet<>();
        for (int cpu : allowed) {
            Path topology = Path.of("/sys/devices/system/cpu/cpu" + cpu + "/topology");
            String pkg = firstLine(topology.resolve("physical_package_id"));
            String core = firstLine(topology.resolve("core_id"));
            cores.add(pkg == null || core == null ? "cpu" + cpu : pkg + ":" + core);
        }
        return Math.max(1, Math.min(available, cores.size()));
    }

    /** The CPUs of this process's affinity mask (Cpus_allowed_list); empty when unknown. */
    static Set<Integer> allowedCpus() {
        String list = null;
        for (String line : lines(Path.of("/proc/self/status"))) {
            if (line.startsWith("Cpus_allowed_list:")) {
                list = line.substring("Cpus_allowed_list:".length()).trim();
            }
        }
        return list == null ? Set.of() : parseCpuList(list);
    }

    /** "0-3,8,10-11" → {0,1,2,3,8,10,11}; an unreadable list gives the empty set. */
    static Set<Integer> parseCpuList(String list) {
        Set<Integer> cpus = new HashSet<>();
        try {
            for (String part : list.split(",")) {
                String p = part.trim();
                if (p.isEmpty()) {
                    continue;
                }
                int dash = p.indexOf('-');
                int from = Integer.parseInt(dash < 0 ? p : p.substring(0, dash));
                int to = dash < 0 ? from : Integer.parseInt(p.substring(dash + 1));
                for (int c = from; c <= to && cpus.size() < 65536; c++) {
                    cpus.add(c);
                }
            }
        } catch (NumberFormatException e) {
            return Set.of();
        }
        return cpus;
    }

    private static String firstLine(Path p) {
        List<String> l = lines(p);
        return l.isEmpty() ? null : l.get(0).trim();
    }

    static List<String> lines(Path p) {
        try (Stream<String> s = Files.lines(p)) {
            return s.toList();
        } catch (IOException | RuntimeException e) {
            return List.of();
        }
    }

    /** The value of the first "name : value" line, or null. */
    static String field(List<String> lines, String name) {
        for (String line : lines) {
            int colon = line.indexOf(':');
            if (colon > 0 && line.substring(0, colon).trim().equals(name)) {
                return line.substring(colon + 1).trim();
            }
        }
        return null;
    }
}
