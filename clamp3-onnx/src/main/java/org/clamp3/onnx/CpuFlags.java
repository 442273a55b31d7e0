package org.clamp3.onnx;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/** What the CPU offers for int8 products, from /proc/cpuinfo (Linux); elsewhere assumed absent. */
final class CpuFlags {
    private static final boolean VNNI = detectVnni();

    private CpuFlags() {}

    /** AVX512-VNNI or AVX-VNNI: u8·s8 products accumulate in 32 bits without saturating. */
    static boolean hasVnni() {
        return VNNI;
    }

    private static boolean detectVnni() {
        Path cpuinfo = Path.of("/proc/cpuinfo");
        if (!Files.isReadable(cpuinfo)) {
            return false; // the safe side: 7-bit weights never saturate
        }
        try {
            for (String line : Files.readAllLines(cpuinfo)) {
                if (line.toLowerCase(Locale.ROOT).startsWith("flags")) {
                    String flags = " " + line.substring(line.indexOf(':') + 1).trim() + " ";
                    return flags.contains(" avx512_vnni ") || flags.contains(" avx_vnni ");
                }
            }
        } catch (IOException e) {
            return false;
        }
        return false;
    }
}
