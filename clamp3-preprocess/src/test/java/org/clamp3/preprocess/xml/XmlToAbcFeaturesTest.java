package org.clamp3.preprocess.xml;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Scores written for this project to exercise what the fixtures do not (percussion maps, nested tuplets,
 * part-groups, voltas, measure repeats, ottavas, pedals, jumps, lyrics with melismas and elisions,
 * Sibelius quirks, overlaps, credits used as titles, ...); each .abc next to them is the output of the
 * original xml2abc.py -d 8 -x.
 */
class XmlToAbcFeaturesTest {
    static final Path DIR = Path.of(System.getProperty("clamp3.testdata"), "symbolic", "xml2abc_features");

    static Stream<Path> scores() throws IOException {
        try (Stream<Path> s = Files.list(DIR)) {
            List<Path> all = s.filter(p -> p.toString().endsWith(".musicxml")).sorted().toList();
            assertFalse(all.isEmpty());
            return all.stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("scores")
    void reproducesTheOriginal(Path score) throws IOException {
        Path expected = Path.of(score.toString().replace(".musicxml", ".abc"));
        assertEquals(Files.readString(expected, StandardCharsets.UTF_8), XmlToAbc.convert(score));
    }
}
