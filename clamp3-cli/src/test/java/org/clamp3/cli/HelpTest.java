package org.clamp3.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import picocli.CommandLine;

class HelpTest {

    /** Every command and subcommand answers --help with usage and at least one example. */
    @Test
    void everyCommandHasHelpWithAnExample() {
        List<String> paths = new ArrayList<>();
        collect(Clamp3.newCommandLine(), new ArrayList<>(), paths);
        assertTrue(paths.size() >= 7, paths.toString());
        for (String path : paths) {
            List<String> args = new ArrayList<>(List.of(path.split(" ")));
            args.removeIf(String::isEmpty);
            args.add("--help");
            CliRun run = CliRun.of(args.toArray(new String[0]));
            assertEquals(0, run.exitCode(), path + ": " + run);
            assertTrue(run.out().startsWith("Usage: clamp3"), path + ": " + run.out());
            assertTrue(run.out().contains("Example"), path + " has no example:\n" + run.out());
        }
    }

    private static void collect(CommandLine cl, List<String> prefix, List<String> out) {
        out.add(String.join(" ", prefix));
        for (var e : cl.getSubcommands().entrySet()) {
            if (e.getKey().equals("help")) {
                continue;
            }
            List<String> p = new ArrayList<>(prefix);
            p.add(e.getKey());
            collect(e.getValue(), p, out);
        }
    }

    @Test
    void versionNamesTheTool() {
        CliRun run = CliRun.of("--version");
        assertEquals(0, run.exitCode());
        assertTrue(run.out().startsWith("clamp3 "), run.out());
    }
}
