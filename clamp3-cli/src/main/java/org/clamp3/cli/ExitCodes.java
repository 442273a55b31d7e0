package org.clamp3.cli;

/** What the clamp3 process tells the shell. */
public final class ExitCodes {
    /** Everything worked. */
    public static final int OK = 0;
    /** Some inputs failed (a batch went on past them) or the command could not do its work. */
    public static final int INPUT_FAILED = 1;
    /** The command line was wrong. */
    public static final int USAGE = 2;

    private ExitCodes() {}
}
