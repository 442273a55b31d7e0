package org.clamp3.cli;

import java.io.PrintWriter;
import java.util.logging.Level;
import java.util.logging.Logger;

import org.clamp3.core.io.InvalidInputException;
import org.clamp3.core.model.kernel.EngineSetup;
import org.clamp3.core.model.kernel.KernelPlan;

import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ScopeType;

/** The {@code clamp3} command: one entry point for every CLaMP 3 tool. */
@Command(name = "clamp3",
        mixinStandardHelpOptions = true,
        versionProvider = VersionProvider.class,
        description = {
            "CLaMP 3 music information retrieval: text, sheet music, MIDI and audio in one embedding space.",
            ""
        },
        subcommands = {
            org.clamp3.cli.preprocess.PreprocessCommand.class,
            ExtractCommand.class,
            SearchCommand.class,
            IndexCommand.class,
            ServeCommand.class,
            ScoreCommand.class,
            EvalCommand.class,
            ClassifyCommand.class,
            ModelsCommand.class,
            DoctorCommand.class,
            org.clamp3.cli.train.TrainCommand.class,
            ExportCommand.class,
            CommandLine.HelpCommand.class
        },
        footer = {
            "",
            "Examples:",
            "  clamp3 extract descriptions/ features/ --global",
            "  clamp3 search query.npy features/ --top-k 5",
            "  clamp3 eval queries/ references/",
            "  clamp3 classify train --train train/ -o probe.pth",
            "",
            "Exit codes: 0 all good; 1 some inputs failed (the batch went on); 2 usage error."
        })
public final class Clamp3 implements Runnable {

    private static volatile boolean verbose;

    /**
     * JAudioTagger (audio tags, {@code preprocess tags}) logs every oddity of every file it reads at
     * INFO/WARNING; the commands report unusable files in their own one-line errors. Held here:
     * java.util.logging keeps loggers only weakly, and a collected one forgets its level.
     */
    private static final Logger JAUDIOTAGGER_LOG = Logger.getLogger("org.jaudiotagger");

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--verbose", scope = ScopeType.INHERIT,
            description = "Print stack traces for errors.")
    void setVerbose(boolean v) {
        verbose = v;
    }

    @Option(names = "--kernels", scope = ScopeType.INHERIT, paramLabel = "auto|matmul|conv",
            description = "How the model's linear layers run: auto (measured on this CPU once, see `clamp3 doctor`),"
                    + " matmul (libtorch linear) or conv (1x1 convolutions). Default: auto.")
    void setKernels(KernelPlan.Mode mode) {
        KernelPlan.select(mode);
    }

    @Option(names = "--max-input-bytes", scope = ScopeType.INHERIT, paramLabel = "SIZE", converter = ByteSize.class,
            description = "Refuse input files larger than SIZE (bytes, or with K, M, G) whatever their kind. Default by"
                    + " kind: .txt/.abc/.mtf and MIDI 64M, MusicXML/.mxl 256M, audio 1G, .npy 2G.")
    void setMaxInputBytes(long bytes) {
        org.clamp3.core.io.InputLimits.setMaxInputBytes(bytes);
    }

    /** A byte count: digits with an optional K, M or G (powers of 1024), at least 1. */
    static final class ByteSize implements CommandLine.ITypeConverter<Long> {
        @Override
        public Long convert(String value) {
            java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d{1,15})([KMG]?)B?", java.util.regex.Pattern.CASE_INSENSITIVE)
                    .matcher(value.strip());
            if (!m.matches()) {
                throw new CommandLine.TypeConversionException("expected a size such as 500M or 2G, got '" + value + "'");
            }
            long n = Long.parseLong(m.group(1));
            int shift = switch (m.group(2).toUpperCase(java.util.Locale.ROOT)) {
                case "K" -> 10;
                case "M" -> 20;
                case "G" -> 30;
                default -> 0;
            };
            if (n < 1 || n > Long.MAX_VALUE >> shift) {
                throw new CommandLine.TypeConversionException("must be at least 1 byte and at most 8 EiB, got '" + value + "'");
            }
            return n << shift;
        }
    }

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    public static void main(String[] args) {
        configureLogging();
        KernelPlan.onNotice(message -> System.err.println("clamp3: " + message));
        EngineSetup.configureThreads(ThreadsOption.scan(args));
        if (needsLibtorch(args)) {
            EngineSetup.preload(); // libtorch loads while picocli, the config and the weights' headers are read
        }
        System.exit(newCommandLine().execute(args));
    }

    /** Whether the command will run libtorch (not: help, version, the Java-only preprocess converters). */
    static boolean needsLibtorch(String[] args) {
        for (String a : args) {
            if (a.equals("--help") || a.equals("-h") || a.equals("--version") || a.equals("-V")) {
                return false;
            }
        }
        String first = args.length > 0 ? args[0] : "";
        if (first.equals("preprocess")) {
            return args.length > 1 && args[1].equals("mert");
        }
        return !first.isEmpty() && !first.equals("help");
    }

    /** The logging decisions of the {@code clamp3} application (libraries' own loggers; slf4j is set by the launcher). */
    static void configureLogging() {
        JAUDIOTAGGER_LOG.setLevel(Level.OFF);
    }

    /** The configured command line: errors become one-line messages and the documented exit codes. */
    public static CommandLine newCommandLine() {
        org.clamp3.core.io.InputLimits.setMaxInputBytes(0); // each command line starts from the defaults
        CommandLine cl = new CommandLine(new Clamp3());
        // descriptions are written in lines of up to about 110 characters: a wider help keeps them
        // whole when the terminal allows it (and when piped); an 80-column terminal still wraps
        cl.setUsageHelpWidth(120);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setUsageHelpAutoWidth(true);
        cl.setExecutionExceptionHandler(Clamp3::handleException);
        cl.setParameterExceptionHandler((ex, args) -> {
            PrintWriter err = ex.getCommandLine().getErr();
            err.println("error: " + ex.getMessage());
            err.println("Try '" + ex.getCommandLine().getCommandSpec().qualifiedName() + " --help' for usage.");
            err.flush();
            return ExitCodes.USAGE;
        });
        return cl;
    }

    private static int handleException(Exception ex, CommandLine cl, CommandLine.ParseResult parsed) {
        PrintWriter err = cl.getErr();
        boolean expected = ex instanceof InvalidInputException || ex instanceof org.clamp3.index.es.EsException;
        if (ex instanceof InvalidInputException invalid) {
            err.println("error: " + Hints.message(invalid));
        } else if (ex instanceof CommandLine.ParameterException) {
            err.println("error: " + ex.getMessage());
            err.flush();
            return ExitCodes.USAGE;
        } else {
            String msg = ex.getMessage();
            err.println("error: " + (msg == null ? ex.getClass().getSimpleName() : msg));
        }
        if (verbose) {
            ex.printStackTrace(err);
        } else if (!expected) {
            err.println("(run with --verbose for the stack trace)");
        }
        err.flush();
        return ExitCodes.INPUT_FAILED;
    }
}
