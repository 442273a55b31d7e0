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
import org.clamp3.core.retrieval.GroupScore;
import org.clamp3.core.retrieval.KeyPairing;
import org.clamp3.core.retrieval.PairwiseScore;
import org.clamp3.core.retrieval.ScoredPair;
import org.clamp3.core.util.JsonLines;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Similarity between paired queries and references, like inference/clamp3_score.py. */
@Command(name = "score", mixinStandardHelpOptions = true,
        description = {
            "Score queries against references by cosine similarity.",
            "Pairwise (default): each query is paired with the reference in the same relative folder",
            "whose name matches up to the first dot (q/en/x.1.npy and q/en/x.2.npy pair with r/en/x.npy);",
            "the pairs go to a JSONL file, highest similarity first, and the mean is printed.",
            "--group: cosine similarity of the mean query vector and the mean reference vector."
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 score generated/ originals/ --out pairs.jsonl",
            "  clamp3 score generated/ originals/ --group --json"
        })
final class ScoreCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Mixin
    PairedFolders folders;

    @Option(names = "--group", description = "Compare the mean query with the mean reference instead of pairs.")
    boolean group;

    @Option(names = {"-o", "--out"}, defaultValue = "pairwise_similarities.jsonl", paramLabel = "FILE.jsonl",
            description = "Pairwise results file (default: ${DEFAULT-VALUE}).")
    Path out;

    @Option(names = "--json", description = "Print a JSON summary instead of text.")
    boolean json;

    @Override
    public Integer call() throws Exception {
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        ErrorReport errors = new ErrorReport(stderr);
        PairedFolders.Loaded loaded = folders.load(stdout, errors, json);
        FeatureSet queries = loaded.queries();
        FeatureSet references = loaded.references();
        if (group) {
            double sim = GroupScore.of(queries, references);
            if (json) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("group_similarity", sim);
                rec.put("queries", queries.size());
                rec.put("references", references.size());
                stdout.println(PyJson.dumps(rec));
            } else {
                stdout.println("Total query features: " + queries.size());
                stdout.println("Total reference features: " + references.size());
                stdout.println("Group similarity: " + PyFloat.rounded(sim, 4));
            }
            stdout.flush();
            return errors.finish(folders.errorsOption.file);
        }

        KeyPairing pairing = folders.pair(loaded, stderr, errors);
        PairwiseScore score = PairwiseScore.of(pairing);
        List<Map<String, Object>> records = new ArrayList<>();
        for (ScoredPair p : score.pairs()) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("query", p.query());
            rec.put("reference", p.reference());
            rec.put("similarity", (double) p.similarity());
            records.add(rec);
        }
        JsonLines.write(out, records);
        if (json) {
            Map<String, Object> rec = new LinkedHashMap<>();
            rec.put("mean_similarity", score.mean());
            rec.put("pairs", score.pairs().size());
            stdout.println(PyJson.dumps(rec));
        } else {
            stdout.println("There are " + pairing.commonKeys().size() + " common keys between query and reference features.");
            stdout.println("Total query features: " + score.pairs().size());
            stdout.println("Total reference features: " + references.size());
            stdout.println("Avg. pairwise similarity: " + PyFloat.rounded(score.mean(), 4));
            stdout.println("Pairwise similarity scores saved in '" + out + "'.");
        }
        stdout.flush();
        return errors.finish(folders.errorsOption.file);
    }
}
