package org.clamp3.spark;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Stream;

import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SparkSession;
import org.clamp3.core.extract.ExtractionOptions;
import org.clamp3.core.extract.RoundInference;
import org.clamp3.core.io.Npy;
import org.clamp3.core.io.NpyArray;
import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.pipeline.BatchListener;
import org.clamp3.core.pipeline.FileEncoder;
import org.clamp3.core.pipeline.Shard;
import org.clamp3.core.retrieval.Cosine;
import org.clamp3.index.FeatureEmbedder;
import org.clamp3.index.IndexBuilder;
import org.clamp3.index.IndexHit;
import org.clamp3.index.IndexSettings;
import org.clamp3.index.IndexUpdater;
import org.clamp3.index.MusicIndex;
import org.clamp3.index.SearchRequest;
import org.clamp3.preprocess.RawFormats;
import org.clamp3.preprocess.audio.mert.MertFeatureExtractor;
import org.clamp3.preprocess.audio.mert.MertModel;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Spark job in local mode on the test model and inputs: the same vectors as extract, error rows
 * for broken files, one model load per executor JVM, the same .npy tree, and an imported index that
 * answers as an index of that tree.
 */
class ExtractJobTest {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));
    static final Path MODEL = DATA.resolve("model");

    @TempDir
    static Path tmp;

    static SparkSession spark;
    static Path in;
    static Path npyOut;
    static String parquet;
    static ExtractJob.Summary summary;
    static Map<String, Row> rows;
    static int loadsAfterTheJob;

    @BeforeAll
    static void runTheJob() throws Exception {
        in = tmp.resolve("in");
        Files.createDirectories(in);
        try (Stream<Path> files = Files.list(MODEL.resolve("inputs"))) {
            for (Path f : files.toList()) {
                Files.copy(f, in.resolve(f.getFileName()));
            }
        }
        Files.createDirectories(in.resolve("raw/midi"));
        Files.copy(DATA.resolve("symbolic/ms_fugue_1_mid/input.mid"), in.resolve("raw/midi/fugue 1.mid"));
        Files.copy(DATA.resolve("symbolic/ms_reunion_musicxml/input.musicxml"), in.resolve("raw/reunion.musicxml"));
        Files.write(in.resolve("raw/broken.mid"), "MThd\u0000\u0000\u0000\u0006junk junk junk".getBytes(StandardCharsets.ISO_8859_1));
        Files.writeString(in.resolve("raw/ignored.pdf"), "not a music file");

        spark = SparkSession.builder().master("local[2]").appName("clamp3-spark test")
                .config("spark.ui.enabled", "false")
                .config("spark.sql.shuffle.partitions", "2")
                .config("spark.driver.bindAddress", "127.0.0.1")
                .config("spark.driver.host", "localhost")
                .getOrCreate();
        npyOut = tmp.resolve("npy");
        parquet = tmp.resolve("out.parquet").toString();
        // 3 partitions over 2 task threads: the executor's tasks share one model
        summary = ExtractJob.run(spark, ExtractJob.Options.of(in.toString(), parquet, MODEL.toString())
                .withNpyOut(npyOut.toString()).withPartitions(3));
        loadsAfterTheJob = ExecutorModels.loads();
        rows = new TreeMap<>();
        for (Row r : spark.read().parquet(parquet).collectAsList()) {
            rows.put(r.getString(r.fieldIndex("key")), r);
        }
    }

    @AfterAll
    static void stop() {
        if (spark != null) {
            spark.stop();
        }
        ExecutorModels.closeAll();
    }

    @Test
    void everyFileIsARowAndEveryVectorIsExtracts() throws Exception {
        assertEquals(20, rows.size(), rows.keySet().toString()); // 17 inputs, MIDI, MusicXML, broken MIDI; not the .pdf
        assertEquals(new ExtractJob.Summary(20, 19, 1), summary);
        String fingerprint = Clamp3Model.fingerprint(MODEL);
        try (Clamp3Model model = Clamp3Model.load(MODEL)) {
            // as extract --global: the pipeline, then the batched inference, one file a round here
            FileEncoder encoder = new FileEncoder(model, RawFormats.all(null));
            RoundInference inference = new RoundInference(model, ExtractionOptions.defaults(true));
            for (Row r : rows.values()) {
                String key = r.getString(r.fieldIndex("key"));
                assertEquals(fingerprint, r.getString(r.fieldIndex("model_fingerprint")));
                if (key.equals("raw/broken")) {
                    continue;
                }
                assertNull(r.get(r.fieldIndex("error")), key);
                String path = r.getString(r.fieldIndex("path"));
                Path file = in.resolve(path.substring(path.indexOf(in.toString()) + in.toString().length() + 1));
                assertTrue(Files.isRegularFile(file), path);
                RoundInference.Result expected = inference.run(List.of(encoder.encode(file))).get(0);
                assertNull(expected.failure(), key);
                float[] got = vector(r);
                assertEquals(128, got.length, key);
                assertTrue(Cosine.similarity(expected.features(), got) >= 0.99999, key + ": cosine " + Cosine.similarity(expected.features(), got));
                String modality = key.startsWith("text") ? "text" : key.startsWith("audio") ? "audio" : "symbolic";
                assertEquals(modality, r.getString(r.fieldIndex("modality")), key);
            }
        }
        assertTrue(rows.containsKey("raw/midi/fugue 1"), "keys are relative paths without extension, '/'-separated");
        assertTrue(rows.containsKey("raw/reunion"));
    }

    @Test
    void aBrokenFileIsAnErrorRowNotAFailedJob() {
        Row broken = rows.get("raw/broken");
        assertNotNull(broken);
        String error = broken.getString(broken.fieldIndex("error"));
        assertNotNull(error);
        assertTrue(error.contains("broken.mid"), error);
        assertFalse(error.contains("clamp3-spark-"), "names the file, not its temporary copy: " + error);
        assertFalse(error.contains("\n"), error);
        assertTrue(broken.isNullAt(broken.fieldIndex("vector")));
    }

    @Test
    void theModelIsLoadedOncePerExecutorJvm() {
        assertEquals(1, loadsAfterTheJob); // local mode: one JVM, 3 partitions on 2 threads
    }

    @Test
    void npyOutIsTheTreeExtractWrites() throws Exception {
        Set<String> written = new TreeSet<>();
        try (Stream<Path> files = Files.walk(npyOut)) {
            files.filter(Files::isRegularFile).forEach(f -> written.add(npyOut.relativize(f).toString()));
        }
        Set<String> expected = new TreeSet<>();
        for (Row r : rows.values()) {
            if (r.isNullAt(r.fieldIndex("error"))) {
                expected.add(r.getString(r.fieldIndex("key")) + ".npy");
            }
        }
        assertEquals(expected, written);
        for (String f : written) {
            NpyArray a = Npy.read(npyOut.resolve(f));
            assertArrayEquals(new int[] {1, 128}, a.shape(), f);
            assertArrayEquals(vector(rows.get(f.substring(0, f.length() - 4))), a.floats(), f);
        }
    }

    @Test
    void aListOfPathsWorksLikeAFolder() throws Exception {
        Path list = in.resolve("list.txt.lst");
        Files.writeString(list, "# two files and a missing one\ntext_zh.txt\n\n" + in.resolve("raw/reunion.musicxml") + "\nmissing.abc\n");
        String out = tmp.resolve("list.parquet").toString();
        ExtractJob.Summary s = ExtractJob.run(spark, ExtractJob.Options.of(list.toString(), out, MODEL.toString()));
        assertEquals(new ExtractJob.Summary(3, 2, 1), s);
        for (Row r : spark.read().parquet(out).collectAsList()) {
            String key = r.getString(r.fieldIndex("key"));
            if (key.equals("missing")) {
                assertTrue(r.getString(r.fieldIndex("error")).contains("no such file"));
            } else {
                // other rounds: the same within the last bits, as between any two batched runs
                assertTrue(Cosine.similarity(vector(rows.get(key)), vector(r)) >= 0.99999, key);
            }
        }
        assertEquals(loadsAfterTheJob, ExecutorModels.loads(), "the next job on the same model loads nothing");
    }

    @Test
    void rawAudioGoesThroughMertAsInExtract() throws Exception {
        Path mertDir = DATA.getParent().resolve("demo/models/tiny-mert");
        Path audio = tmp.resolve("audio");
        Files.createDirectories(audio);
        for (String f : List.of("c01_chord_44k1_stereo_s16_3s.wav", "c12_chord_44k1_stereo_3s.mp3", "c06_short_44k1_stereo_s16_0p5s.wav")) {
            Files.copy(DATA.resolve("audio/inputs").resolve(f), audio.resolve(f));
        }
        String out = tmp.resolve("audio.parquet").toString();
        assertEquals(new ExtractJob.Summary(3, 2, 1), ExtractJob.run(spark,
                ExtractJob.Options.of(audio.toString(), out, MODEL.toString()).withMert(mertDir.toString())));
        try (Clamp3Model model = Clamp3Model.load(MODEL); MertModel mert = MertModel.load(mertDir)) {
            // extract's wiring: one MERT window per pass
            FileEncoder encoder = new FileEncoder(model, RawFormats.all(null).replacing(RawFormats.audio(new MertFeatureExtractor(mert, 1))));
            RoundInference inference = new RoundInference(model, ExtractionOptions.defaults(true));
            for (Row r : spark.read().parquet(out).collectAsList()) {
                String key = r.getString(r.fieldIndex("key"));
                if (key.startsWith("c06")) { // as extract: 0.5 s is too short for MERT
                    assertTrue(r.getString(r.fieldIndex("error")).contains("too short"), r.getString(r.fieldIndex("error")));
                    continue;
                }
                assertEquals("audio", r.getString(r.fieldIndex("modality")), key);
                assertEquals(MertModel.fingerprint(mertDir), r.getString(r.fieldIndex("mert_fingerprint")));
                String name = new org.apache.hadoop.fs.Path(r.getString(r.fieldIndex("path"))).getName();
                float[] expected = inference.run(List.of(encoder.encode(audio.resolve(name)))).get(0).features();
                assertTrue(Cosine.similarity(expected, vector(r)) >= 0.99999, key);
            }
        }
    }

    @Test
    void importGivesTheSearchOfAnIndexOfTheNpyTree() throws Exception {
        Path imported = tmp.resolve("imported.idx");
        ImportJob.Summary s = ImportJob.run(spark, parquet, imported, IndexSettings.DEFAULTS, 2);
        assertEquals(new ImportJob.Summary(19, 1, 19), s);
        Path fromNpy = tmp.resolve("npy.idx");
        try (IndexUpdater u = IndexUpdater.open(fromNpy, IndexSettings.DEFAULTS, null, null, npyOut.toString(), 2)) {
            IndexBuilder b = new IndexBuilder(npyOut, u, Set.of("npy"), Shard.ALL, 2, f -> Map.of());
            assertEquals(0, b.run(b.plan(), () -> new FeatureEmbedder(null), BatchListener.NONE).failed());
        }
        try (MusicIndex a = MusicIndex.open(imported); MusicIndex b = MusicIndex.open(fromNpy)) {
            assertEquals(Clamp3Model.fingerprint(MODEL), a.meta().model());
            List<String> queries = List.of("text_zh", "abc_simple", "audio_T126", "raw/midi/fugue 1", "raw/reunion");
            for (String q : queries) {
                float[] query = vector(rows.get(q));
                for (SearchRequest.Mode mode : SearchRequest.Mode.values()) {
                    List<IndexHit> x = a.search(query, new SearchRequest(10, null, mode, 100));
                    List<IndexHit> y = b.search(query, new SearchRequest(10, null, mode, 100));
                    assertEquals(10, x.size());
                    assertEquals(q, x.get(0).key());
                    for (int i = 0; i < 10; i++) {
                        assertEquals(y.get(i).key(), x.get(i).key(), q + " " + mode + " rank " + (i + 1));
                        assertEquals(y.get(i).similarity(), x.get(i).similarity(), 1e-6, q + " rank " + (i + 1));
                    }
                }
            }
            assertEquals("raw/midi/fugue 1.mid", a.search(vector(rows.get("raw/midi/fugue 1")),
                    new SearchRequest(1, null, SearchRequest.Mode.AUTO, 100)).get(0).path());
        }
    }

    @Test
    void anImportedIndexUpdatedFromTheTreeEmbedsOnlyWhatIsNotInIt() throws Exception {
        Path imported = tmp.resolve("update.idx");
        ImportJob.run(spark, parquet, imported, IndexSettings.DEFAULTS, 1);
        try (IndexUpdater u = IndexUpdater.open(imported, IndexSettings.DEFAULTS, Clamp3Model.fingerprint(MODEL), null, in.toString(), 1)) {
            IndexBuilder.Plan plan = new IndexBuilder(in, u, org.clamp3.index.ModelEmbedder.extensions(), Shard.ALL, 1, f -> Map.of()).plan();
            assertEquals(List.of("raw/broken.mid"), plan.embed().stream().map(t -> t.relative()).toList());
            assertEquals(19, plan.unchanged());
            assertEquals(List.of(), plan.removed());
        }
    }

    @Test
    void importRefusesRowsOfTwoModels() {
        float[] v = {1, 0};
        List<Row> mixed = new ArrayList<>();
        mixed.add(RowFactory.create("a", "file:/x/a.txt", "text", v, "model-1", null, null, 1L, 1L, "00"));
        mixed.add(RowFactory.create("b", "file:/x/b.txt", "text", v, "model-2", null, null, 1L, 1L, "00"));
        String out = tmp.resolve("mixed.parquet").toString();
        spark.createDataFrame(mixed, ExtractJob.SCHEMA).write().parquet(out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ImportJob.run(spark, out, tmp.resolve("mixed.idx"), IndexSettings.DEFAULTS, 1));
        assertTrue(e.getMessage().contains("more than one model"), e.getMessage());
    }

    static float[] vector(Row r) {
        List<Float> v = r.getList(r.fieldIndex("vector"));
        float[] out = new float[v.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = v.get(i);
        }
        return out;
    }
}
