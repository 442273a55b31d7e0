package org.clamp3.core.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.clamp3.core.TestData;
import org.clamp3.core.io.TextFiles;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * Issue 15: a 20 MB single-line text and a text of 10^6 short lines aborted the JVM with a Rust
 * panic inside the tokenizer library (exit 134). Each now runs in a JVM of its own with the
 * report's {@code -Xmx1g}, which must exit normally with the whole text's token count.
 */
class HugeTextTest {

    @ParameterizedTest
    @ValueSource(strings = {"single", "lines"})
    void hugeTextsAreTokenizedWithoutANativeAbort(String kind, @TempDir Path dir) throws Exception {
        Path text = dir.resolve(kind + ".txt");
        StringBuilder sb = new StringBuilder();
        if (kind.equals("single")) {
            while (sb.length() < 20_000_000) {
                sb.append("hello world abc ");
            }
        } else {
            for (int i = 0; i < 1_000_000; i++) {
                sb.append("line ").append(i).append('\n');
            }
        }
        Files.writeString(text, sb, StandardCharsets.UTF_8);
        Path log = dir.resolve("out.txt");
        Process p = new ProcessBuilder(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(), "-Xmx1g",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(),
                TestData.path("model/xlmr-tiny").toString(), text.toString()))
                .redirectErrorStream(true).redirectOutput(log.toFile()).start();
        assertTrue(p.waitFor(5, TimeUnit.MINUTES));
        String out = Files.readString(log);
        assertEquals(0, p.exitValue(), out);
        assertTrue(out.contains("tokens: "), out);
    }

    /** Reads, joins and tokenizes one text file as extraction does; prints the token count. */
    public static final class Main {
        public static void main(String[] args) throws IOException {
            try (TextTokenizer tokenizer = TextTokenizer.load(Path.of(args[0]))) {
                String joined = TextInput.join(TextFiles.read(Path.of(args[1])), tokenizer.sepToken());
                System.out.println("tokens: " + tokenizer.encode(joined).length);
            }
        }
    }
}
