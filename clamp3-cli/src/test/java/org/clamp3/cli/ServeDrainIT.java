package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** SIGTERM to `clamp3 serve` lets a request in flight finish, then the process exits. */
class ServeDrainIT {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));

    @Test
    void aRequestInFlightIsAnsweredAfterSigterm(@TempDir Path dir) throws Exception {
        Path idx = dir.resolve("demo.idx");
        assertEquals(0, CliRun.of("index", "build", DATA.resolve("model/inputs").toString(), idx.toString(),
                "--model", DATA.resolve("model").toString()).exitCode());
        Process p = new ProcessBuilder(List.of(RetrievalManifestIT.root().resolve("scripts/clamp3").toAbsolutePath().toString(),
                "serve", "--index", idx.toString(), "--model", DATA.resolve("model").toString(), "--port", "0", "--grace", "20"))
                .redirectError(dir.resolve("serve.err").toFile()).start();
        try {
            BufferedReader out = new BufferedReader(new InputStreamReader(p.getInputStream(), StandardCharsets.UTF_8));
            String line = out.readLine();
            assertTrue(line != null && line.startsWith("clamp3 serve: 17 items"), String.valueOf(line));
            URI url = URI.create(line.substring(line.indexOf("http://"), line.indexOf("/;") + 1));
            byte[] body = "{\"text\": \"a calm piano piece\", \"k\": 3}".getBytes(StandardCharsets.UTF_8);
            try (Socket s = new Socket(url.getHost(), url.getPort())) {
                s.setSoTimeout(30_000);
                OutputStream o = s.getOutputStream();
                o.write(("POST /api/search HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\nContent-Length: " + body.length
                        + "\r\nConnection: close\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
                o.write(body, 0, 10); // the request is in flight...
                o.flush();
                Thread.sleep(500);
                p.destroy(); // SIGTERM
                Thread.sleep(1500);
                o.write(body, 10, body.length - 10); // ...and completes after the signal
                o.flush();
                String answer = new String(s.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
                assertTrue(answer.startsWith("HTTP/1.1 200"), answer);
                assertTrue(answer.contains("\"results\":[{\"key\":"), answer);
            }
            assertTrue(p.waitFor(60, TimeUnit.SECONDS), "the server did not exit after draining");
            assertTrue(p.exitValue() == 0 || p.exitValue() == 143, "exit " + p.exitValue());
        } finally {
            p.destroyForcibly();
        }
    }
}
