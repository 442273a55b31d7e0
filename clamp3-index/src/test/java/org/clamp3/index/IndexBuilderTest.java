package org.clamp3.index;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.Shard;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The builder's plan: what is embedded, kept and removed; shards; failures; settings that cannot change. */
class IndexBuilderTest {
    @TempDir
    Path tmp;

    static void writeFeature(Path file, long seed) throws Exception {
        java.util.Random r = new java.util.Random(seed);
        float[] v = new float[8];
        for (int i = 0; i < v.length; i++) {
            v[i] = (float) r.nextGaussian();
        }
        Files.createDirectories(file.getParent());
        try (var out = Files.newOutputStream(file)) {
            Npy.write(out, NpyArray.ofFloats(v, 1, 8));
        }
    }

    IndexBuilder.Report build(Path src, Path idx, Shard shard, boolean embedderAllowed) throws Exception {
        try (IndexUpdater u = IndexUpdater.open(idx, IndexSettings.DEFAULTS, null, null, src.toString(), 1)) {
            IndexBuilder b = new IndexBuilder(src, u, Set.of("npy"), shard, 2, f -> Map.of());
            return b.run(b.plan(), () -> {
                if (!embedderAllowed) {
                    throw new AssertionError("the embedder (the model) was loaded although nothing changed");
                }
                return new FeatureEmbedder(null);
            }, BatchListener.NONE);
        }
    }

    @Test
    void nothingChangedLoadsNoModel() throws Exception {
        Path src = tmp.resolve("src");
        for (int i = 0; i < 5; i++) {
            writeFeature(src.resolve("a/f" + i + ".npy"), i);
        }
        Path idx = tmp.resolve("idx");
        assertEquals(5, build(src, idx, Shard.ALL, true).added());
        IndexBuilder.Report r = build(src, idx, Shard.ALL, false);
        assertEquals(List.of(0, 0, 0, 5), List.of(r.added(), r.updated(), r.removed(), r.unchanged()));
        // same bytes, new mtime: still nothing to embed
        Files.setLastModifiedTime(src.resolve("a/f1.npy"), java.nio.file.attribute.FileTime.fromMillis(1_000_000));
        r = build(src, idx, Shard.ALL, false);
        assertEquals(5, r.unchanged());
        r = build(src, idx, Shard.ALL, false);
        assertEquals(5, r.unchanged());
    }

    @Test
    void shardsCoverTheTreeOnceAndUpdateOnlyTheirOwnFiles() throws Exception {
        Path src = tmp.resolve("src");
        for (int i = 0; i < 40; i++) {
            writeFeature(src.resolve("d" + (i % 3) + "/f" + i + ".npy"), i);
        }
        Set<String> seen = new HashSet<>();
        int total = 0;
        for (int s = 0; s < 3; s++) {
            Path idx = tmp.resolve("idx" + s);
            IndexBuilder.Report r = build(src, idx, new Shard(s, 3), true);
            total += r.added();
            try (MusicIndex index = MusicIndex.open(idx)) {
                for (String k : index.storedFiles().keySet()) {
                    assertTrue(seen.add(k), k + " in two shards");
                }
            }
            // a file of another shard removed: this shard's index is unchanged
            IndexBuilder.Report again = build(src, idx, new Shard(s, 3), false);
            assertEquals(0, again.removed());
        }
        assertEquals(40, total);
        assertEquals(40, seen.size());
    }

    @Test
    void aBadFileIsReportedAndItsStaleEntryRemoved() throws Exception {
        Path src = tmp.resolve("src");
        writeFeature(src.resolve("good.npy"), 1);
        writeFeature(src.resolve("bad.npy"), 2);
        Path idx = tmp.resolve("idx");
        assertEquals(2, build(src, idx, Shard.ALL, true).added());
        Files.writeString(src.resolve("bad.npy"), "not a numpy file");
        List<InvalidInputException> errors = new ArrayList<>();
        try (IndexUpdater u = IndexUpdater.open(idx, IndexSettings.DEFAULTS, null, null, src.toString(), 1)) {
            IndexBuilder b = new IndexBuilder(src, u, Set.of("npy"), Shard.ALL, 1, f -> Map.of());
            IndexBuilder.Report r = b.run(b.plan(), () -> new FeatureEmbedder(null), (task, outcome, error) -> {
                if (error != null) {
                    errors.add(error);
                }
            });
            assertEquals(1, r.failed());
            assertEquals(1, r.items());
        }
        assertEquals(1, errors.size());
        assertTrue(errors.get(0).getMessage().contains("bad.npy"), errors.get(0).getMessage());
        assertTrue(IndexVerifier.verify(idx).isEmpty());
    }

    @Test
    void settingsAndModelsCannotChangeOnAnExistingIndex() throws Exception {
        Path src = tmp.resolve("src");
        writeFeature(src.resolve("x.npy"), 1);
        Path idx = tmp.resolve("idx");
        build(src, idx, Shard.ALL, true);
        InvalidInputException e = assertThrows(InvalidInputException.class, () ->
                IndexUpdater.open(idx, new IndexSettings(IndexSettings.Quantization.INT8, 16, 100, 0), null, null, null, 1));
        assertTrue(e.getMessage().contains("--quantize none"), e.getMessage());
        e = assertThrows(InvalidInputException.class, () -> IndexUpdater.open(idx, IndexSettings.DEFAULTS, "0123456789abcdef", null, null, 1));
        assertTrue(e.getMessage().contains("mixing models is refused"), e.getMessage());
    }

    @Test
    void segmentsCollapseToTheBestOnePerItem() throws Exception {
        Path idx = tmp.resolve("idx");
        try (IndexUpdater u = IndexUpdater.open(idx, new IndexSettings(IndexSettings.Quantization.NONE, 16, 100, 30), "fp", null, null, 1)) {
            float[] track = {1, 0, 0, 0};
            List<Segment> segs = List.of(new Segment(0, 30, new float[] {0, 1, 0, 0}), new Segment(30, 60, new float[] {0.1f, 0, 1, 0}),
                    new Segment(60, 75, new float[] {0, 0, 0, 1}));
            u.put(new IndexEntry("song", "audio", "song.wav", 1, 1, "h", Map.of("title", "Song"), "fp", track, segs));
            u.put(new IndexEntry("other", "audio", "other.wav", 1, 1, "h2", Map.of(), "fp", new float[] {0, 0.5f, 0.5f, 0}, List.of()));
            u.commit();
        }
        try (MusicIndex index = MusicIndex.open(idx)) {
            assertEquals(2, index.count());
            for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                List<IndexHit> hits = index.search(new float[] {0, 0, 1, 0}, new SearchRequest(5, null, mode, 10));
                assertEquals(2, hits.size(), mode.toString());
                assertEquals("song", hits.get(0).key());
                assertEquals(30, hits.get(0).segmentStart());
                assertEquals(60, hits.get(0).segmentEnd());
                assertEquals("Song", hits.get(0).metadata().get("title"));
                assertEquals("other", hits.get(1).key());
                assertTrue(!hits.get(1).hasSegment());
            }
            assertEquals(3, index.entry("song").orElseThrow().segments().size());
        }
        assertTrue(IndexVerifier.verify(idx).isEmpty(), IndexVerifier.verify(idx).toString());
    }
}
