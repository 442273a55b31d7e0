package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.py.PyJson;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.es.EsClient;
import org.clamp3.index.es.EsPusher;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Copies an index's items to an Elasticsearch index. */
@Command(name = "push", mixinStandardHelpOptions = true,
        description = {
            "Push the items of INDEX to an Elasticsearch (8.x) index, for search by a cluster that shards and replicates them.",
            "Creates the Elasticsearch index when absent: a dense_vector of the index's dimension (HNSW with the index's m",
            "and ef_construction, cosine; int8_hnsw with --quantize int8), keyword key/modality/path, text title/artist,",
            "and the model's fingerprint in the mapping's _meta. Refuses an existing one of another model or dimension.",
            "Each item is the document with _id = its key: pushing again updates, never duplicates, and a push that",
            "stopped half-way finishes when run again. 429/503 answers are retried with backoff."
        },
        footer = {
            "",
            "Audio segments (index build --segments) are not pushed: the cluster answers item by item.",
            "",
            "Examples:",
            "  clamp3 index push music.idx --es http://127.0.0.1:9200 --es-index music",
            "  clamp3 index push music.idx --es https://es.example.org:9200 --es-index music --quantize int8 \\",
            "      --user clamp3 --password-file ~/.es-password",
            "  clamp3 search --text \"a calm piano piece\" --es http://127.0.0.1:9200 --es-index music --top-k 5"
        })
final class IndexPushCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INDEX", description = "Index folder (clamp3 index build).")
    Path index;

    @Mixin
    EsOptions es = new EsOptions();

    @Option(names = "--quantize", paramLabel = "none|int8",
            description = "How the cluster indexes the vectors: hnsw (none) or int8_hnsw (int8). Default: as INDEX, or as the existing"
                    + " Elasticsearch index.")
    String quantize;

    @Option(names = "--batch", defaultValue = "500", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "Items per bulk request (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--json", description = "Print a JSON summary.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        CommandLine cl = spec.commandLine();
        if (es.url == null && es.index == null) {
            throw new CommandLine.ParameterException(cl, "give --es URL --es-index NAME");
        }
        var target = es.target(cl);
        IndexSettings.Quantization q = null;
        if (quantize != null) {
            try {
                q = IndexSettings.Quantization.parse(quantize);
            } catch (IllegalArgumentException e) {
                throw new CommandLine.ParameterException(cl, "--quantize must be none or int8, not '" + quantize + "'");
            }
        }
        PrintWriter out = cl.getOut();
        PrintWriter err = cl.getErr();
        EsPusher.Report report;
        try (MusicIndex local = MusicIndex.open(index); EsClient client = new EsClient(target)) {
            ProgressBar[] bar = {null};
            try {
                report = new EsPusher(client, batch).push(local, q, new EsPusher.Listener() {
                    @Override
                    public void started(long items, boolean created, String vectorType) {
                        bar[0] = new ProgressBar(err, "push", items);
                    }

                    @Override
                    public void pushed(int n) {
                        bar[0].step(n);
                    }
                });
            } finally {
                if (bar[0] != null) {
                    bar[0].close();
                }
            }
        }
        if (json) {
            Map<String, Object> o = new LinkedHashMap<>();
            o.put("pushed", report.pushed());
            o.put("documents", report.documents());
            o.put("created", report.created());
            o.put("vector_type", report.vectorType());
            o.put("segments_left_out", report.segmentsLeftOut());
            o.put("retries", report.retries());
            o.put("target", target.describe());
            out.println(PyJson.dumps(o));
        } else {
            out.println("push: " + report.pushed() + " items of " + index + " to " + target.describe()
                    + (report.created() ? " (created, " : " (") + report.vectorType() + "); " + report.documents() + " documents there"
                    + (report.retries() > 0 ? "; " + report.retries() + " retries after 429/503" : ""));
            if (report.segmentsLeftOut() > 0) {
                err.println("note: " + report.segmentsLeftOut() + " audio segments of " + index + " were not pushed (items only)");
            }
        }
        out.flush();
        return ExitCodes.OK;
    }
}
