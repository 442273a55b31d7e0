package org.clamp3.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.clamp3.core.features.FeatureSet;
import org.clamp3.core.features.GlobalFeatures;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.Shard;
import org.clamp3.core.retrieval.Search;
import org.clamp3.core.retrieval.SearchHit;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** An index of a feature folder answers exactly as the folder search does, exact and through HNSW. */
class FeatureIndexParityTest {
    static final Path RETRIEVAL = Path.of(System.getProperty("clamp3.testdata", "../src-test-data")).resolve("retrieval");

    @TempDir
    Path tmp;

    static MusicIndex buildFeatureIndex(Path source, Path dir, IndexSettings settings) throws Exception {
        try (IndexUpdater u = IndexUpdater.open(dir, settings, null, null, source.toAbsolutePath().toString(), 2)) {
            IndexBuilder b = new IndexBuilder(source, u, java.util.Set.of("npy"), Shard.ALL, 2, f -> Map.of());
            IndexBuilder.Report r = b.run(b.plan(), () -> new FeatureEmbedder(null), BatchListener.NONE);
            assertEquals(0, r.failed(), r.line());
        }
        return MusicIndex.open(dir);
    }

    @ParameterizedTest
    @ValueSource(strings = {"search_refs", "w1/w2/refs", "w1/w2/queries", "cls/train", "cls/test"})
    void sameTopTenAsTheFolderSearch(String set) throws Exception {
        Path folder = RETRIEVAL.resolve(set);
        FeatureSet refs = FeatureSet.load(folder.toString(), e -> { throw e; });
        Search search = new Search(refs);
        List<float[]> queries = new ArrayList<>();
        for (Path q : java.nio.file.Files.list(RETRIEVAL.resolve("search_queries")).sorted().toList()) {
            queries.add(GlobalFeatures.read(q));
        }
        for (int i = 0; i < refs.size(); i += 17) {
            queries.add(refs.vector(i)); // a reference itself: its own key first
        }
        for (IndexSettings.Quantization q : IndexSettings.Quantization.values()) {
            IndexSettings settings = new IndexSettings(q, 16, 100, 0);
            try (MusicIndex index = buildFeatureIndex(folder, tmp.resolve(set.replace('/', '_') + "-" + q), settings)) {
                assertEquals(refs.size(), index.count());
                for (float[] query : queries) {
                    List<SearchHit> expected = search.top(query, 10);
                    for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                        // an ef of the whole set makes HNSW exhaustive on these small sets
                        List<IndexHit> got = index.search(query, new SearchRequest(10, null, mode, refs.size()));
                        assertSame(expected, got, set + " " + q + " " + mode);
                    }
                }
            }
        }
    }

    static void assertSame(List<SearchHit> expected, List<IndexHit> got, String what) {
        assertEquals(expected.size(), got.size(), what);
        for (int i = 0; i < expected.size(); i++) {
            assertEquals(expected.get(i).key(), got.get(i).key(), what + " rank " + (i + 1));
            assertEquals(expected.get(i).similarity(), got.get(i).similarity(), 1e-5, what + " rank " + (i + 1));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"search_refs"})
    void verifyPassesOnAFreshIndex(String set) throws Exception {
        Path dir = tmp.resolve("v");
        buildFeatureIndex(RETRIEVAL.resolve(set), dir, IndexSettings.DEFAULTS).close();
        List<String> problems = IndexVerifier.verify(dir);
        assertTrue(problems.isEmpty(), problems.toString());
        try (MusicIndex index = MusicIndex.open(dir)) {
            IndexInfo info = index.info();
            assertEquals(240, info.count());
            assertEquals(768, info.meta().dimension());
            assertTrue(info.vectorBytes().get("float32") >= 240L * 768 * 4, info.toString());
        }
    }

}
