package org.clamp3.serve;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;

import org.clamp3.core.model.Clamp3Model;
import org.clamp3.core.model.ModelInput;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Concurrent queries share forward passes and get the vectors they would get alone; a full queue refuses at once. */
class QueryEmbedderTest {
    static Clamp3Model model;

    @BeforeAll
    static void load() throws Exception {
        model = Clamp3Model.load(TestIndexes.MODEL);
    }

    @AfterAll
    static void close() {
        model.close();
    }

    static List<String> texts(int n) {
        List<String> t = new ArrayList<>();
        for (int i = 0; i < n; i++) {
            t.add("query number " + i + (i % 2 == 0 ? ": a calm piano piece" : ": ein schneller Marsch für Blechbläser mit Pauken"));
        }
        return t;
    }

    @Test
    void concurrentQueriesShareForwardPassesAndGetTheirOwnVectors() throws Exception {
        List<String> texts = texts(16);
        try (QueryEmbedder embedder = new QueryEmbedder(model, 64, 32, 200)) {
            ExecutorService pool = Executors.newFixedThreadPool(16);
            CountDownLatch go = new CountDownLatch(1);
            List<Future<float[]>> got = new ArrayList<>();
            for (String t : texts) {
                got.add(pool.submit(() -> {
                    go.await();
                    return embedder.embed(model.encode(new ModelInput.Text(t)), 60_000);
                }));
            }
            go.countDown();
            for (int i = 0; i < texts.size(); i++) {
                assertArrayEquals(model.embedText(texts.get(i)), got.get(i).get(), 2e-6f, texts.get(i));
            }
            pool.shutdown();
            assertEquals(16, embedder.queries());
            assertTrue(embedder.passes() < 16, embedder.passes() + " passes for 16 concurrent queries");
        }
    }

    @Test
    void aFullQueueRefusesAtOnce() throws Exception {
        try (QueryEmbedder embedder = new QueryEmbedder(model, 1, 1, 0)) {
            ExecutorService pool = Executors.newFixedThreadPool(64);
            CountDownLatch go = new CountDownLatch(1);
            AtomicInteger busy = new AtomicInteger();
            AtomicInteger answered = new AtomicInteger();
            List<Future<?>> all = new ArrayList<>();
            String longText = "a long description of a piece of music ".repeat(20);
            for (int i = 0; i < 64; i++) {
                all.add(pool.submit(() -> {
                    go.await();
                    try {
                        embedder.embed(model.encode(new ModelInput.Text(longText)), 60_000);
                        answered.incrementAndGet();
                    } catch (QueryEmbedder.BusyException e) {
                        busy.incrementAndGet();
                    }
                    return null;
                }));
            }
            go.countDown();
            for (Future<?> f : all) {
                f.get();
            }
            pool.shutdown();
            assertEquals(64, busy.get() + answered.get());
            assertTrue(busy.get() > 0, "no query was refused with a queue of 1");
            assertTrue(answered.get() > 0);
        }
    }
}
