package org.clamp3.train.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.clamp3.core.io.InvalidInputException;
import org.clamp3.train.data.InstrumentInfo;
import org.clamp3.train.data.JsonlItems;
import org.clamp3.train.data.TextDropout;

/**
 * The training metadata JSONL as `train clamp3` reads it: the items, then the texts training
 * (text dropout) and evaluation make of each. Without {@code JAZZER_FUZZ} the seeds and crash
 * files in {@code TrainFuzzTestInputs/trainingJsonl/} are replayed. Only {@link InvalidInputException}
 * may escape, or be reported for a line, each with a one-line message.
 */
class TrainFuzzTest {
    private static final long MAX_MILLIS = 20_000;

    @FuzzTest
    void trainingJsonl(byte[] data) throws IOException {
        Path file = Scratch.DIR.resolve("fuzz.jsonl");
        Files.write(file, data);
        long start = System.nanoTime();
        List<InvalidInputException> problems = new ArrayList<>();
        try {
            for (JsonNode item : JsonlItems.read(file, problems::add)) {
                InstrumentInfo.remove(TextDropout.apply(item, new Random(1), "</s>"));
                InstrumentInfo.remove(TextDropout.apply(item, new Random(2), "\n"));
                TextDropout.evalText(item);
            }
        } catch (InvalidInputException e) {
            problems.add(e);
        }
        for (InvalidInputException e : problems) {
            if (e.getMessage().contains("\n")) {
                throw new AssertionError("message is not one line: " + e.getMessage());
            }
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        if (millis > MAX_MILLIS) {
            throw new AssertionError("one input took " + millis + " ms");
        }
    }

    private static final class Scratch {
        static final Path DIR;

        static {
            try {
                DIR = Files.createTempDirectory("clamp3-fuzz");
                DIR.toFile().deleteOnExit();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
