package org.clamp3.cli;

import java.util.Locale;

/** Byte counts for people: 1.5 MB, 812 KB, 42 B (powers of 1024). */
final class Sizes {
    private Sizes() {}

    static String human(long bytes) {
        String[] units = {"B", "KB", "MB", "GB", "TB"};
        double v = bytes;
        int u = 0;
        while (v >= 1024 && u < units.length - 1) {
            v /= 1024;
            u++;
        }
        return u == 0 ? bytes + " B" : String.format(Locale.ROOT, v < 10 ? "%.1f %s" : "%.0f %s", v, units[u]);
    }
}
