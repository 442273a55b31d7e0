package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * A numeric option out of its range is a usage error found while parsing: exit 2 and one line
 * naming the option and its range, before any input or model is touched. Every command here gets
 * inputs and a model folder that do not exist, so any work started would end in a different error.
 */
class OptionValidationTest {

    @TempDir
    static Path dir;

    private static String missing(String name) {
        return dir.resolve("missing").resolve(name).toString();
    }

    private static String[] extract(String... more) {
        return concat(List.of("extract", missing("in"), missing("out"), "--model", missing("model"), "--global"), more);
    }

    private static String[] search(String... more) {
        return concat(List.of("search", missing("q.abc"), missing("refs"), "--model", missing("model")), more);
    }

    private static String[] trainClamp3(String... more) {
        return concat(List.of("train", "clamp3", "--modality", "audio", "--train-jsonl", missing("train.jsonl"),
                "--model", missing("model"), "--out", missing("run")), more);
    }

    private static String[] trainM3(String... more) {
        return concat(List.of("train", "m3", "--train", missing("scores"), "--model", missing("model"), "--out", missing("run")), more);
    }

    private static String[] trainCheck(String... more) {
        return concat(List.of("train", "check", "--model", missing("model"), "--kind", "m3", "--batch", missing("batch")), more);
    }

    private static String[] classifyTrain(String... more) {
        return concat(List.of("classify", "train", "--train", missing("feats"), "-o", missing("probe.pth")), more);
    }

    private static String[] zeroShot(String... more) {
        return concat(List.of("classify", "zero-shot", missing("feats"), "--labels", missing("labels.txt"),
                "--model", missing("model")), more);
    }

    private static String[] concat(List<String> head, String... more) {
        List<String> all = new ArrayList<>(head);
        all.addAll(Arrays.asList(more));
        all.addAll(List.of("--errors", missing("errors.jsonl")));
        return all.toArray(new String[0]);
    }

    static Stream<Arguments> outOfRange() {
        String one = "must be at least 1, got ";
        String zero = "must be at least 0, got ";
        String fraction = "must be in [0, 1), got ";
        String rate = "must be a finite number above 0, got ";
        return Stream.of(
                // the acceptance commands of issue 10
                Arguments.of(extract("--batch-size", "0"), "--batch-size", one + "0"),
                Arguments.of(extract("--threads", "0"), "--threads", one + "0"),
                Arguments.of(search("--top-k", "0"), "--top-k", one + "0"),
                Arguments.of(trainClamp3("--batch-size", "0"), "--batch-size", one + "0"),
                Arguments.of(classifyTrain("--epochs", "0"), "--epochs", one + "0"),
                // the rest, one per option
                Arguments.of(concat(List.of("search", "--text", "a calm piano piece", missing("refs"), "--model", missing("model")), "-k", "-3"),
                        "--top-k", one + "-3"), // picocli names an option by its longest name
                Arguments.of(trainClamp3("--epochs", "0"), "--epochs", one + "0"),
                Arguments.of(trainClamp3("--lr", "0"), "--lr", rate + "0"),
                Arguments.of(trainClamp3("--lr", "NaN"), "--lr", rate + "NaN"),
                Arguments.of(trainClamp3("--warmup-steps", "-1"), "--warmup-steps", zero + "-1"),
                Arguments.of(trainClamp3("--max-steps", "-1"), "--max-steps", zero + "-1"),
                Arguments.of(trainClamp3("--save-every", "-5"), "--save-every", zero + "-5"),
                Arguments.of(trainClamp3("--checkpoint-every", "-1"), "--checkpoint-every", zero + "-1"),
                Arguments.of(trainClamp3("--eval-split", "1"), "--eval-split", fraction + "1"),
                Arguments.of(trainClamp3("--threads", "0"), "--threads", one + "0"),
                Arguments.of(trainM3("--batch-size", "0"), "--batch-size", one + "0"),
                Arguments.of(trainM3("--mask-ratio", "1.0"), "--mask-ratio", fraction + "1.0"),
                Arguments.of(trainM3("--mask-ratio", "-0.1"), "--mask-ratio", fraction + "-0.1"),
                Arguments.of(trainCheck("--steps", "0"), "--steps", one + "0"),
                Arguments.of(trainCheck("--warmup-steps", "-2"), "--warmup-steps", zero + "-2"),
                Arguments.of(trainCheck("--lr", "-1e-5"), "--lr", rate + "-1e-5"),
                Arguments.of(classifyTrain("--lr", "Infinity"), "--lr", rate + "Infinity"),
                Arguments.of(classifyTrain("--warmup-epochs", "-1"), "--warmup-epochs", zero + "-1"),
                Arguments.of(classifyTrain("--eval-split", "1.5"), "--eval-split", fraction + "1.5"),
                Arguments.of(zeroShot("--temperature", "0"), "--temperature", rate + "0"),
                Arguments.of(zeroShot("--top", "0"), "--top", one + "0"),
                Arguments.of(concat(List.of("preprocess", "mert", missing("wav"), missing("out"), "--mert", missing("mert")), "--batch-size", "0"),
                        "--batch-size", one + "0"),
                Arguments.of(concat(List.of("preprocess", "xml2abc", missing("xml"), missing("out")), "--threads", "0"),
                        "--threads", one + "0"));
    }

