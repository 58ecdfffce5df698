package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Subgradients;

/** Assertions that two graphs compute the same function (values, gradients, interface). */
final class GraphComparison {
    private GraphComparison() {
    }

    static void assertSameInterface(Graph before, Graph after) {
        assertEquals(before.inputNames(), after.inputNames());
        assertEquals(before.outputNames(), after.outputNames());
    }

    /** Every output bit for bit ({@code doubleToLongBits}: all NaNs are equal). */
    static void assertSameValues(Graph before, Graph after, double[] x) {
        double[] a = before.evaluate(x);
        double[] b = after.evaluate(x);
        for (int j = 0; j < a.length; j++) {
            assertEquals(Double.doubleToLongBits(a[j]), Double.doubleToLongBits(b[j]),
                    "output " + j + " differs: " + a[j] + " vs " + b[j] + "\n" + before + after);
        }
    }

    /** Every gradient of every output bit for bit, and the same presence flags. */
    static void assertSameGradients(Graph before, Graph after, double[] x) {
        Program p = before.compile();
        Program q = after.compile();
        for (int j = 0; j < before.outputCount(); j++) {
            Gradient a = p.gradient(j, EvalOptions.DEFAULT, x);
            Gradient b = q.gradient(j, EvalOptions.DEFAULT, x);
            assertArrayEquals(a.presence(), b.presence());
            double[] ga = a.toArray();
            double[] gb = b.toArray();
            for (int k = 0; k < ga.length; k++) {
                assertEquals(Double.doubleToLongBits(ga[k]), Double.doubleToLongBits(gb[k]),
                        "gradient " + k + " of output " + j + ": " + ga[k] + " vs " + gb[k] + "\n" + before + after);
            }
        }
    }

    /**
     * Every gradient equal up to the rounding of re-associated adjoint sums. Both sweeps compute
     * ∂f/∂x as a sum over paths of products of local partials, in different orders; each is
     * within γ_{2n}·Σ|path products| of the exact sum (n = graph size bounds the path length),
     * so they differ by at most 4nε·B, where B = Σ|path products| is computed by a sweep with
     * absolute partials. Where B overflows the comparison is skipped (either order may
     * legitimately overflow first).
     */
    static void assertCloseGradients(Graph before, Graph after, double[] x) {
        Program p = before.compile();
        Program q = after.compile();
        for (int j = 0; j < before.outputCount(); j++) {
            Gradient a = p.gradient(j, EvalOptions.DEFAULT, x);
            Gradient b = q.gradient(j, EvalOptions.DEFAULT, x);
            assertArrayEquals(a.presence(), b.presence());
            double[] bound = absolutePathSums(before, j, x);
            for (int k = 0; k < bound.length; k++) {
                if (!(bound[k] < 1e300)) {
                    continue;
                }
                double tol = 4 * before.size() * Math.ulp(1.0) * bound[k];
                assertTrue(Math.abs(a.get(k) - b.get(k)) <= tol, "gradient " + k + " of output " + j + ": "
                        + a.get(k) + " vs " + b.get(k) + " (tolerance " + tol + ")\n" + before + after);
            }
        }
    }

    /** Σ over paths from each input to output j of Π |local partial|. */
    static double[] absolutePathSums(Graph g, int j, double[] x) {
        double[] v = g.compile().forward(EvalOptions.DEFAULT, x);
        double[] abs = new double[g.size()];
        abs[g.outputNode(j)] = 1.0;
        for (int i = g.size() - 1; i >= 0; i--) {
            int n = g.arity(i);
            if (abs[i] == 0 || n == 0) {
                continue;
            }
            double[] args = new double[n];
            for (int k = 0; k < n; k++) {
                args[k] = v[g.arg(i, k)];
            }
            for (int k = 0; k < n; k++) {
                double d = g.primitive(i).partial(k, args, n, v[i], g.param(i), Subgradients.DEFAULT);
                abs[g.arg(i, k)] += abs[i] * Math.abs(d);
            }
        }
        double[] out = new double[g.inputCount()];
        for (int k = 0; k < out.length; k++) {
            out[k] = abs[g.inputNode(k)];
        }
        return out;
    }
}
