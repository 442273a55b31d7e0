package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyJson;
import org.clamp3.core.retrieval.KeyPairing;
import org.clamp3.core.retrieval.QueryRank;
import org.clamp3.core.retrieval.RetrievalEval;
import org.clamp3.core.util.JsonLines;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Retrieval metrics (MRR, Hit@1/10/100), like inference/clamp3_eval.py. */
@Command(name = "eval", mixinStandardHelpOptions = true,
        description = {
            "Retrieval metrics (MRR, Hit@1/10/100) of queries against references.",
            "Each query ranks all references by cosine similarity; MRR and Hit@1/10/100 measure where its",
            "own reference (same relative folder, same name up to the first dot) comes.",
            "On equal similarity the query's own reference ranks first, as in the original."
        },
        footer = {
            "",
            "Example:",
            "  clamp3 eval text_features/ audio_features/ --ranks ranks.jsonl",
            "  MRR: 0.3396",
            "  Hit@1: 0.2639",
            "  ..."
        })
final class EvalCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PairedFolders folders;

    @Option(names = "--ranks", defaultValue = "retrieval_ranks.jsonl", paramLabel = "FILE.jsonl",
            description = "Each query's rank (default: ${DEFAULT-VALUE}).")
    Path ranksFile;

    @Option(names = "--json", description = "Print the metrics as JSON instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ErrorReport errors = new ErrorReport(stderr);
        PairedFolders.Loaded loaded = folders.load(stdout, errors, json);
        FeatureSet queries = loaded.queries();
        FeatureSet references = loaded.references();
        KeyPairing pairing = folders.pair(loaded, stderr, errors);
        RetrievalEval eval = RetrievalEval.of(pairing);
        List<Map<String, Object>> records = new ArrayList<>();
        for (QueryRank r : eval.ranks()) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("query", r.query());
            rec.put("reference", r.reference());
            rec.put("rank", r.rank());
            records.add(rec);
        }
        JsonLines.write(ranksFile, records);
        if (json) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("mrr", eval.mrr());
            rec.put("hit@1", eval.hitAt1());
            rec.put("hit@10", eval.hitAt10());
            rec.put("hit@100", eval.hitAt100());
            rec.put("queries", eval.queries());
            rec.put("references", references.size());
            stdout.println(PyJson.dumps(rec));
        } else {
            stdout.println("There are " + pairing.commonKeys().size() + " common keys between query and reference features.");
            stdout.println("Total query features: " + eval.queries());
            stdout.println("Total reference features: " + references.size());
            stdout.println("MRR: " + PyFloat.rounded(eval.mrr(), 4));
            stdout.println("Hit@1: " + PyFloat.rounded(eval.hitAt1(), 4));
            stdout.println("Hit@10: " + PyFloat.rounded(eval.hitAt10(), 4));
            stdout.println("Hit@100: " + PyFloat.rounded(eval.hitAt100(), 4));
            stdout.println("Rank details saved in '" + ranksFile + "'.");
        }
        stdout.flush();
        return errors.finish(folders.errorsOption.file);
    }
}