    @ParameterizedTest
    @MethodSource("outOfRange")
    void anOutOfRangeValueIsAUsageErrorBeforeAnyWork(String[] args, String option, String range) {
        CliRun run = CliRun.of(args);
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(List.of("error: Invalid value for option '" + option + "': " + range), run.errorLines(), run.toString());
        assertTrue(run.err().lines().allMatch(l -> l.startsWith("error: ") || l.startsWith("Try '")), run.toString());
        assertEquals("", run.out(), run.toString());
        assertFalse(Files.exists(dir.resolve("missing")), "nothing was created");
    }

    @Test
    void aValueThatIsNoNumberIsStillAUsageError() {
        CliRun run = CliRun.of(extract("--batch-size", "many"));
        assertEquals(ExitCodes.USAGE, run.exitCode(), run.toString());
        assertEquals(List.of("error: Invalid value for option '--batch-size': 'many' is not an int"), run.errorLines());
    }

    @Test
    void valuesAtTheEdgesOfTheirRangesAreAccepted() {
        // these get past parsing and fail on the missing model folder or input instead (exit 1)
        for (String[] args : List.of(trainM3("--mask-ratio", "0", "--warmup-steps", "0", "--save-every", "0",
                        "--checkpoint-every", "0", "--max-steps", "0", "--eval-split", "0", "--lr", "1e-300", "--batch-size", "1"),
                classifyTrain("--eval-split", "0.999", "--warmup-epochs", "0", "--epochs", "1"),
                extract("--batch-size", "1", "--threads", "1"))) {
            CliRun run = CliRun.of(args);
            assertEquals(ExitCodes.INPUT_FAILED, run.exitCode(), run.toString());
            assertEquals(1, run.errorLines().size(), run.toString());
            assertTrue(run.errorLines().get(0).contains(dir.resolve("missing").toString()), run.toString());
        }
    }

    /** A command with only the --workers mixin, the way extract and preprocess will have it. */
    @Command(name = "w")
    static final class WorkersCommand implements Runnable {
        @Mixin
        WorkersOption workers = new WorkersOption();

        @Override
        public void run() {
        }
    }

    @Test
    void workersIsAtLeastOneAndDefaultsToTheCores() {
        WorkersCommand cmd = new WorkersCommand();
        CommandLine cl = new CommandLine(cmd);
        java.io.StringWriter err = new java.io.StringWriter();
        cl.setErr(new java.io.PrintWriter(err, true));
        assertEquals(ExitCodes.USAGE, cl.execute("--workers", "0"));
        assertTrue(err.toString().startsWith("Invalid value for option '--workers': must be at least 1, got 0"), err.toString());

        assertEquals(0, cl.execute());
        assertEquals(Runtime.getRuntime().availableProcessors(), cmd.workers.count());
        assertEquals(0, cl.execute("--workers", "3"));
        assertEquals(3, cmd.workers.count());
    }
}
