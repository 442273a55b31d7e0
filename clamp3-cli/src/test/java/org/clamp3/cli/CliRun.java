package org.clamp3.cli;

import java.io.PrintWriter;
import java.io.StringWriter;

/** Runs the clamp3 command line in this JVM and captures what it prints. */
record CliRun(int exitCode, String out, String err) {

    static CliRun of(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        picocli.CommandLine cl = Clamp3.newCommandLine();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new CliRun(code, out.toString(), err.toString());
    }

    /** The lines of stderr that report errors. */
    java.util.List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("error: ")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
