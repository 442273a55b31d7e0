package org.clamp3.cli;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A real single-node Elasticsearch for tests: the distribution the {@code es} Maven profile
 * unpacks under target/ ({@code clamp3.es.home}), started on free loopback ports with security
 * off, as user nobody when we are root (Elasticsearch refuses to run as root), and stopped by its
 * PID. Its configuration, data and logs live in a folder of their own, so a restart keeps the data.
 */
final class EsNode implements AutoCloseable {
    static final String HOME_PROPERTY = "clamp3.es.home";

    private final Path home;
    private final Path run;
    private final int httpPort;
    private final int transportPort;
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private volatile long pid = -1;
    private boolean hooked;

    private EsNode(Path home, Path run) throws IOException {
        this.home = home;
        this.run = run;
        this.httpPort = freePort();
        this.transportPort = freePort();
    }

    /** The unpacked distribution, or null when the es profile did not unpack one. */
    static Path home() {
        String h = System.getProperty(HOME_PROPERTY);
        return h == null || h.isBlank() || !Files.isRegularFile(Path.of(h, "bin/elasticsearch")) ? null : Path.of(h);
    }

    /** Configures a node in {@code run} (emptied first) and starts it; returns once the cluster is green. */
    static EsNode start(Path run) throws Exception {
        deleteTree(run);
        Files.createDirectories(run);
        EsNode node = new EsNode(home(), run);
        Path config = run.resolve("config");
        copyTree(node.home.resolve("config"), config);
        Files.writeString(config.resolve("elasticsearch.yml"), String.join("\n",
                "cluster.name: clamp3-test",
                "node.name: clamp3-test-node",
                "network.host: 127.0.0.1",
                "http.port: " + node.httpPort,
                "transport.port: " + node.transportPort,
                "discovery.type: single-node",
                "xpack.security.enabled: false",
                "xpack.ml.enabled: false",
                "path.data: " + run.resolve("data"),
                "path.logs: " + run.resolve("logs"),
                // a test machine's disk may be fuller than the default watermarks allow
                "cluster.routing.allocation.disk.threshold_enabled: false",
                ""), StandardCharsets.UTF_8);
        Files.createDirectories(run.resolve("data"));
        Files.createDirectories(run.resolve("logs"));
        Files.createDirectories(run.resolve("tmp"));
        node.launch("green");
        return node;
    }

    String url() {
        return "http://127.0.0.1:" + httpPort;
    }

    private static boolean root() {
        return "root".equals(System.getProperty("user.name"));
    }

    /** Starts the node (daemonized, PID file) and waits for the cluster to reach {@code status}. */
    void launch(String status) throws Exception {
        if (root()) {
            // the distribution writes its keystore into config and reads the rest: nobody owns its folders
            exec(List.of("chown", "-R", "nobody", home.toString(), run.toString()), 120);
        }
        Path pidFile = run.resolve("es.pid");
        Files.deleteIfExists(pidFile);
        List<String> cmd = new ArrayList<>();
        if (root()) {
            cmd.addAll(List.of("runuser", "-u", "nobody", "--"));
        }
        cmd.addAll(List.of("env", "ES_JAVA_HOME=" + System.getProperty("java.home"), "ES_JAVA_OPTS=-Xms512m -Xmx512m",
                "ES_PATH_CONF=" + run.resolve("config"), "ES_TMPDIR=" + run.resolve("tmp"), home.resolve("bin/elasticsearch").toString(), "-d", "-p", pidFile.toString()));
        long t0 = System.nanoTime();
        exec(cmd, 300);
        pid = Long.parseLong(Files.readString(pidFile).trim());
        if (!hooked) {
            // should the test JVM end without @AfterAll (killed, crashed), the node goes with it
            Runtime.getRuntime().addShutdownHook(new Thread(this::stop, "stop-elasticsearch"));
            hooked = true;
        }
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(240);
        while (true) {
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(url() + "/_cluster/health?wait_for_status="
                        + status + "&timeout=5s")).timeout(Duration.ofSeconds(15)).build(), HttpResponse.BodyHandlers.ofString());
                if (r.statusCode() == 200) {
                    System.out.printf("elasticsearch %s at %s (pid %d) after %.1f s%n", status, url(), pid, (System.nanoTime() - t0) / 1e9);
                    return;
                }
            } catch (IOException e) {
                // not listening yet
            }
            if (System.nanoTime() > deadline) {
                stop();
                throw new IllegalStateException("elasticsearch did not become " + status + " within 240 s; see " + run.resolve("logs"));
            }
            Thread.sleep(500);
        }
    }

    /** Stops the node by its PID (SIGTERM, then SIGKILL after a minute) and waits for it to exit. */
    void stop() {
        if (pid < 0) {
            return;
        }
        ProcessHandle.of(pid).ifPresent(p -> {
            p.destroy();
            try {
                p.onExit().get(60, TimeUnit.SECONDS);
            } catch (Exception e) {
                p.destroyForcibly();
            }
        });
        pid = -1;
    }

    @Override
    public void close() {
        stop();
    }

    private static void exec(List<String> cmd, int seconds) throws Exception {
        Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!p.waitFor(seconds, TimeUnit.SECONDS) || p.exitValue() != 0) {
            p.destroyForcibly();
            throw new IllegalStateException(String.join(" ", cmd) + " failed:\n" + out);
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    private static void copyTree(Path from, Path to) throws IOException {
        try (var files = Files.walk(from)) {
            for (Path f : files.toList()) {
                Path t = to.resolve(from.relativize(f).toString());
                if (Files.isDirectory(f)) {
                    Files.createDirectories(t);
                } else {
                    Files.copy(f, t);
                }
            }
        }
    }

    private static void deleteTree(Path dir) throws IOException {
        if (!Files.exists(dir)) {
            return;
        }
        try (var files = Files.walk(dir)) {
            for (Path f : files.sorted(java.util.Comparator.reverseOrder()).toList()) {
                Files.delete(f);
            }
        }
    }
}
