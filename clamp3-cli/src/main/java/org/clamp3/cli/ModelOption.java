package org.clamp3.cli;

import java.nio.file.Path;

import picocli.CommandLine.Option;

/** {@code --model DIR}, else $CLAMP3_MODEL, else models/clamp3-saas. */
final class ModelOption {
    static final String DEFAULT_DIR = "models/clamp3-saas";

    @Option(names = "--model", paramLabel = "DIR",
            description = "Model folder (config.json, weights, text model). Default: $CLAMP3_MODEL, else " + DEFAULT_DIR + ".")
    Path dir;

    Path resolve() {
        if (dir != null) {
            return dir;
        }
        String env = System.getenv("CLAMP3_MODEL");
        return env != null && !env.isBlank() ? Path.of(env) : Path.of(DEFAULT_DIR);
    }
}
