package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.EncodedInput;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.InputFormats;
import org.clamp3.index.IndexHit;
import org.clamp3.index.IndexMeta;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchRequest;
import org.clamp3.index.SearchableIndex;
import org.clamp3.index.es.EsClient;
import org.clamp3.index.es.EsException;
import org.clamp3.index.es.EsIndex;
import org.clamp3.onnx.EngineChoice;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;
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
        description = {
            "Rank the feature files of a folder, or the items of an index, by cosine similarity to a query.",
            "The query is a global feature (.npy), a raw file embedded with --model (text, ABC, MTF, MusicXML, MIDI,",
            "audio with --mert), or --text. With --es URL --es-index NAME (and no REFS) the collection pushed to",
            "Elasticsearch (clamp3 index push) answers, by a kNN query; results read as a local index's."
        },
        footer = {
            "",
            "A REFS folder is searched recursively; each result is keyed by its path below REFS without .npy.",
            "A REFS index (clamp3 index build) is searched through its HNSW graph with exact re-scoring, or by",
            "scanning every vector below " + SearchRequest.EXACT_BELOW + " vectors or with --exact; audio indexed with",
            "segments shows where the best segment lies (key 0.4123  @ 01:30-02:00).",
            "",
            "Example:",
            "  clamp3 search query.npy features/ --top-k 5",
            "  Top 5 results among 240 candidates:",
            "  item0000 0.4675",
            "  ...",
            "  clamp3 search --text \"a calm piano piece\" features/ --model models/clamp3-saas",
            "  clamp3 search tune.abc features/ --model models/clamp3-c2",
            "  clamp3 search --text \"ein ruhiges Klavierstück\" music.idx --modality audio --json",
            "  clamp3 search recording.mp3 music.idx --model models/clamp3-saas --mert models/mert-v1-95m",
            "  clamp3 search --text \"a calm piano piece\" --es http://127.0.0.1:9200 --es-index music --modality symbolic"
        })
