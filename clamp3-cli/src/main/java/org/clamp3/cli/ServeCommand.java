package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;

import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchableIndex;
import org.clamp3.index.es.EsClient;
import org.clamp3.index.es.EsIndex;
import org.clamp3.onnx.EngineChoice;
import org.clamp3.serve.Clamp3Server;
import org.clamp3.serve.ServeConfig;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Serves an index over HTTP: the JSON API and the web page. */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = {
            "Serve an index (or, with --es, a collection pushed to Elasticsearch) over HTTP with one model in memory: a JSON API (search by text, file or vector; embed;",
            "items and their media; zero-shot labels; a map of the collection; /api/openapi.json) and a web page at /.",
            "Binds to 127.0.0.1 unless told otherwise; another address needs --token (or an explicit --insecure).",
            "SIGTERM (Ctrl-C) stops accepting and lets requests in flight finish before the process exits."
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 serve --index music.idx --model models/clamp3-saas --mert models/mert-v1-95m",
            "  clamp3 serve --index music.idx --host 0.0.0.0 --port 8080 --token \"$(cat token.txt)\"",
            "  clamp3 serve --es http://127.0.0.1:9200 --es-index music --model models/clamp3-saas",
            "  curl -s localhost:8080/api/search -H 'Content-Type: application/json' -d '{\"text\": \"a calm piano piece\", \"k\": 5}'",
            "  curl -s localhost:8080/api/search -F file=@take2.wav -F k=5"
        })
final class ServeCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--index", paramLabel = "INDEX", description = "The index to serve (clamp3 index build).")
    Path index;

    @Mixin
    EsOptions es = new EsOptions();

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = "--mert", paramLabel = "DIR", description = "MERT-v1-95M folder: lets clients search with raw audio.")
    Path mert;

    @Option(names = "--host", defaultValue = "127.0.0.1", paramLabel = "ADDRESS",
            description = "Address to listen on (default: ${DEFAULT-VALUE}, this machine only).")
    String host;

    @Option(names = "--port", defaultValue = "8080", paramLabel = "PORT", converter = Ranges.AtLeastZero.class,
            description = "Port (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    int port;

    @Option(names = "--token", paramLabel = "TOKEN",
            description = "Require Authorization: Bearer TOKEN on every /api request (the page asks for it). Default: $CLAMP3_TOKEN.")
    String token;

    @Option(names = "--insecure", description = "Allow a non-loopback --host without a token.")
    boolean insecure;

    @Option(names = "--cors", paramLabel = "ORIGIN", description = "Let pages from ORIGIN call the API (default: no cross-origin calls).")
    String cors;

    @Option(names = "--max-upload", defaultValue = "50", paramLabel = "MB", converter = Ranges.AtLeastOne.class,
            description = "Largest request body in MB; larger ones get 413 (default: ${DEFAULT-VALUE}).")
    int maxUploadMb;

    @Option(names = "--queue", defaultValue = "256", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Queries waiting for the model at most; more get 503 with Retry-After (default: ${DEFAULT-VALUE}).")
    int queue;

    @Option(names = "--timeout", defaultValue = "30", paramLabel = "SECONDS", converter = Ranges.AtLeastOne.class,
            description = "How long a query may wait for the model (default: ${DEFAULT-VALUE}).")
    int timeoutSeconds;

    @Option(names = "--grace", defaultValue = "30", paramLabel = "SECONDS", converter = Ranges.AtLeastZero.class,
            description = "On SIGTERM, how long requests in flight may take to finish (default: ${DEFAULT-VALUE}).")
    int graceSeconds;

    @Mixin
    ThreadsOption threads = new ThreadsOption();

    @Mixin
    EngineOption engine = new EngineOption();

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        String secret = token != null ? token : System.getenv("CLAMP3_TOKEN");
        if (secret != null && secret.isBlank()) {
            throw new CommandLine.ParameterException(cl, "--token is empty");
        }
        if (!ServeConfig.isLoopback(host) && secret == null && !insecure) {
            throw new CommandLine.ParameterException(cl, "--host " + host + " lets other machines in: give --token TOKEN "
                    + "(or --insecure to serve without one)");
        }
        if (engine.given()) {
            engine.choice(cl); // a bad value is a usage error before anything is opened
        }
        threads.apply();
        ServeConfig config = new ServeConfig(index, model.resolve(), mert, host, port, secret, cors, (long) maxUploadMb << 20,
                queue, timeoutSeconds * 1000L, 5, 32, ServeConfig.DEFAULT_THREADS);
        if ((index == null) == !es.given()) {
            throw new CommandLine.ParameterException(cl, "give --index INDEX, or --es URL --es-index NAME (not both)");
        }
        SearchableIndex opened = index != null ? MusicIndex.open(index) : EsIndex.open(new EsClient(es.target(cl)));
        // queries are embedded as the index's vectors were, unless told otherwise (then a mismatch is refused)
        EngineChoice choice = engine.given() ? engine.choice(cl) : EngineChoice.parse(null, opened.meta().precision());
        int ortThreads = threads.threads == null ? 0 : threads.threads;
        Clamp3Server server = Clamp3Server.start(config, opened, m -> choice.open(m, ortThreads));
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            server.stop(graceSeconds);
            stopped.countDown();
        }, "clamp3-serve-shutdown"));
        PrintWriter out = cl.getOut();
        out.println("clamp3 serve: " + server.index().count() + " items of " + server.index().location() + " at " + server.url()
                + (secret != null ? " (token required)" : "") + "; Ctrl-C stops");
        out.flush();
        stopped.await();
        return ExitCodes.OK;
    }
}
