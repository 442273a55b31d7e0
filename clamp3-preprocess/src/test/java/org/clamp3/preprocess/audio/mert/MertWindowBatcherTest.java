package org.clamp3.preprocess.audio.mert;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.clamp3.preprocess.audio.AudioFixtures;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Windows of different files share forward passes and each file still gets its own features. */
class MertWindowBatcherTest {
    private static MertModel model;

    @BeforeAll
    static void load() throws IOException {
        model = MertModel.load(AudioFixtures.MODEL);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    /** Normalised noise of {@code seconds} at 24 kHz, different per seed. */
    private static float[] waveform(int seed, double seconds) {
        Random r = new Random(seed);
        float[] x = new float[(int) (seconds * 24_000)];
        for (int i = 0; i < x.length; i++) {
            x[i] = (float) r.nextGaussian();
        }
        return x;
    }

    private static float[][][] oneByOne(float[] waveform) {
        return new MertWindowBatcher(model, 1).hiddenStateMeans(waveform, AudioWindows.of(waveform.length, 24_000));
    }

    private static void assertClose(float[][][] expected, float[][][] actual) {
        assertEquals(expected.length, actual.length);
        for (int w = 0; w < expected.length; w++) {
            for (int s = 0; s < expected[w].length; s++) {
                assertTrue(AudioFixtures.maxAbsDiff(expected[w][s], actual[w][s]) < 1e-5, "window " + w + " state " + s);
            }
        }
    }

    @Test
    void windowsOfTwoFilesGoThroughOnePass() {
        float[] a = waveform(1, 10); // two full windows
        float[] b = waveform(2, 10);
        MertWindowBatcher batcher = new MertWindowBatcher(model, 4);
        MertWindowBatcher.Pending pa = batcher.submit(a, AudioWindows.of(a.length, 24_000));
        MertWindowBatcher.Pending pb = batcher.submit(b, AudioWindows.of(b.length, 24_000));
        float[][][] fa = batcher.await(pa);
        assertEquals(1, batcher.passes()); // a's call ran b's windows too
        float[][][] fb = batcher.await(pb);
        assertEquals(1, batcher.passes());
        assertClose(oneByOne(a), fa);
        assertClose(oneByOne(b), fb);
    }

    @Test
    void onlyEquallyLongWindowsShareAPass() {
        float[] a = waveform(3, 7); // 5 s + 2 s
        float[] b = waveform(4, 8); // 5 s + 3 s
        MertWindowBatcher batcher = new MertWindowBatcher(model, 8);
        MertWindowBatcher.Pending pa = batcher.submit(a, AudioWindows.of(a.length, 24_000));
        MertWindowBatcher.Pending pb = batcher.submit(b, AudioWindows.of(b.length, 24_000));
        float[][][] fb = batcher.await(pb);
        float[][][] fa = batcher.await(pa);
        assertEquals(3, batcher.passes()); // both 5 s windows together, each tail alone
        assertClose(oneByOne(a), fa);
        assertClose(oneByOne(b), fb);
    }

    @Test
    void concurrentCallersEachGetTheirOwnFeatures() throws Exception {
        List<float[]> files = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            files.add(waveform(10 + i, 5 + 2.5 * i));
        }
        MertWindowBatcher batcher = new MertWindowBatcher(model, 3);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Future<float[][][]>> results = new ArrayList<>();
            for (float[] f : files) {
                results.add(pool.submit(() -> batcher.hiddenStateMeans(f, AudioWindows.of(f.length, 24_000))));
            }
            for (int i = 0; i < files.size(); i++) {
                assertClose(oneByOne(files.get(i)), results.get(i).get());
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