final class SearchCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "QUERY", arity = "0..1",
            description = "Query: a global feature (.npy of shape (1, D)), or a .txt/.abc/.mtf file embedded with --model.")
    Path query;

    @Parameters(index = "1", paramLabel = "REFS", arity = "0..1",
            description = "Folder of reference features (.npy), or an index folder.")
    String refs;

    @Option(names = "--modality", paramLabel = "text|symbolic|audio", description = "With an index: only items of this modality.")
    String modality;

    @Option(names = "--exact", description = "With an index: score every vector (brute force) instead of the HNSW graph.")
    boolean exact;

    @Option(names = "--ef", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "With an index: HNSW candidates per query (default: the larger of top-k and " + SearchRequest.DEFAULT_EF + ").")
    Integer ef;

    @Mixin
    EsOptions es = new EsOptions();

    @Option(names = "--num-candidates", paramLabel = "N", converter = Ranges.AtLeastOne.class,
            description = "With --es: kNN candidates per shard (default: the larger of top-k and " + SearchRequest.DEFAULT_EF
                    + "; at most " + EsIndex.MAX_CANDIDATES + ").")
    Integer numCandidates;

    @Option(names = "--mert", paramLabel = "DIR", description = "MERT-v1-95M folder, to embed a raw audio query.")
    Path mertDir;

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

    /**
     * Whether the query is a global feature file, read as it is; else the model embeds it (text, a
     * score, or a .npy of MERT feature rows).
     */
    private boolean queryIsFeature() {
        if (text != null || !query.getFileName().toString().endsWith(".npy")) {
            return false;
        }
        if (queryIsGlobal == null) {
            // a model is needed for rows of features only when one was asked for; else say what is wrong with the file
            queryIsGlobal = model.dir == null || GlobalFeatures.isGlobal(query);
        }
        return queryIsGlobal;
    }

    private Boolean queryIsGlobal;

    /** The query's global feature: read from a .npy, or computed by the model from text or a file. */
    private float[] queryVector() throws java.io.IOException {
        return queryVector(IndexMeta.FP32);
    }

    /** As {@link #queryVector()}, a computed one in {@code precision} (an index's: int8 runs on ONNX Runtime). */
    private float[] queryVector(String precision) throws java.io.IOException {
        if (queryIsFeature()) {
            return GlobalFeatures.read(query);
        }
        try (MertModel mert = mertDir != null ? MertModel.load(mertDir) : null;
             Clamp3Model m = Clamp3Model.load(model.resolve())) {
            InputFormats formats = mert == null ? RawFormats.all(null) : RawFormats.all(null).replacing(RawFormats.audio(new MertFeatureExtractor(mert, 1)));
            EncodedInput input = text != null ? m.encodeText(text) : new FileEncoder(m, formats).encode(query);
            if (precision.equals(IndexMeta.FP32)) {
                return m.embed(input);
            }
            try (EngineChoice.Runner engine = EngineChoice.parse(null, precision).open(m, 0)) {
                RoundInference.Result r = engine.roundInference(ExtractionOptions.defaults(true)).run(List.of(input)).get(0);
                if (r.failure() != null) {
                    throw r.failure();
                }
                return r.features();
            }
        }
    }

    @Override
    public Integer call() throws Exception {
        if (es.given()) {
            if (refs != null || (text != null && query != null)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "with --es give QUERY or --text TEXT, and no REFS");
            }
            if (text == null && query == null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "give QUERY --es URL --es-index NAME, or --text TEXT --es ...");
            }
            if (exact || ef != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--exact and --ef apply to a local index; with --es use --num-candidates");
            }
        } else if (numCandidates != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--num-candidates applies with --es");
        }
        if (text != null && refs == null && query != null) {
            refs = query.toString(); // with --text the one positional argument is REFS
            query = null;
        }
        if ((text == null) == (query == null) || (refs == null && !es.given())) {
            throw new CommandLine.ParameterException(spec.commandLine(), "give QUERY REFS, or --text TEXT REFS");
        }
        if (text != null && text.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--text is empty");
        }
        if (modality != null && !java.util.Set.of("text", "symbolic", "audio", "unknown").contains(modality)) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--modality must be text, symbolic or audio, not '" + modality + "'");
        }
        if (es.given()) {
            var target = es.target(spec.commandLine());
            try (EsIndex index = EsIndex.open(new EsClient(target))) {
                int candidates = numCandidates != null ? Math.max(numCandidates, topK) : Math.max(topK, SearchRequest.DEFAULT_EF);
                return searchIndex(index, SearchRequest.Mode.AUTO, Math.min(candidates, EsIndex.MAX_CANDIDATES));
            }
        }
        if (MusicIndex.exists(Path.of(refs))) {
            try (MusicIndex index = MusicIndex.open(Path.of(refs))) {
                return searchIndex(index, exact ? SearchRequest.Mode.EXACT : SearchRequest.Mode.AUTO,
                        ef != null ? Math.max(ef, topK) : Math.max(topK, SearchRequest.DEFAULT_EF));
            }
        }
        if (modality != null || exact || ef != null) {
            throw new CommandLine.ParameterException(spec.commandLine(), refs + " is not an index: --modality, --exact and --ef apply to an index");
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

    /** A problem with the index searched: naming its folder, or the Elasticsearch index. */
    private static Exception problem(SearchableIndex index, String what) {
        return index instanceof MusicIndex local ? new InvalidInputException(local.dir(), what)
                : new EsException(index.location() + ": " + what);
    }

    private int searchIndex(SearchableIndex index, SearchRequest.Mode mode, int candidates) throws Exception {
        PrintWriter out = spec.commandLine().getOut();
        IndexMeta meta = index.meta();
        if (!queryIsFeature()) {
            String queryModel = Clamp3Model.fingerprint(model.resolve());
            if (meta.model() == null) {
                spec.commandLine().getErr().println("warning: " + index.location() + " records no model (feature files indexed without --model);"
                        + " cannot check that model " + queryModel + " made them");
            } else if (!meta.model().equals(queryModel)) {
                throw problem(index, "the index holds vectors of model " + meta.model() + ", the query would be embedded by model "
                        + queryModel + " (" + model.resolve() + "); give the --model the index was built with");
            }
        }
        float[] q = queryVector(meta.precision()); // embedded as the index's vectors were
        if (meta.items() > 0 && q.length != meta.dimension()) {
            String what = "the query has dimension " + q.length + ", the index's vectors have " + meta.dimension();
            throw text != null ? problem(index, what) : new InvalidInputException(query, what);
        }
        List<IndexHit> hits = index.search(q, new SearchRequest(topK, modality, mode, candidates));
        if (json) {
            List<Map<String, Object>> list = new ArrayList<>();
            for (IndexHit h : hits) {
                list.add(h.asJson());
            }
            out.println(PyJson.dumps(list));
        } else {
            out.println("Top " + hits.size() + " results among " + index.count() + " items"
                    + (modality != null ? " (" + modality + " only)" : "") + ":");
            for (IndexHit h : hits) {
                out.println(h.key() + " " + PyFloat.rounded(h.similarity(), 4)
                        + (h.hasSegment() ? "  @ " + clock(h.segmentStart()) + "\u2013" + clock(h.segmentEnd()) : ""));
            }
        }
        out.flush();
        return ExitCodes.OK;
    }

    /** Seconds as m:ss (or h:mm:ss). */
    static String clock(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format(java.util.Locale.ROOT, "%d:%02d:%02d", s / 3600, s / 60 % 60, s % 60)
                : String.format(java.util.Locale.ROOT, "%02d:%02d", s / 60, s % 60);
    }
}
