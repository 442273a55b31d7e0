package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

/** The Elasticsearch options of index push, search and serve: usage errors (exit 2) and an unreachable node (exit 1), no node needed. */
class EsCommandLineTest {
    static final Path QUERY = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("retrieval/search_queries/query0.npy");

    static void usage(String expected, String... args) {
        CliRun run = CliRun.of(args);
        assertEquals(2, run.exitCode(), run.toString());
        assertTrue(run.err().contains(expected), run.toString());
    }

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors() {
        usage("give --es URL --es-index NAME", "index", "push", "some.idx");
        usage("--es-index NAME is needed with --es", "index", "push", "some.idx", "--es", "http://127.0.0.1:9200");
        usage("lower case", "index", "push", "some.idx", "--es", "http://127.0.0.1:9200", "--es-index", "Music");
        usage("give an http:// or https:// URL", "index", "push", "some.idx", "--es", "127.0.0.1:9200", "--es-index", "music");
        usage("--quantize must be none or int8", "index", "push", "some.idx", "--es", "http://h:9200", "--es-index", "m", "--quantize", "int4");
        usage("--user needs --password-file", "index", "push", "some.idx", "--es", "http://h:9200", "--es-index", "m", "--user", "u");
        usage("must be at least 1", "index", "push", "some.idx", "--es", "http://h:9200", "--es-index", "m", "--batch", "0");
        usage("with --es give QUERY or --text TEXT, and no REFS", "search", QUERY.toString(), "refs/", "--es", "http://h:9200", "--es-index", "m");
        usage("--exact and --ef apply to a local index", "search", QUERY.toString(), "--es", "http://h:9200", "--es-index", "m", "--exact");
        usage("--num-candidates applies with --es", "search", QUERY.toString(), "refs/", "--num-candidates", "50");
        usage("give --index INDEX, or --es URL --es-index NAME", "serve");
        usage("give --index INDEX, or --es URL --es-index NAME", "serve", "--index", "x.idx", "--es", "http://h:9200", "--es-index", "m");
    }

    @Test
    void aNodeThatIsNotThereIsOneLineAndExitOne() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            port = s.getLocalPort();
        }
        CliRun run = CliRun.of("search", QUERY.toString(), "--es", "http://127.0.0.1:" + port, "--es-index", "music");
        assertEquals(1, run.exitCode(), run.toString());
        assertEquals("error: cannot reach Elasticsearch at http://127.0.0.1:" + port + ": connection refused (is it running?)\n", run.err());
    }
}
