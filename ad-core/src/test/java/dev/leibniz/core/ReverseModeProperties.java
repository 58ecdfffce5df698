package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.RandomExpressions.Expression;
import java.util.SplittableRandom;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.statistics.Statistics;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * The reverse mode on random expression graphs ({@link RandomExpressions}) against two
 * independent oracles: Hipparchus {@link DerivativeStructure} (forward-mode Taylor arithmetic,
 * exact up to rounding) and central finite differences.
 *
 * <p>Tolerances. Leibniz and Hipparchus evaluate the same formulas with differently ordered
 * roundings (and {@code FastMath} against {@code Math}), so they agree up to a few ulps of the
 * largest magnitude the computation passes through, S ≤ {@link RandomExpressions#BOUND}: the
 * comparisons use 1e-12·max(1, S). Finite differences with h = 1e-5·max(1, |x|) have truncation
 * error at most h²/6·S ≈ 7e-9 and rounding error about 40 nodes·ε·S/h ≈ 1e-7, so 1e-6 relative
 * (or absolute below 1) holds. Measured over 3000 expressions: Hipparchus agreement within
 * 1.4e-15·S for gradients, finite differences within 3.6e-9.
 *
 * <p>Second derivatives pass through more than the node values: the reverse sweep's adjoints
 * ∂f/∂vₖ and their own adjoints, which S does not bound (an adjoint can be large where the
 * output depends on a node only through a cancellation, as in softmaxCrossEntropy(a, a) = log 2).
 * Their comparisons therefore use 1e-12·max(1, S, S₂), S₂ being the largest magnitude of any
 * value of the reverse-over-reverse graphs ({@link #secondOrderScale}). Measured over 100 000
 * expressions (seeds 777 and 12345): Hessians within 1.5e-13·max(1, S, S₂); against S alone
 * one expression in 60 000 reached 1.8e-12·S (S = 78, S₂ = 977), the defect a fixed 1e-12·S
 * tolerance had.
 */
class ReverseModeProperties {
    private static final double ORACLE = 1e-12;
    private static final double FD = 1e-6;

    @Provide
    Arbitrary<Expression> expressions() {
        return RandomExpressions.expressions();
    }

    @Provide
    Arbitrary<Expression> twoOutputs() {
        return RandomExpressions.expressions(2);
    }

    @Property(tries = 300)
    void gradientAgreesWithHipparchus(@ForAll("expressions") Expression e) {
        Statistics.label("fan-out").collect(e.hasFanOut());
        Statistics.label("inputs").collect(e.inputCount());
        double[] x = e.point();
        Gradient g = e.graph().compile().gradient(x);
        DerivativeStructure d = e.derivatives(1, x)[e.outputs()[0]];
        double tol = ORACLE * Math.max(1, e.largestMagnitude());
        assertEquals(d.getValue(), g.value(), tol, "value of\n" + e);
        for (int i = 0; i < e.inputCount(); i++) {
            assertEquals(d.getPartialDerivative(unit(e.inputCount(), i)), g.get(i), tol, "∂f/∂x" + i + " of\n" + e);
        }
    }

    @Property(tries = 200)
    void gradientAgreesWithCentralDifferences(@ForAll("expressions") Expression e) {
        Program p = e.graph().compile();
        double[] x = e.point();
        Gradient g = p.gradient(x);
        for (int i = 0; i < x.length; i++) {
            double h = 1e-5 * Math.max(1, Math.abs(x[i]));
            double[] plus = x.clone();
            double[] minus = x.clone();
            plus[i] += h;
            minus[i] -= h;
            double fd = (p.evaluate(plus)[0] - p.evaluate(minus)[0]) / (plus[i] - minus[i]);
            assertEquals(fd, g.get(i), FD * Math.max(1, Math.abs(fd)), "∂f/∂x" + i + " of\n" + e);
        }
    }

    @Property(tries = 200)
    void absentExactlyWhereNoPathReachesTheOutput(@ForAll("expressions") Expression e) {
        double[] x = e.point();
        Gradient g = e.graph().compile().gradient(x);
        boolean[] reach = e.reaches(0);
        DerivativeStructure d = e.derivatives(1, x)[e.outputs()[0]];
        for (int i = 0; i < x.length; i++) {
            assertEquals(reach[i], g.isPresent(i), "presence of x" + i + " in\n" + e);
            if (!reach[i]) {
                assertEquals(0.0, d.getPartialDerivative(unit(x.length, i)), 0.0, "the oracle sees no dependence");
                assertEquals(0.0, g.get(i), 0.0);
            }
        }
    }

    @Property(tries = 200)
    void symbolicGradientGraphEvaluatesToTheNumericGradient(@ForAll("expressions") Expression e) {
        Graph f = e.graph();
        double[] x = e.point();
        Gradient g = f.compile().gradient(x);
        Graph dg = ReverseMode.gradientGraph(f);
        assertEquals(1 + x.length, dg.outputCount());
        double[] symbolic = dg.compile().evaluate(x);
        double tol = ORACLE * Math.max(1, e.largestMagnitude());
        assertEquals(g.value(), symbolic[0], 0.0, "the gradient graph recomputes f");
        for (int i = 0; i < x.length; i++) {
            assertEquals("df0/dx" + i, dg.outputName(1 + i));
            assertEquals(g.get(i), symbolic[1 + i], tol, "∂f/∂x" + i + " of\n" + e + "gradient graph\n" + dg);
        }
    }

    @Property(tries = 150)
    void hessianAgreesWithHipparchusAndIsSymmetric(@ForAll("expressions") Expression e) {
        double[] x = e.point();
        int n = x.length;
        double[][] h = ReverseMode.hessian(e.graph(), x);
        DerivativeStructure d = e.derivatives(2, x)[e.outputs()[0]];
        double tol = ORACLE * secondOrderScale(e, x);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int[] orders = unit(n, i);
                orders[j]++;
                assertEquals(d.getPartialDerivative(orders), h[i][j], tol, "∂²f/∂x" + i + "∂x" + j + " of\n" + e);
                assertEquals(h[j][i], h[i][j], tol, "symmetry");
            }
        }
    }

    @Property(tries = 100)
    void reverseOverReverseGraphGivesSecondDerivatives(@ForAll("expressions") Expression e) {
        // differentiate the symbolic gradient graph symbolically once more: no numeric sweep at all
        Graph f = e.graph();
        double[] x = e.point();
        int n = x.length;
        Program[] rows = secondOrderRows(ReverseMode.gradientGraph(f), n);
        DerivativeStructure d = e.derivatives(2, x)[e.outputs()[0]];
        double tol = ORACLE * secondOrderScale(e, x, rows);
        for (int i = 0; i < n; i++) {
            double[] row = rows[i].evaluate(x);
            for (int j = 0; j < n; j++) {
                int[] orders = unit(n, i);
                orders[j]++;
                assertEquals(d.getPartialDerivative(orders), row[1 + j], tol, "∂²f/∂x" + i + "∂x" + j + " of\n" + e);
            }
        }
    }

    @Property(tries = 200)
    void recorderGivesTheSameGradientAsTheStaticProgram(@ForAll("expressions") Expression e) {
        double[] x = e.point();
        Gradient fromGraph = e.graph().compile().gradient(x);
        Recorder rec = new Recorder();
        Var[] in = new Var[x.length];
        for (int i = 0; i < x.length; i++) {
            in[i] = rec.parameter("x" + i, x[i]);
        }
        Var out = e.apply(in)[e.outputs()[0]];
        Gradient recorded = rec.gradient(out);
        // the same primitives in the same order through the same engine: bit for bit
        assertEquals(fromGraph.value(), recorded.value(), 0.0);
        assertArrayEquals(fromGraph.toArray(), recorded.toArray(), 0.0);
        assertArrayEquals(fromGraph.presence(), recorded.presence());
    }

    @Property(tries = 200)
    void vjpSatisfiesTheDotProductIdentity(@ForAll("twoOutputs") Expression e) {
        // <u, J v> with J v from Hipparchus equals <Jᵀu, v> from one backward sweep
        double[] x = e.point();
        int n = x.length;
        SplittableRandom r = new SplittableRandom(java.util.Arrays.hashCode(x));
        double[] u = {r.nextDouble(-1, 1), r.nextDouble(-1, 1)};
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        DerivativeStructure[] d = e.derivatives(1, x);
        int[] outs = e.outputs();
        double left = 0;
        for (int j = 0; j < 2; j++) {
            double jv = 0;
            for (int i = 0; i < n; i++) {
                jv += d[outs[j]].getPartialDerivative(unit(n, i)) * v[i];
            }
            left += u[j] * jv;
        }
        Graph f = e.graph();
        double[] jtu = f.compile().vjp(x, u);
        double[] jtuGraph = ReverseMode.vjpGraph(f).compile().evaluate(concat(x, u));
        double right = 0;
        double rightGraph = 0;
        for (int i = 0; i < n; i++) {
            right += jtu[i] * v[i];
            rightGraph += jtuGraph[i] * v[i];
        }
        double tol = 4 * ORACLE * Math.max(1, e.largestMagnitude());
        assertEquals(left, right, tol, "<u, Jv> vs <Jᵀu, v> for\n" + e);
        assertEquals(right, rightGraph, tol, "numeric vs symbolic vjp for\n" + e);
        assertTrue(Double.isFinite(right));
    }

    /**
     * max(1, S, S₂): S₂ is the largest magnitude of any node value of the graphs that compute
     * the Hessian's rows (reverse over reverse: the first sweep's adjoints and the second's),
     * the magnitudes a second derivative's rounding errors are relative to.
     */
    static double secondOrderScale(Expression e, double[] x) {
        return secondOrderScale(e, x, secondOrderRows(ReverseMode.gradientGraph(e.graph()), e.inputCount()));
    }

    /** {@link #secondOrderScale(Expression, double[])} from the compiled row graphs {@code rows}. */
    private static double secondOrderScale(Expression e, double[] x, Program[] rows) {
        double scale = Math.max(1, e.largestMagnitude());
        for (Program row : rows) {
            for (double v : row.forward(EvalOptions.DEFAULT, x)) {
                scale = Math.max(scale, Math.abs(v));
            }
        }
        return scale;
    }

    /** The graphs of the Hessian's rows, reverse over reverse of the gradient graph {@code grad}, compiled. */
    private static Program[] secondOrderRows(Graph grad, int n) {
        Program[] rows = new Program[n];
        for (int i = 0; i < n; i++) {
            rows[i] = ReverseMode.gradientGraph(grad, 1 + i).compile();
        }
        return rows;
    }

    static int[] unit(int n, int i) {
        int[] orders = new int[n];
        orders[i] = 1;
        return orders;
    }

    private static double[] concat(double[] a, double[] b) {
        double[] c = java.util.Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, c, a.length, b.length);
        return c;
    }
}
