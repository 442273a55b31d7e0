package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The skip rule is the same for every command that mirrors a tree: a complete output is skipped,
 * an output cut short (as a killed writer leaves it) is redone, and --overwrite redoes a complete one.
 */
class SkipRuleTest {
    private static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"));

    @TempDir
    Path dir;

    static Stream<Arguments> commands() {
        Path model = DATA.resolve("model");
        Path mert = DATA.resolve("audio/model");
        return Stream.of(
                Arguments.of("extract", DATA.resolve("model/inputs/text_zh.txt"), "text_zh.npy", List.of("extract"),
                        List.of("--model", model.toString(), "--global")),
                Arguments.of("extract (raw MIDI)", DATA.resolve("symbolic/midifilets_song/input.mid"), "input.npy", List.of("extract"),
                        List.of("--model", model.toString())),
                Arguments.of("xml2abc", DATA.resolve("symbolic/ms_fugue_1_mxl/input.mxl"), "input.abc",
                        List.of("preprocess", "xml2abc"), List.of()),
                Arguments.of("interleave", DATA.resolve("symbolic/ms_fugue_1_mxl/xml2abc.abc"), "xml2abc.abc",
                        List.of("preprocess", "interleave"), List.of()),
                Arguments.of("midi2mtf", DATA.resolve("symbolic/midifilets_song/input.mid"), "input.mtf",
                        List.of("preprocess", "midi2mtf"), List.of()),
                Arguments.of("mtf2midi", DATA.resolve("symbolic/midifilets_song/mtf_m3.mtf"), "mtf_m3.mid",
                        List.of("preprocess", "mtf2midi"), List.of()),
                Arguments.of("symbolic", DATA.resolve("symbolic/ms_fugue_1_mxl/input.mxl"), "input.abc",
                        List.of("preprocess", "symbolic"), List.of()),
                Arguments.of("mert", DATA.resolve("audio/inputs/c05_chord_24k_mono_s16_5s.wav"), "c05_chord_24k_mono_s16_5s.npy",
                        List.of("preprocess", "mert"), List.of("--mert", mert.toString(), "--mean-features")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("commands")
    void completeSkippedTruncatedRedoneOverwriteRedoes(String name, Path input, String outputName, List<String> command,
                                                         List<String> options) throws IOException {
        Path in = Files.createDirectories(dir.resolve("in/sub"));
        Files.copy(input, in.resolve(input.getFileName()));
        Path out = dir.resolve("out");
        Path output = out.resolve("sub").resolve(outputName);

        CliRun first = run(command, dir.resolve("in"), out, options);
        assertEquals(0, first.exitCode(), first.toString());
        assertTrue(first.out().contains(": 1 written"), first.toString());
        byte[] complete = Files.readAllBytes(output);

        CliRun again = run(command, dir.resolve("in"), out, options);
        assertEquals(0, again.exitCode(), again.toString());
        assertTrue(again.out().contains(": 0 written") && again.out().contains("1 skipped"), again.toString());

        // what a writer killed half-way leaves behind
        Files.write(output, Arrays.copyOf(complete, complete.length / 2));
        CliRun redo = run(command, dir.resolve("in"), out, options);
        assertEquals(0, redo.exitCode(), redo.toString());
        assertTrue(redo.out().contains(": 1 written"), redo.toString());
        assertArrayEquals(complete, Files.readAllBytes(output), "the truncated output is written again in full");

        List<String> overwrite = new ArrayList<>(options);
        overwrite.add("--overwrite");
        CliRun forced = run(command, dir.resolve("in"), out, overwrite);
        assertEquals(0, forced.exitCode(), forced.toString());
        assertTrue(forced.out().contains(": 1 written"), forced.toString());
        assertArrayEquals(complete, Files.readAllBytes(output));
    }

    private CliRun run(List<String> command, Path in, Path out, List<String> options) {
        List<String> args = new ArrayList<>(command);
        args.add(in.toString());
        args.add(out.toString());
        args.addAll(options);
        args.add("--errors");
        args.add(dir.resolve("errors.jsonl").toString());
        return CliRun.of(args.toArray(new String[0]));
    }
}
