package org.clamp3.spark;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.apache.spark.sql.SparkSession;

/** The few options of the two jobs' {@code main} methods (no parser library on a cluster's class path). */
final class Args {
    private final List<String> positional;
    private final Map<String, String> options;
    private final Set<String> flags;

    private Args(List<String> positional, Map<String, String> options, Set<String> flags) {
        this.positional = positional;
        this.options = options;
        this.flags = flags;
    }

    /** Parses {@code args}; a usage error prints {@code usage} and exits with 2. */
    static Args parse(String[] args, Set<String> valued, Set<String> flagNames, int positionals, String usage) {
        List<String> positional = new ArrayList<>();
        Map<String, String> options = new HashMap<>();
        Set<String> flags = new HashSet<>();
        for (int i = 0; i < args.length; i++) {
            String a = args[i];
            if (a.equals("-h") || a.equals("--help")) {
                System.out.println(usage);
                System.exit(0);
            } else if (valued.contains(a) && i + 1 < args.length) {
                options.put(a, args[++i]);
            } else if (flagNames.contains(a)) {
                flags.add(a);
            } else if (a.startsWith("--")) {
                usage(usage, "unknown option or missing value: " + a);
            } else {
                positional.add(a);
            }
        }
        if (positional.size() != positionals) {
            usage(usage, "expected " + positionals + " arguments, got " + positional.size());
        }
        return new Args(positional, options, flags);
    }

    private static void usage(String usage, String problem) {
        System.err.println(problem);
        System.err.println(usage);
        System.exit(2);
    }

    String positional(int i) {
        return positional.get(i);
    }

    String option(String name) {
        return options.get(name);
    }

    String required(String name) {
        String v = options.get(name);
        if (v == null) {
            usage("", name + " is required");
        }
        return v;
    }

    int intOption(String name, int fallback) {
        String v = options.get(name);
        try {
            return v == null ? fallback : Integer.parseInt(v);
        } catch (NumberFormatException e) {
            usage("", name + " must be a number, not '" + v + "'");
            return fallback;
        }
    }

    boolean flag(String name) {
        return flags.contains(name);
    }

    /**
     * A session on {@code master}; with none given and none set by {@code spark-submit}, local mode
     * on every core without the web UI.
     */
    static SparkSession session(String app, String master) {
        SparkSession.Builder b = SparkSession.builder().appName(app);
        if (master != null) {
            b = b.master(master);
        } else if (System.getProperty("spark.master") == null) {
            b = b.master("local[*]");
        }
        String m = master != null ? master : System.getProperty("spark.master", "local[*]");
        if (m.startsWith("local")) {
            b = b.config("spark.ui.enabled", "false");
        }
        return b.getOrCreate();
    }
}
