package org.clamp3.preprocess.abc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Unbalanced brackets and quotes, megabyte lines, inputs that make the original's quadratic steps
 * explode: each gives a result or an {@link AbcInterleaveException}, never a hang or a crash.
 * The timeouts only guard against hangs.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class AbcInterleaverHostileInputTest {
    private static final int MB = 1 << 20;
    private static final String HEAD = "X:1\nL:1/8\nM:4/4\nK:C\nV:1\nV:2\nV:1\n";

    private static String twoVoices(String voice1, String voice2) {
        return HEAD + voice1 + "\nV:2\n" + voice2 + "\n";
    }

    @Test
    void megabyteLineOfBars() {
        String bar = "abcd efga bcde fgab cdef gabc defg abcd efga bcde fgab cdef gabc defg abcd efga|";
        int bars = MB / bar.length();
        InterleavedAbc r = AbcInterleaver.interleave(twoVoices(bar.repeat(bars), "z64|".repeat(bars)));
        assertTrue(r.text().startsWith("L:1/8\nM:4/4\nK:C\nV:1\nV:2\n[V:1]abcd efga"));
        assertEquals(bars + 5, r.text().split("\n").length);
    }

    @Test
    void unbalancedQuoteOnAMegabyteLine() {
        InterleavedAbc r = AbcInterleaver.interleave(twoVoices("\"" + "abc ".repeat(MB / 4) + "|", "z8|"));
        assertTrue(r.text().endsWith("[V:2]z8|\n"));
    }

    @Test
    void unbalancedBracketsBracesAndDecorations() {
        for (String c : new String[] {"[", "{", "!", "(", ":", ">", "]", "}", "\""}) {
            String abc = twoVoices(c.repeat(MB) + "A|", "z8|");
            try {
                AbcInterleaver.interleave(abc);
            } catch (AbcInterleaveException e) {
                assertTrue(!e.getMessage().isEmpty(), c);
            }
        }
        assertEquals("Error in stripping empty bars: list index out of range",
                assertThrows(AbcInterleaveException.class, () -> AbcInterleaver.interleave(twoVoices(":".repeat(MB) + "|", "z8|")))
                        .getMessage());
    }

    @Test
    void quadraticRemovalsAreRefused() {
        AbcInterleaveException annotations = assertThrows(AbcInterleaveException.class,
                () -> AbcInterleaver.interleave(twoVoices("\"^a\"B".repeat(MB / 5) + "|", "z8|")));
        assertTrue(annotations.getMessage().startsWith("too complex to convert: "), annotations.getMessage());
        AbcInterleaveException quotedBarlines = assertThrows(AbcInterleaveException.class,
                () -> AbcInterleaver.interleave(twoVoices("\"a|b\"C".repeat(MB / 6) + "|", "z8|")));
        assertTrue(quotedBarlines.getMessage().startsWith("too complex to convert: "), quotedBarlines.getMessage());
    }

    @Test
    void deeplyChainedTupletsAreRefused() {
        AbcInterleaveException e = assertThrows(AbcInterleaveException.class,
                () -> AbcInterleaver.interleave(twoVoices("(1:1:2A".repeat(5_000) + "AA|", "z8|")));
        assertTrue(e.getMessage().startsWith("too complex to convert: tuplets"), e.getMessage());
    }

    @Test
    void hugeNumbersFailAsInPython() {
        InterleavedAbc r = AbcInterleaver.interleave(twoVoices("A" + "2".repeat(MB) + "|", "z8|"));
        assertTrue(r.warnings().get(0).text().endsWith(
                "Exceeds the limit (4300 digits) for integer string conversion: value has 1048576 digits; "
                        + "use sys.set_int_max_str_digits() to increase the limit"));
        InterleavedAbc tuplet = AbcInterleaver.interleave(twoVoices("(" + "9".repeat(4000) + ":1:1A|", "z8|"));
        assertEquals("Odd bar duration  V:2  bar  0", tuplet.warnings().get(0).text());
    }

    @Test
    void manyVoices() {
        StringBuilder abc = new StringBuilder("K:C\n");
        for (int v = 1; v <= 20_000; v++) {
            abc.append("V:").append(v).append("\nA|\n");
        }
        InterleavedAbc r = AbcInterleaver.interleave(abc.toString());
        assertTrue(r.text().startsWith("K:C\n[V:1]A|[V:2]A|"));
    }
}
