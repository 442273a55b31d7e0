package org.clamp3.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.clamp3.index.IndexVerifier;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** Checks an index; exit 1 when anything is wrong. */
@Command(name = "verify", mixinStandardHelpOptions = true,
        description = {
            "Check an index: every file's checksum (Lucene's CheckIndex), counts, that every vector is finite and",
            "unit-length, that every entry carries the index's model fingerprint, no key twice. Exit 1 naming each problem."
        },
        footer = {"", "Example:", "  clamp3 index verify music.idx"})
final class IndexVerifyCommand implements Callable<Integer> {

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Parameters(index = "0", paramLabel = "INDEX", description = "Index folder.")
    Path index;

    @Override
    public Integer call() {
        List<String> problems = IndexVerifier.verify(index);
        if (problems.isEmpty()) {
            PrintWriter out = spec.commandLine().getOut();
            out.println(index + ": ok");
            out.flush();
            return ExitCodes.OK;
        }
        PrintWriter err = spec.commandLine().getErr();
        for (String p : problems) {
            err.println("error: " + p);
        }
        err.println(index + ": " + problems.size() + " problem(s)");
        err.flush();
        return ExitCodes.INPUT_FAILED;
    }
}
