package org.clamp3.cli.preprocess;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Path;

import org.clamp3.cli.Clamp3;

import picocli.CommandLine;

/** Runs {@code clamp3 preprocess midi2mtf|mtf2midi ...} in this JVM and captures what it prints. */
record MidiCli(int exitCode, String out, String err) {
    static final Path DATA = Path.of(System.getProperty("clamp3.testdata", "../src-test-data"), "symbolic");

    static MidiCli run(String... args) {
        CommandLine cl = Clamp3.newCommandLine();
        // the commands are reached the way users reach them; registered here too if the tree lacks them
        if (!cl.getSubcommands().containsKey("preprocess")) {
            cl.addSubcommand("preprocess", new CommandLine(new PreprocessCommand()));
        }
        CommandLine pre = cl.getSubcommands().get("preprocess");
        if (!pre.getSubcommands().containsKey("midi2mtf")) {
            pre.addSubcommand("midi2mtf", new Midi2MtfCommand());
        }
        if (!pre.getSubcommands().containsKey("mtf2midi")) {
            pre.addSubcommand("mtf2midi", new Mtf2MidiCommand());
        }
        // handlers set on the root reach subcommands added before the call
        cl.setExecutionExceptionHandler(cl.getExecutionExceptionHandler());
        cl.setParameterExceptionHandler(cl.getParameterExceptionHandler());
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        cl.setOut(new PrintWriter(out, true));
        cl.setErr(new PrintWriter(err, true));
        int code = cl.execute(args);
        return new MidiCli(code, out.toString(), err.toString());
    }

    java.util.List<String> errorLines() {
        return err.lines().filter(l -> l.startsWith("error: ")).toList();
    }

    @Override
    public String toString() {
        return "exit " + exitCode + "\n--- out\n" + out + "--- err\n" + err;
    }
}
