package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import java.io.PrintWriter;

/**
 * Turns an exception into one line on standard error and an exit status. Bad input (Leibniz's
 * own exceptions about files, expressions, names, shapes) gives status 2; a failure while
 * computing (a solver giving up, a non-finite value) gives status 1. Anything else is a bug in
 * Leibniz and is reported as such, with the stack trace only under {@code --debug}.
 */
final class Errors {
    private Errors() {
    }

    static int report(Exception ex, PrintWriter err, boolean debug) {
        Throwable t = ex;
        int code;
        String message;
        if (t instanceof LeibnizException || t instanceof ComputationFailedException) {
            code = isComputationFailure(t) ? ExitCode.COMPUTATION_FAILED : ExitCode.BAD_INPUT;
            message = t.getMessage();
        } else if (t instanceof java.io.IOException io) {
            code = ExitCode.BAD_INPUT;
            message = "cannot read or write a file: " + dev.leibniz.models.internal.IoMessages.describe(io);
        } else {
            code = ExitCode.COMPUTATION_FAILED;
            message = "internal error (" + t.getClass().getSimpleName() + ": " + t.getMessage()
                    + "); please report it, and rerun with --debug for details";
        }
        err.println("error: " + oneLine(message));
        if (debug) {
            t.printStackTrace(err);
        }
        err.flush();
        return code;
    }

    static boolean isComputationFailure(Throwable t) {
        return t instanceof ComputationFailedException
                || t instanceof LeibnizException e && e.isComputationFailure();
    }

    static boolean debugRequested(String[] args) {
        for (String a : args) {
            if ("--debug".equals(a)) {
                return true;
            }
        }
        return false;
    }

    /** The message on one line: an argument or a file's text quoted in it may hold line breaks. */
    static String oneLine(String s) {
        return s == null ? "(no message)" : s.replace("\r", "").replace('\n', ' ').strip();
    }
}
