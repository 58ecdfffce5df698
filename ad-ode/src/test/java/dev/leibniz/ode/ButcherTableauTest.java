package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Every registered tableau against the Runge–Kutta order conditions (Butcher; Hairer, Nørsett &amp;
 * Wanner, Solving ODEs I, II.2, Table 2.2): a method has order p iff Σ_i b_i Φ_i(τ) = 1/γ(τ) for
 * every rooted tree τ with at most p nodes, with Φ the elementary weights and γ the density. The
 * oracle is the theory, not a second copy of the coefficients, so a mistyped digit fails here. The
 * same conditions with θ^|τ|/γ(τ) on the right check the dense output b(θ), and the embedded
 * weights b̂ = b − e must satisfy them up to the error order and no further.
 */
class ButcherTableauTest {
    /** Rounding of the published decimals (Tsitouras' tableau has 16 digits and coefficients up to ~90). */
    private static final double ROUNDING = 1e-12;

    /** A rooted tree: its number of nodes, its density γ, and its elementary weight vector Φ(τ) (before b). */
    record Tree(String shape, int order, int gamma, Function<ButcherTableau, double[]> phi) {
    }

    /** The 17 rooted trees with at most 5 nodes, written with c and A (c_i = Σ_j a_ij). */
    static final List<Tree> TREES = List.of(
            new Tree("1", 1, 1, t -> pow(t.c(), 0)),
            new Tree("c", 2, 2, t -> t.c()),
            new Tree("c^2", 3, 3, t -> pow(t.c(), 2)),
            new Tree("Ac", 3, 6, t -> mul(t, t.c())),
            new Tree("c^3", 4, 4, t -> pow(t.c(), 3)),
            new Tree("c.Ac", 4, 8, t -> times(t.c(), mul(t, t.c()))),
            new Tree("Ac^2", 4, 12, t -> mul(t, pow(t.c(), 2))),
            new Tree("AAc", 4, 24, t -> mul(t, mul(t, t.c()))),
            new Tree("c^4", 5, 5, t -> pow(t.c(), 4)),
            new Tree("c^2.Ac", 5, 10, t -> times(pow(t.c(), 2), mul(t, t.c()))),
            new Tree("c.Ac^2", 5, 15, t -> times(t.c(), mul(t, pow(t.c(), 2)))),
            new Tree("c.AAc", 5, 30, t -> times(t.c(), mul(t, mul(t, t.c())))),
            new Tree("(Ac)^2", 5, 20, t -> times(mul(t, t.c()), mul(t, t.c()))),
            new Tree("Ac^3", 5, 20, t -> mul(t, pow(t.c(), 3))),
            new Tree("A(c.Ac)", 5, 40, t -> mul(t, times(t.c(), mul(t, t.c())))),
            new Tree("AAc^2", 5, 60, t -> mul(t, mul(t, pow(t.c(), 2)))),
            new Tree("AAAc", 5, 120, t -> mul(t, mul(t, mul(t, t.c())))));

