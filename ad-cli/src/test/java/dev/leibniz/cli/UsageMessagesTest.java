package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Usage and file errors read as words for the person at the terminal, not as parser internals. */
class UsageMessagesTest {
    static final String SIR = "../examples/sir.model";

    private static String error(String... args) {
        CliRun r = CliRun.of(args);
        assertEquals(2, r.exit(), r.err());
        assertTrue(r.out().isEmpty(), r.out());
        return r.err().strip();
    }

    @Test
    void misspeltCommand() {
        assertEquals("error: unknown command 'simulat' (did you mean 'simulate'?); the commands are fit, simulate, grad, "
                + "graph, jacobian, modes, report, fit-groups, profile, bootstrap, generate-groups, evaluate (see 'leibniz --help')", error("simulat", SIR));
        assertEquals("error: unknown command 'Grad' (did you mean 'grad'?); the commands are fit, simulate, grad, "
                + "graph, jacobian, modes, report, fit-groups, profile, bootstrap, generate-groups, evaluate (see 'leibniz --help')", error("Grad", "x"));
        String unknown = error("frobnicate");
        assertTrue(unknown.startsWith("error: unknown command 'frobnicate'; the commands are "), unknown);
    }

    @Test
    void extraArgument() {
        assertEquals("error: unexpected argument 'extra' after the command 'simulate' (see 'leibniz simulate --help')",
                error("simulate", SIR, "extra"));
    }

    @Test
    void unknownOptionKeepsPicocliWording() {
        assertEquals("error: Unknown option: '--bogus' (see 'leibniz simulate --help')", error("simulate", SIR, "--bogus"));
    }

    @Test
    void missingModelFile(@TempDir Path dir) {
        String e = error("simulate", dir.resolve("nope.model").toString());
        assertTrue(e.contains("nope.model:1:1: cannot read the model file: no such file (looked for "), e);
    }

    @Test
    void unwritableOutput(@TempDir Path dir) throws Exception {
        Path file = dir.resolve("plain.txt");
        Files.writeString(file, "x");
        String e = error("simulate", SIR, "--t1", "1", "--dt", "1", "--csv", file.resolve("out.csv").toString());
        assertTrue(e.startsWith("error: cannot read or write a file: " + file + ": "), e);
        assertTrue(!e.contains("Exception"), e);
    }

    @Test
    void tooFineAnOutputGridSaysSoInPlainNumbers() {
        assertEquals("error: --dt 0.00001 gives 10000000 output times (at most 1000000); use a larger --dt",
                error("simulate", SIR, "--t1", "100", "--dt", "0.00001"));
    }

    /** Found by CliFuzzProperties: a file name with a NUL character named the Java exception class. */
    @Test
    void anImpossibleFileNameGivesTheReasonWithoutTheExceptionClass() {
        assertEquals("error: Invalid value for positional parameter at index 0 (MODEL): cannot convert 'a\u0000b' to"
                + " interface java.nio.file.Path (Nul character not allowed: a\u0000b) (see 'leibniz simulate --help')",
                error("simulate", "a\u0000b"));
    }

    /** Found by CliFuzzProperties: an argument with a line break made the usage error two lines. */
    @Test
    void aLineBreakInAnArgumentKeepsTheErrorOnOneLine() {
        CliRun r = CliRun.of("--", "grad", "(\n(x)");
        assertEquals(2, r.exit());
        assertEquals(1, r.err().lines().count(), r.err());
        CliRun unknown = CliRun.of("grad", "x", "--a\nt");
        assertEquals(1, unknown.err().lines().count(), unknown.err());
    }
}
