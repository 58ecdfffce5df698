package dev.leibniz.core.docs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The example of docs/concepts.md, section "Vectorized define-by-run", against an oracle that
 * is not the recorder: the closed-form gradient of the extended Rosenbrock function
 * f(x) = Σᵢ 100 (x₂ᵢ₊₁ − x₂ᵢ²)² + (1 − x₂ᵢ)², whose partials are
 * ∂f/∂x₂ᵢ = −400 x₂ᵢ (x₂ᵢ₊₁ − x₂ᵢ²) − 2 (1 − x₂ᵢ) and ∂f/∂x₂ᵢ₊₁ = 200 (x₂ᵢ₊₁ − x₂ᵢ²).
 * {@link ConceptsDocTest} checks that the page shows what the snippet prints; this test checks
 * that what it prints is right: the points are read from the snippet's code, so the oracle
 * follows the page if its values change.
 */
class VectorizedDocTest {
    private static final String SECTION = "## Vectorized define-by-run";
    private static final Pattern X_BLOCK = Pattern.compile("rec\\.parameter\\(\"x\", new double\\[\\] \\{([^}]*)\\}\\)");
    private static final Pattern UNUSED_BLOCK = Pattern.compile("rec\\.parameter\\(\"w\", new double\\[\\] \\{([^}]*)\\}\\)");
    private static final Pattern GRADIENT = Pattern.compile(
            "value = (\\S+), d/dx = (\\d+)x1 \\[([^]]*)\\], d/dw = (\\S+)");
    private static final Pattern FLAT = Pattern.compile("value = (\\S+), gradient = \\[([^]]*)\\]");

    @Test
    void theExamplePrintsTheClosedFormGradientAndLeavesTheUnreadBlockAbsent() throws Exception {
        Path page = Path.of("..", "docs", "concepts.md");
        DocSnippets.Snippet snippet = firstSnippetAfter(page, SECTION);
        List<double[]> points = blocks(X_BLOCK, snippet.code());
        List<double[]> unused = blocks(UNUSED_BLOCK, snippet.code());
        assertEquals(2, points.size(), "the example records x twice");
        assertEquals(2, unused.size(), "the example declares w in both recordings");

        String printed = DocSnippets.run(snippet);

        // first recording: gradient(f), a Gradient that tells absent from zero
        Matcher g = GRADIENT.matcher(printed);
        assertTrue(g.find(), "no 'value = …, d/dx = …, d/dw = …' line in:\n" + printed);
        double[] x = points.get(0);
        assertClose(rosenbrock(x), Double.parseDouble(g.group(1)), "f at the first point");
        assertEquals(x.length, Integer.parseInt(g.group(2)), "x is an n×1 column");
        assertArrayClose(rosenbrockGradient(x), numbers(g.group(3)), "∂f/∂x at the first point");
        assertEquals("absent", g.group(4), "w, which the loss never reads, has no gradient");

        // second recording: valueAndGradient into one flat array, x's elements then w's
        Matcher f = FLAT.matcher(printed);
        assertTrue(f.find(g.end()), "no 'value = …, gradient = […]' line in:\n" + printed);
        double[] y = points.get(1);
        assertClose(rosenbrock(y), Double.parseDouble(f.group(1)), "f at the second point");
        double[] flat = numbers(f.group(2));
        assertEquals(y.length + unused.get(1).length, flat.length, "one entry per parameter element");
        double[] expected = new double[flat.length];
        System.arraycopy(rosenbrockGradient(y), 0, expected, 0, y.length);   // w's entries stay 0
        assertArrayClose(expected, flat, "flat gradient at the second point");
    }

    static double rosenbrock(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            f += 100 * a * a + (1 - x[i]) * (1 - x[i]);
        }
        return f;
    }

    static double[] rosenbrockGradient(double[] x) {
        double[] g = new double[x.length];
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] = -400 * x[i] * a - 2 * (1 - x[i]);
            g[i + 1] = 200 * a;
        }
        return g;
    }

    private static void assertClose(double expected, double actual, String what) {
        assertEquals(expected, actual, 1e-12 * Math.max(1, Math.abs(expected)), what);
    }

    private static void assertArrayClose(double[] expected, double[] actual, String what) {
        assertEquals(expected.length, actual.length, what + ": length");
        for (int i = 0; i < expected.length; i++) {
            assertClose(expected[i], actual[i], what + ", element " + i);
        }
    }

    private static DocSnippets.Snippet firstSnippetAfter(Path page, String heading) throws Exception {
        List<String> lines = Files.readAllLines(page, StandardCharsets.UTF_8);
        int at = lines.indexOf(heading);
        assertTrue(at >= 0, page + " has no line '" + heading + "'");
        for (DocSnippets.Snippet s : DocSnippets.read(page)) {
            if (s.line() > at + 1) {
                return s;
            }
        }
        throw new AssertionError(page + " has no java snippet after '" + heading + "'");
    }

    private static List<double[]> blocks(Pattern p, String code) {
        List<double[]> out = new ArrayList<>();
        Matcher m = p.matcher(code);
        while (m.find()) {
            out.add(numbers(m.group(1)));
        }
        return out;
    }

    private static double[] numbers(String commaSeparated) {
        String[] parts = commaSeparated.split(",");
        double[] v = new double[parts.length];
        for (int i = 0; i < parts.length; i++) {
            v[i] = Double.parseDouble(parts[i].strip());
        }
        return v;
    }
}