    static Stream<Method> explicitMethods() {
        return Stream.of(Method.values()).filter(Method::isExplicit);
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void solutionWeightsHaveExactlyTheClaimedOrder(Method m) {
        ButcherTableau t = m.tableau();
        assertEquals(m.order(), t.order(), "the method's order is the table's");
        assertHasOrder(t, t.b(), t.order(), "b");
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void embeddedWeightsHaveTheErrorOrder(Method m) {
        ButcherTableau t = m.tableau();
        if (!t.hasErrorEstimate()) {
            assertEquals(0, m.errorOrder());
            assertTrue(!m.isAdaptive(), m + " has no embedded pair, so it takes fixed steps");
            return;
        }
        assertTrue(m.isAdaptive());
        assertEquals(t.errorOrder(), m.errorOrder());
        assertHasOrder(t, t.embeddedWeights(), t.errorOrder(), "b̂ = b − e");
        double sum = 0;
        for (double e : t.errorWeights()) {
            sum += e;
        }
        assertEquals(0.0, sum, ROUNDING, "e = b − b̂ sums to 0: both are consistent");
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void rowsSumToTheNodes(Method m) {
        ButcherTableau t = m.tableau();
        for (int i = 0; i < t.stages(); i++) {
            double row = 0;
            for (double a : t.a()[i]) {
                row += a;
            }
            assertEquals(t.c()[i], row, ROUNDING, t.name() + " row " + i);
        }
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void denseOutputHasItsOrderAndEndsAtTheStep(Method m) {
        ButcherTableau t = m.tableau();
        if (!t.hasDenseOutput()) {
            return;
        }
        double[] w = new double[t.stages()];
        t.denseWeights(1.0, w);
        assertArrayEquals(t.b(), w, ROUNDING, "b(1) = b: the interpolant ends at the step's result");
        t.denseWeights(0.0, w);
        assertArrayEquals(new double[t.stages()], w, 0.0, "b(0) = 0: it starts at the step's start");
        for (double theta : new double[] {0.1, 0.37, 0.5, 0.81}) {
            t.denseWeights(theta, w);
            for (Tree tree : TREES) {
                double residual = residual(t, tree, w, Math.pow(theta, tree.order()));
                if (tree.order() <= t.denseOrder()) {
                    assertEquals(0.0, residual, ROUNDING, t.name() + " dense output at θ = " + theta + ", tree "
                            + tree.shape());
                }
            }
        }
        // and the claimed dense order is not an understatement at a generic θ
        t.denseWeights(0.37, w);
        double worst = 0;
        for (Tree tree : TREES) {
            if (tree.order() == t.denseOrder() + 1) {
                worst = Math.max(worst, Math.abs(residual(t, tree, w, Math.pow(0.37, tree.order()))));
            }
        }
        assertTrue(worst > 1e-6, t.name() + ": dense output of order " + t.denseOrder() + " exactly");
    }

    @Test
    void malformedTablesAreRefusedWithTheirName() {
        OdeException e = assertThrows(OdeException.class, () -> new ButcherTableau("bad", new double[] {0, 1},
                new double[][] {{}, {1, 0}}, new double[] {0.5, 0.5}, null, 2, 0, false, null, 0));
        assertTrue(e.getMessage().contains("'bad'") && e.getMessage().contains("row 1"), e.getMessage());
        OdeException fsal = assertThrows(OdeException.class, () -> new ButcherTableau("heun-fsal",
                new double[] {0, 1}, new double[][] {{}, {1}}, new double[] {0.5, 0.5}, null, 2, 0, true, null, 0));
        assertTrue(fsal.getMessage().contains("first-same-as-last"), fsal.getMessage());
        OdeException orders = assertThrows(OdeException.class, () -> new ButcherTableau("no-e", new double[] {0, 1},
                new double[][] {{}, {1}}, new double[] {0.5, 0.5}, null, 2, 1, false, null, 0));
        assertTrue(orders.getMessage().contains("errorOrder 1"), orders.getMessage());
    }

    /**
     * The weights satisfy every condition of order ≤ p and, when p &lt; 5 (the trees listed), violate
     * one of order p + 1: the order is neither overstated nor understated.
     */
    private static void assertHasOrder(ButcherTableau t, double[] weights, int p, String what) {
        double worstNext = 0;
        for (Tree tree : TREES) {
            double r = residual(t, tree, weights, 1.0);
            if (tree.order() <= p) {
                assertEquals(0.0, r, ROUNDING, t.name() + ": " + what + " fails the order condition of tree "
                        + tree.shape());
            } else if (tree.order() == p + 1) {
                worstNext = Math.max(worstNext, Math.abs(r));
            }
        }
        if (p < 5) {
            assertTrue(worstNext > 1e-6, t.name() + ": " + what + " also has order " + (p + 1));
        }
    }

    /** Σ_i w_i Φ_i(τ) − scale/γ(τ). */
    private static double residual(ButcherTableau t, Tree tree, double[] w, double scale) {
        double[] phi = tree.phi().apply(t);
        double s = 0;
        for (int i = 0; i < w.length; i++) {
            s += w[i] * phi[i];
        }
        return s - scale / tree.gamma();
    }

    private static double[] pow(double[] c, int k) {
        double[] out = new double[c.length];
        for (int i = 0; i < c.length; i++) {
            out[i] = Math.pow(c[i], k);
        }
        return out;
    }

    private static double[] times(double[] x, double[] y) {
        double[] out = new double[x.length];
        for (int i = 0; i < x.length; i++) {
            out[i] = x[i] * y[i];
        }
        return out;
    }

    /** A·v with A strictly lower triangular. */
    private static double[] mul(ButcherTableau t, double[] v) {
        double[] out = new double[v.length];
        for (int i = 0; i < v.length; i++) {
            double[] row = t.a()[i];
            for (int j = 0; j < row.length; j++) {
                out[i] += row[j] * v[j];
            }
        }
        return out;
    }
}
