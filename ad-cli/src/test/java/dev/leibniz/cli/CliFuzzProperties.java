package dev.leibniz.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.Stream;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.lifecycle.AfterProperty;
import net.jqwik.api.lifecycle.BeforeProperty;

/**
 * Issue 16, item 10: fuzzing as a habit. Each try builds, from its seed, a model file, a CSV
 * and a command line — valid ones, and mutations of them (characters dropped, duplicated,
 * replaced by invisible, out-of-range or separator characters; lines shuffled or dropped) —
 * runs the command in-process and checks what must hold for every input:
 *
 * <ul>
 *   <li>the exit status is 0, 1, 2 or 130;</li>
 *   <li>a failure prints exactly one line, starting with {@code error:}, no stack trace, and
 *       never calls itself an internal error;</li>
 *   <li>with {@code --json} a success prints one JSON document and a failure prints nothing on
 *       standard output;</li>
 *   <li>no temporary or half-written file is left, and a failed fit leaves no output directory;</li>
 *   <li>a command line gives the same exit status with and without {@code --json}.</li>
 * </ul>
 *
 * The seed is the property's parameter, so a failure reports the seed that reproduces it (and
 * jqwik its own seed for the whole run). The number of tries is jqwik's default, set in
 * src/test/resources/junit-platform.properties (a few hundred) and by the {@code fuzz} profile
 * (10⁴).
 */
class CliFuzzProperties {
    private Path dir;

    @BeforeProperty
    void scratch() throws IOException {
        dir = Files.createTempDirectory("leibniz-fuzz");
    }

    @AfterProperty
    void clean() throws IOException {
        OutputDirectory.deleteTree(dir);
    }

    private static final List<String> MODELS = List.of(
            "param k = 0.5 in [0, 10]\nstate x = 1\nder(x) = -k*x\n",
            "# logistic\nparam r = 0.8 in [0, inf]\nparam K = 10 in [1, 100]\nstate N = 1\nder(N) = r*N*(1 - N/K)\n"
                    + "output logN = log(N)\n",
            "param a = 1 in [0, 5]\nparam b = 0.2\nconst c = a*b\nstate x = 1\nstate y = 0\nder(x) = y\n"
                    + "der(y) = -a*x - c*y   # damped\nt0 = 0\n",
            "param alpha = 0.5 in [0, inf]\nparam beta = 0.025 in [0, inf]\nstate h = 30\nstate l = 4\n"
                    + "der(h) = alpha*h - beta*h*l\nder(l) = 0.02*h*l - 0.8*l\n");

    private static final List<String> NASTY = List.of("\u200B", "\u00A0", "\uFEFF", "\u0000", "1e999", "-", "(", ")",
            "#", ",", ";", "\r\n", "\r", "\n", "=", "e", "999", "NaN", "inf", "\"", "der(", "x", "^", "/0", "..", "é");

    /** A copy of {@code text} with a few random edits, or the text itself (a third of the time). */
    static String mutate(String text, Random rnd) {
        if (rnd.nextInt(3) == 0) {
            return text;
        }
        StringBuilder sb = new StringBuilder(text);
        int edits = 1 + rnd.nextInt(3);
        for (int e = 0; e < edits && sb.length() > 0; e++) {
            int at = rnd.nextInt(sb.length());
            switch (rnd.nextInt(5)) {
                case 0 -> sb.deleteCharAt(at);
                case 1 -> sb.insert(at, sb.charAt(at));
                case 2 -> sb.insert(at, NASTY.get(rnd.nextInt(NASTY.size())));
                case 3 -> sb.setCharAt(at, NASTY.get(rnd.nextInt(NASTY.size())).charAt(0));
                default -> {
                    List<String> lines = new ArrayList<>(List.of(sb.toString().split("\n", -1)));
                    if (rnd.nextBoolean()) {
                        Collections.shuffle(lines, rnd);
                    } else {
                        lines.remove(rnd.nextInt(lines.size()));
                    }
                    sb = new StringBuilder(String.join("\n", lines));
                }
            }
        }
        return sb.toString();
    }

    /** A CSV for the model's first state (named {@code column}), with a random flavour. */
    static String csv(String column, Random rnd) {
        String sep = rnd.nextInt(4) == 0 ? ";" : ",";
        StringBuilder sb = new StringBuilder(rnd.nextInt(5) == 0 ? "\uFEFF" : "");
        String eol = rnd.nextBoolean() ? "\n" : "\r\n";
        sb.append(rnd.nextBoolean() ? "t" : "time").append(sep).append(column).append(eol);
        int rows = 2 + rnd.nextInt(8);
        for (int r = 0; r < rows; r++) {
            String v = String.valueOf(Math.exp(-0.5 * r) * (1 + 0.05 * rnd.nextGaussian()));
            sb.append(r + 1).append(sep).append(sep.equals(";") ? v.replace('.', ',') : v).append(eol);
        }
        return sb.append(rnd.nextBoolean() ? eol : "").toString();
    }

