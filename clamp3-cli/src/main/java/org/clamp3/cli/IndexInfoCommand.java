package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.clamp3.core.py.PyJson;
import org.clamp3.index.IndexInfo;
import org.clamp3.index.IndexMeta;
import org.clamp3.index.MusicIndex;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Describes an index. */
@Command(name = "info", mixinStandardHelpOptions = true,
        description = "Describe an index: items per modality, segments, dimension, quantization, model fingerprints, HNSW parameters, size on disk.",
        footer = {
            "",
            "With --json: {\"count\": items (segments not counted), \"items\": {modality: n}, \"segments\": n, \"dimension\": d,",
            "  \"quantization\": \"none\"|\"int8\", \"model\": fingerprint|null, \"mert\": fingerprint|null, \"m\": .., \"ef_construction\": ..,",
            "  \"segment_seconds\": .., \"source\": path, \"disk_bytes\": .., \"vector_bytes\": {\"float32\": .., \"int8\": .., \"graph\": ..}}",
            "",
            "Example:",
            "  clamp3 index info music.idx --json"
        })
final class IndexInfoCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INDEX", description = "Index folder.")
    Path index;

    @Option(names = "--json", description = "Print a JSON object.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        IndexInfo info;
        try (MusicIndex idx = MusicIndex.open(index)) {
            info = idx.info();
        }
        IndexMeta meta = info.meta();
        PrintWriter out = spec.commandLine().getOut();
        if (json) {
            out.println(PyJson.dumps(info.asJson()));
        } else {
            out.println(index + ": " + info.count() + " items" + (info.segments() > 0 ? " + " + info.segments() + " segments" : ""));
            info.items().forEach((mod, n) -> out.println("  " + mod + ": " + n));
            out.println("dimension: " + meta.dimension());
            out.println("quantization: " + meta.settings().quantization().label());
            out.println("model: " + (meta.model() == null ? "unknown (feature files indexed without --model)" : meta.model()));
            out.println("precision: " + meta.precision());
            if (meta.mert() != null) {
                out.println("mert: " + meta.mert());
            }
            out.println("hnsw: m=" + meta.settings().m() + " ef_construction=" + meta.settings().efConstruction());
            if (meta.settings().segmentSeconds() > 0) {
                out.println("segments: " + meta.settings().segmentSeconds() + " s");
            }
            out.println("source: " + meta.source());
            out.println("size on disk: " + Sizes.human(info.diskBytes()) + " (vectors: float32 " + Sizes.human(info.vectorBytes().get("float32"))
                    + ", int8 " + Sizes.human(info.vectorBytes().get("int8")) + ", graph " + Sizes.human(info.vectorBytes().get("graph")) + ")");
        }
        out.flush();
        return ExitCodes.OK;
    }
}
