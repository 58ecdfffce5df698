package dev.leibniz.cli;

/** Exit statuses of the {@code leibniz} command. */
public final class ExitCode {
    private ExitCode() {
    }

    /** The command did what was asked. */
    public static final int OK = 0;
    /** Something failed while computing (the solver gave up, a value became non-finite). */
    public static final int COMPUTATION_FAILED = 1;
    /** Bad input or usage: unknown flag, malformed model file, bad CSV, unknown name. */
    public static final int BAD_INPUT = 2;
}
