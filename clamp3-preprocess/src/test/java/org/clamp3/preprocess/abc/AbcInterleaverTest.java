package org.clamp3.preprocess.abc;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.stream.Collectors;

import org.clamp3.core.py.PyError;
import org.junit.jupiter.api.Test;

/** The interleaving rules on small tunes; expectations are what the original pipeline gives for them. */
class AbcInterleaverTest {

    private static String printed(List<PipelineMessage> messages) {
        return messages.stream().map(m -> m.printedFor("<INPUT>") + "\n").collect(Collectors.joining());
    }

    private static AbcInterleaveException failure(String abc) {
        return assertThrows(AbcInterleaveException.class, () -> AbcInterleaver.interleave(abc));
    }

    @Test
    void dropsTitleAndLyricsKeepsHeaderAndRotatesWithVoltas() {
        String abc = "X:1\nT:Title\nC:Comp\nZ:rights\n%%score { 1 | 2 }\nL:1/8\nQ:1/4=100\nM:4/4\nK:G\n"
                + "V:1 treble nm=\"Piano\"\nV:2 bass\n"
                + "V:1\n|:\"E7\" E2 z2 z4 |1 A8 :|2 B8 |]%3\nw: la la\n"
                + "V:2\n|: z8 |1 C,8 :|2 D,8 |]%3\n";
        InterleavedAbc result = AbcInterleaver.interleave(abc);
        assertEquals("%%score { 1 | 2 }\nL:1/8\nQ:1/4=100\nM:4/4\nK:G\nV:1 treble nm=\"Piano\"\nV:2 bass\n"
                + "[V:1]|:\"E7\" E2 z2 z4|1[V:2]|:z8|1\n"
                + "[V:1]A8:|2[V:2]C,8:|2\n"
                + "[V:1]B8|][V:2]D,8|]\n", result.text());
        assertEquals(List.of(), result.warnings());
    }

    @Test
    void cutsEmptyBarsAtBothEndsOverAllVoices() {
        String abc = "L:1/8\nK:C\nV:1\nV:2\nV:1\nz8 | z8 | \"^intro\" x8 | A8 | B8 | z8 | z8 |]\n"
                + "V:2\nz8 | [K:D] z8 | z8 | z8 | C8 | D8 | z8 |]\n";
        // an inline field counts as content at the start (it affects what follows), a text annotation does not
        assertEquals("L:1/8\nK:C\nV:1\nV:2\n[V:1]z8|[V:2][K:D] z8|\n[V:1]\"^intro\" x8|[V:2]z8|\n[V:1]A8|[V:2]z8|\n"
                + "[V:1]B8|[V:2]C8|\n[V:1]z8|][V:2]D8|]\n", AbcInterleaver.interleave(abc).text());
    }

    @Test
    void escapedQuotesGoUnlessAQuoteWithABarlineIsRemovedOnTheSameLine() {
        assertEquals("K:C\nV:1\n[V:1]A2 B2|\n[V:1]c4 d4|\n",
                AbcInterleaver.interleave("K:C\nV:1\nV:1\n\\\"A2 B2 | c4 d4 |\n").text());
        InterleavedAbc quirk = AbcInterleaver.interleave("K:C\nV:1\nV:1\n\"^a|b\" A2 \\\"x B2 | c4 \"Am\" d4 |\n");
        assertEquals("K:C\nV:1\n[V:1]A2 \\Am\" d4|\n", quirk.text());
        assertEquals("A2 \\Am\" d4 Invalid literal for Fraction: '2 \\\\'\n<INPUT> Unequal bar duration (unaligned)\n",
                printed(quirk.warnings()));
    }

    @Test
    void warnsAboutBarsOfUnequalLength() {
        String abc = "K:C\nV:1\nV:2\nV:1\nA2 B2 | (3ABc d2 | A>B c2 |]\nV:2\nA4 | A3 | A2 B |]\n";
        InterleavedAbc result = AbcInterleaver.interleave(abc);
        assertEquals("K:C\nV:1\nV:2\n[V:1]A2 B2|[V:2]A4|\n[V:1](3ABc d2|[V:2]A3|\n[V:1]A>B c2|][V:2]A2 B|]\n", result.text());
        assertEquals("Odd bar duration  V:2  bar  1\nOdd bar duration  V:2  bar  2\n<INPUT> Unequal bar duration (unaligned)\n",
                printed(result.warnings()));
    }

    @Test
    void failsWhereTheOriginalWritesNothing() {
        AbcInterleaveException noBody = failure("X:1\nK:C\nABc|\n");
        assertEquals("tunebody index not found.", noBody.getMessage());
        assertEquals("<INPUT> tunebody index not found.\n", printed(noBody.messages()));

        AbcInterleaveException unequal = failure("K:C\nV:1\nV:2\nV:1\nA | B | c |]\nV:2\nA | B |]\n");
        assertEquals("Unequal bar numbers.", unequal.getMessage());
        assertEquals("Unequal barlines.\nUnequal bar numbers.\n<INPUT> Failed to strip\n", printed(unequal.messages()));

        AbcInterleaveException empty = failure("K:C\nV:1\nV:1\nz4 | x4 |]\n");
        assertEquals("Empty piece.", empty.getMessage());
        assertEquals("Empty piece.\n<INPUT> Failed to strip\n", printed(empty.messages()));

        // a chord with a length inside: the original's duration check raises outside its guard
        AbcInterleaveException chord = failure("K:C\nV:1\nV:2\nV:1\n[C2E2] A | B |]\nV:2\nA | B |]\n");
        assertEquals("Illegal symbol in [] [C2E2]", chord.getMessage());

        AbcInterleaveException voiceWithoutMusic = failure("K:C\nV:1\nV:2\nV:1\nA | B |]\nV:2\n");
        assertEquals("Error in stripping empty bars: list index out of range", voiceWithoutMusic.getMessage());
    }

    @Test
    void emptyAndBlankInput() {
        assertEquals("tunebody index not found.", failure("").getMessage());
        assertEquals("tunebody index not found.", failure("\n \n\t\n").getMessage());
        assertEquals("Error in stripping empty bars: list index out of range", failure("V:1\n").getMessage());
    }

    /** repr() and int() themselves are tested in org.clamp3.core.py. */
    @Test
    void fractionParsingAsPython() {
        assertEquals("Fraction(7, 0)", assertThrows(PyError.class, () -> Fraction.parse("007/0")).getMessage());
        assertEquals("Invalid literal for Fraction: '3/ 2'", assertThrows(PyError.class, () -> Fraction.parse("3/ 2")).getMessage());
        assertEquals("3/2", Fraction.parse(" ٣/2 ").toString());
    }
}
