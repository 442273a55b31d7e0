package org.clamp3.core;

import java.nio.file.Files;
import java.nio.file.Path;

/** Locates src-test-data/ (the build passes it as the clamp3.testdata system property). */
public final class TestData {
    private TestData() {}

    public static Path root() {
        String prop = System.getProperty("clamp3.testdata");
        Path p = prop != null ? Path.of(prop) : Path.of("../src-test-data");
        if (!Files.isDirectory(p)) {
            throw new IllegalStateException("test data not found at " + p.toAbsolutePath());
        }
        return p;
    }

    public static Path path(String relative) {
        return root().resolve(relative);
    }
}
