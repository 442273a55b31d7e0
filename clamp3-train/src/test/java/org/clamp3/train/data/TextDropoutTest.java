package org.clamp3.train.data;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Random;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import org.junit.jupiter.api.Test;

/** Text dropout and remove_instrument_info against what the original produced (src-test-data/training/text_dropout.json). */
class TextDropoutTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));

    private static JsonNode fixture() throws IOException {
        return new ObjectMapper().readTree(DATA.resolve("training/text_dropout.json").toFile());
    }

    @Test
    void everyOutputIsMadeOfTheOriginalsCandidateLines() throws IOException {
        JsonNode f = fixture();
        String sep = f.get("sep_token").asText();
        for (JsonNode entry : f.get("items")) {
            JsonNode item = new ObjectMapper().readTree(entry.get("jsonl_line").asText());
            Set<String> allowed = new HashSet<>();
            for (String branch : new String[] {"translation", "all_fields"}) {
                entry.get(branch).get("candidate_lines_observed").forEach(n -> allowed.add(n.asText()));
                if (entry.get(branch).get("outputs_with_empty_piece").asInt() > 0) {
                    allowed.add(""); // a blank line inside a field, used when no line was kept
                }
            }
            Set<String> seen = new HashSet<>();
            Random random = new Random(1);
            for (int call = 0; call < 2000; call++) {
                String text = TextDropout.apply(item, random, sep);
                for (String piece : text.split(sep, -1)) {
                    assertTrue(allowed.contains(piece), item.get("id") + ": '" + piece + "' is not a candidate line");
                    seen.add(piece);
                }
            }
            Set<String> nonEmpty = new HashSet<>(allowed);
            nonEmpty.remove("");
            seen.remove("");
            assertEquals(nonEmpty, seen, item.get("id") + ": every candidate line shows up");
            assertEquals(entry.get("eval_text").asText(), TextDropout.evalText(item));
        }
    }

    @Test
    void removeInstrumentInfoMatchesExactly() throws IOException {
        for (JsonNode c : fixture().get("remove_instrument_info")) {
            assertEquals(c.get("output").asText(), InstrumentInfo.remove(c.get("input").asText()), c.get("input").asText());
        }
    }

    @Test
    void cropsAndMasksFollowTheOriginalsRules() {
        Random r = new Random(3);
        Set<Integer> starts = new HashSet<>();
        for (int i = 0; i < 300; i++) {
            starts.add(RandomCrop.start(10, 4, r, true));
            assertEquals(0, RandomCrop.start(10, 4, r, false));
        }
        assertTrue(starts.contains(0) && starts.contains(6) && starts.contains(1) && !starts.contains(7), starts.toString());
        int[][] target = new int[20][8];
        for (int[] p : target) {
            p[0] = 1;
            p[1] = 'a';
            p[2] = 'b';
            p[3] = 2;
        }
        PatchMasking.Masked m = PatchMasking.apply(target, 0.45, new Random(5), false);
        int selected = 0;
        for (boolean s : m.selected()) {
            selected += s ? 1 : 0;
        }
        assertEquals(9, selected); // ceil(0.45 * 20)
        assertTrue(java.util.Arrays.deepEquals(target, m.input()), "eval keeps the patches");
    }
}
