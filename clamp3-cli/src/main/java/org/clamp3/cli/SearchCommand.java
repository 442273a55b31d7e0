package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.model.WindowedInference;
import org.clamp3.core.py.PyFloat;
import org.clamp3.core.py.PyJson;
import org.clamp3.core.retrieval.Search;
import org.clamp3.preprocess.RawFormats;
import org.clamp3.core.retrieval.SearchHit;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** Top-k references by cosine similarity to one query, like inference/clamp3_search.py. */
@Command(name = "search", mixinStandardHelpOptions = true,
        description = "Rank the feature files of a folder by cosine similarity to a query feature.",
        footer = {
            "",
            "REFS is searched recursively; each result is keyed by its path below REFS without .npy.",
            "",
            "Example:",
            "  clamp3 search query.npy features/ --top-k 5",
            "  Top 5 results among 240 candidates:",
            "  item0000 0.4675",
            "  ...",
            "  clamp3 search --text \"a calm piano piece\" features/ --model models/clamp3-saas",
            "  clamp3 search tune.abc features/ --model models/clamp3-c2"
        })
final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", arity = "0..1",
            description = "Query: a global feature (.npy of shape (1, D)), or a .txt/.abc/.mtf file embedded with --model.")
    Path query;

    @Parameters(index = "1", paramLabel = "REFS", arity = "0..1", description = "Folder of reference features (.npy).")
    String refs;

    @Option(names = "--text", paramLabel = "TEXT", description = "Query text, embedded with the model (then give only REFS).")
    String text;

    @Mixin
    ModelOption model = new ModelOption();

    @Option(names = {"-k", "--top-k", "--top_k"}, defaultValue = "10", paramLabel = "K", converter = Ranges.AtLeastOne.class,
            description = "Number of results to show (default: ${DEFAULT-VALUE}).")
    int topK;

    @Option(names = "--json", description = "Print the results as JSON: [{\"key\": .., \"similarity\": ..}].")
    boolean json;

    @Mixin
    ErrorsFileOption errorsOption = new ErrorsFileOption();

    /** The query's global feature: read from a .npy, or computed by the model from text or a score. */
    private float[] queryVector() throws java.io.IOException {
        if (text == null && query.getFileName().toString().endsWith(".npy")) {
            return GlobalFeatures.read(query);
        }
        try (Clamp3Model m = Clamp3Model.load(model.resolve())) {
            if (text != null) {
                return m.embedText(text);
            }
            EncodedInput input = new FileEncoder(m, RawFormats.all(null)).encode(query);
            return new WindowedInference(m.encoder(input.modality()), m.manager(), 16, 8192)
                    .run(java.util.List.of(input), true).get(0);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (text != null && refs == null && query != null) {
            refs = query.toString(); // with --text the one positional argument is REFS
            query = null;
        }
        if ((text == null) == (query == null) || refs == null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give QUERY REFS, or --text TEXT REFS");
        }
        if (text != null && text.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--text is empty");
        }
        PrintWriter out = spec.commandLine().getOut();
        ErrorReport errors = new ErrorReport(spec.commandLine().getErr());
        float[] q = queryVector();
        FeatureSet references = FeatureSet.load(refs, errors::add);
        if (references.isEmpty()) {
            errors.finish(errorsOption.file);
            throw new InvalidInputException(Path.of(refs), "no usable .npy features in this folder");
        }
        if (references.dimension() != q.length) {
            // with --text there is no query file to name: the references are the file at fault then
            throw text != null
                    ? new InvalidInputException(Path.of(refs), "these features have dimension " + references.dimension()
                            + ", but the model embeds the query text with " + q.length)
                    : new InvalidInputException(query, "query has dimension " + q.length
                            + " but the references in " + refs + " have " + references.dimension());
        }
        Search search = new Search(references);
        List<SearchHit> hits = search.top(q, topK);
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (SearchHit h : hits) {
                Map<String, Object> rec = new LinkedHashMap<>();
                rec.put("key", h.key());
                rec.put("similarity", (double) h.similarity());
                list.add(rec);
            }
            out.println(PyJson.dumps(list));
        } else {
            out.println("Top " + hits.size() + " results among " + search.candidates() + " candidates:");
            for (SearchHit h : hits) {
                out.println(h.key() + " " + PyFloat.rounded(h.similarity(), 4));
            }
        }
        out.flush();
        return errors.finish(errorsOption.file);
    }
}