    @Property
    void modelFilesAndDataNeverBreakTheTool(@ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        String base = MODELS.get(rnd.nextInt(MODELS.size()));
        String firstState = base.substring(base.indexOf("state ") + 6).split(" ")[0];
        Path model = dir.resolve("m" + Long.toHexString(seed) + ".model");
        Files.writeString(model, mutate(base, rnd), StandardCharsets.UTF_8);
        Path data = dir.resolve("d" + Long.toHexString(seed) + ".csv");
        Files.writeString(data, mutate(csv(firstState, rnd), rnd), StandardCharsets.UTF_8);
        Path out = dir.resolve("out" + Long.toHexString(seed));
        boolean json = rnd.nextBoolean();
        List<String> args = new ArrayList<>(switch (rnd.nextInt(4)) {
            case 0 -> List.of("simulate", model.toString(), "--t1", "5");
            case 1 -> List.of("jacobian", model.toString(), "--wrt", rnd.nextBoolean() ? "states" : "params");
            case 2 -> List.of("simulate", model.toString(), "--set", mutate("k=0.7", rnd), "--t1", "2");
            default -> new ArrayList<>(List.of("fit", model.toString(), "--data", data.toString(), "--max-iter", "3",
                    "--out", out.toString())) {
                {
                    if (rnd.nextInt(4) == 0) {
                        addAll(List.of("--delimiter", ";"));
                    }
                }
            };
        });
        if (json) {
            args.add("--json");
        }
        check(args, json, out);
    }

    private static final List<String> EXPRESSIONS = List.of("-x^2", "sin(x)*y", "sqrt(x)", "log(x)", "x/y", "-1",
            "-h*x", "exp(1000*x)", "(((x)))", "max(x, y)", "atan2(y, x)", "x^-2", "relu(-x)", "-(x)", "1e999*x", "x*");
    private static final List<String> VALUES = List.of("x=1", "x=-1", "x=0", "x=1e999", "x=-1e-999", "x=1,y=2", "x=",
            "y=-3,x=0.5", "x=NaN", "x=inf", "x=1,x=2", "=1", "x=1e308,y=1e308", "x=--1");

    @Property
    void commandLinesNeverBreakTheTool(@ForAll long seed) throws IOException {
        Random rnd = new Random(seed);
        List<String> args = new ArrayList<>();
        String expr = mutate(EXPRESSIONS.get(rnd.nextInt(EXPRESSIONS.size())), rnd);
        switch (rnd.nextInt(4)) {
            case 0 -> args.addAll(List.of("grad", expr));
            case 1 -> args.addAll(List.of("graph", expr));
            case 2 -> args.addAll(List.of("jacobian", "--expr", expr + "; " + mutate("x*y", rnd)));
            default -> args.addAll(List.of("modes", "--expr", expr));
        }
        List<String> extras = new ArrayList<>(List.of("--at", "--mode", "forward", "--jsno", "-", "--", "-1", "-x",
                "--format", "coo", "--sparsity", "--optimize", "--saved", "--wrt", "params", "-h", "--debug"));
        if (rnd.nextBoolean()) {
            args.addAll(List.of("--at", mutate(VALUES.get(rnd.nextInt(VALUES.size())), rnd)));
        }
        for (int k = rnd.nextInt(3); k > 0; k--) {
            args.add(rnd.nextInt(args.size() + 1), extras.get(rnd.nextInt(extras.size())));
        }
        args.removeIf("--debug"::equals); // a stack trace is what --debug asks for (it may be drawn twice)
        CliRun text = check(args, false, null);
        args.add(1, "--json"); // before a "--", after which it would be an argument
        CliRun withJson = check(args, true, null);
        if (!args.contains("-h")) {
            assertEquals(text.exit(), withJson.exit(), "text and JSON disagree: leibniz " + String.join(" ", args)
                    + "\ntext: " + text.out() + text.err() + "\njson: " + withJson.out() + withJson.err());
        }
    }

    private CliRun check(List<String> args, boolean json, Path out) throws IOException {
        CliRun r = CliRun.of(args.toArray(new String[0]));
        String what = "leibniz " + String.join(" ", args).replace("\n", "\\n") + "\nexit " + r.exit() + "\nout: " + r.out()
                + "\nerr: " + r.err();
        assertTrue(Set.of(0, 1, 2, 130).contains(r.exit()), what);
        assertFalse(r.err().contains("internal error"), what);
        assertFalse(r.err().contains("\tat ") || r.err().contains("Exception:"), "a stack trace: " + what);
        if (r.exit() != 0) {
            List<String> lines = r.err().lines().filter(l -> !l.isBlank()).toList();
            assertEquals(1, lines.size(), "one line: " + what);
            assertTrue(lines.get(0).startsWith("error: "), what);
            if (json) {
                assertEquals("", r.out(), what);
            }
            if (out != null && r.exit() != 130) {
                assertFalse(Files.exists(out), "a failed fit left its output directory: " + what);
            }
        } else if (json && !args.contains("-h")) {
            r.json();
        }
        try (Stream<Path> files = Files.walk(dir)) {
            List<Path> leftovers = files.filter(p -> p.getFileName().toString().contains(".writing-")
                    || p.getFileName().toString().endsWith(".part")).toList();
            assertEquals(List.of(), leftovers, what);
        }
        return r;
    }
}
