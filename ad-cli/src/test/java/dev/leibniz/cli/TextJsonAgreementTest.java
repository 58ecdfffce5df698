package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Issue 16, item 5: every command gives the same verdict in text and in JSON. Each command line
 * below runs twice, with and without {@code --json}: the exit status is the same, a failure is
 * the same one {@code error:} line, and a success is one JSON document in the one mode and text
 * in the other. The rule they agree on (NonFinite): a non-finite value or derivative is a failed
 * computation, exit 1 — {@code grad "sqrt(x)" --at x=0} printed Infinity with exit 0 in text.
 */
class TextJsonAgreementTest {
    @TempDir
    static Path dir;

    static Stream<List<String>> commandLines() throws Exception {
        Path blowup = dir.resolve("blowup.model");
        Files.writeString(blowup, "param k = 1\nstate x = 1\nder(x) = k*x^2\n");
        Path huge = dir.resolve("huge.model");
        Files.writeString(huge, "param k = 1e999\nstate x = 1\nder(x) = -k*x\n");
        Path decay = dir.resolve("decay.model");
        Files.writeString(decay, "param k = 0.5 in [0, 10]\nstate x = 1\nder(x) = -k*x\n");
        Path data = dir.resolve("decay.csv");
        Files.writeString(data, "t,x\n1,0.61\n2,0.37\n3,0.22\n");
        Path badData = dir.resolve("bad.csv");
        Files.writeString(badData, "t,x\n1,0.61\n1,0.37\n");
        List<List<String>> lines = new ArrayList<>();
        // grad: finite, infinite derivative, infinite value, NaN, bad input
        lines.add(List.of("grad", "sin(x)*y", "--at", "x=1,y=2"));
        lines.add(List.of("grad", "sqrt(x)", "--at", "x=0"));
        lines.add(List.of("grad", "log(x)", "--at", "x=0"));
        lines.add(List.of("grad", "x/y", "--at", "x=0,y=0"));
        lines.add(List.of("grad", "cbrt(x) + acosh(x + 1)", "--at", "x=0"));
        lines.add(List.of("grad", "sin(", "--at", "x=0"));
        lines.add(List.of("grad", "-x^2", "--at", "x=1e999"));
        lines.add(List.of("grad", "x", "--mode", "forward", "--at", "x=2"));
        lines.add(List.of("grad", "sqrt(x)", "--mode", "forward", "--at", "x=0"));
        // graph
        lines.add(List.of("graph", "sqrt(x)*x"));
        lines.add(List.of("graph", "sqrt(x"));
        // jacobian
        lines.add(List.of("jacobian", "--expr", "x*y; y^2", "--at", "x=1,y=2"));
        lines.add(List.of("jacobian", "--expr", "sqrt(x); x*y", "--at", "x=0,y=1"));
        lines.add(List.of("jacobian", decay.toString(), "--wrt", "params"));
        lines.add(List.of("jacobian", huge.toString()));
        // modes
        lines.add(List.of("modes", "--expr", "x*y; y^2", "--at", "x=1,y=2"));
        // simulate: finite, blowing up, bad model
        lines.add(List.of("simulate", decay.toString(), "--t1", "2"));
        lines.add(List.of("simulate", blowup.toString(), "--t1", "2"));
        lines.add(List.of("simulate", huge.toString()));
        // fit: converging, bad data
        lines.add(List.of("fit", decay.toString(), "--data", data.toString(), "--out", dir.resolve("out").toString()));
        lines.add(List.of("fit", decay.toString(), "--data", badData.toString(), "--out", dir.resolve("o2").toString()));
        return lines.stream();
    }

    @ParameterizedTest
    @MethodSource("commandLines")
    void sameVerdictInTextAndJson(List<String> args) throws Exception {
        CliRun text = CliRun.of(args.toArray(new String[0]));
        List<String> withJson = new ArrayList<>(args);
        withJson.add("--json");
        CliRun json = CliRun.of(withJson.toArray(new String[0]));
        assertEquals(text.exit(), json.exit(), "exit status of " + args + "\ntext: " + text.out() + text.err()
                + "\njson: " + json.out() + json.err());
        if (text.exit() != 0) {
            assertEquals(text.err(), json.err(), "the error of " + args);
            assertEquals(1, text.err().lines().filter(l -> l.startsWith("error: ")).count(), text.err());
            assertEquals("", json.out(), "nothing on standard output with --json after an error");
        } else {
            json.json(); // one JSON document
            assertFalse(text.out().isBlank(), "text output of " + args);
        }
    }
}
