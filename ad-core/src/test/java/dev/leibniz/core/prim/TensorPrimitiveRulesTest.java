package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.ShapeException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.TensorCases.Bad;
import dev.leibniz.core.prim.TensorCases.Case;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of the matrix primitives, over their table ({@link TensorCases}): every rule is checked
 * against an oracle that does not use it — central finite differences for the numeric VJP and
 * the symbolic JVP, the dot-product identity ⟨u, J v⟩ = ⟨Jᵀu, v⟩ between the symbolic JVP and
 * VJP, observed value changes for the element dependency pattern, and poisoned unsaved values for
 * the saved-value declarations.
 *
 * <p>Tolerance: every primitive here is a polynomial of degree ≤ 2 or a softmax/log-sum-exp of
 * arguments in [−2, 2]; a central difference with h = 1e-6 then errs by at most
 * h²/6·|f'''| + 2ε|f|/h ≈ 1e-11 + 1e-9, so 1e-7 leaves a margin of 100 and still catches any
 * wrong rule (a wrong factor, sign, transpose or index is O(1)).
 */
class TensorPrimitiveRulesTest {
    private static final int SAMPLES = 5;
    private static final double H = 1e-6;
    private static final double FD_TOLERANCE = 1e-7;

    static Stream<Case> cases() {
        return TensorCases.cases().stream();
    }

    static Stream<Bad> badShapes() {
        return TensorCases.badShapes().stream();
    }

    // ---------------------------------------------------------------- direct kernel calls

    /** Operands with each argument in its own array at offset {@code off} (junk before it). */
    static TensorArgs operands(Case c, double[][] x, int off) {
        TensorArgs a = new TensorArgs(c.arity());
        a.n = c.arity();
        for (int k = 0; k < a.n; k++) {
            a.x[k] = embed(x[k], off);
            a.xo[k] = off;
            a.xs[k] = c.shapes()[k];
            a.gx[k] = embed(new double[x[k].length], off);
            a.gxo[k] = off;
        }
        a.ys = c.p().shape(c.shapes(), c.arity(), c.param());
        a.y = embed(new double[a.ys.size()], off);
        a.yo = off;
        a.gy = embed(new double[a.ys.size()], off);
        a.gyo = off;
        a.param = c.param();
        a.policy = Subgradients.DEFAULT;
        return a;
    }

    static double[] embed(double[] v, int off) {
        double[] out = new double[v.length + 2 * off];
        Arrays.fill(out, 1234.5); // junk that would show up in any result read at the wrong place
        System.arraycopy(v, 0, out, off, v.length);
        return out;
    }

    static double[] extract(double[] v, int off, int len) {
        return Arrays.copyOfRange(v, off, off + len);
    }

    static double[] eval(Case c, double[][] x) {
        TensorArgs a = operands(c, x, 0);
        c.p().forward(a);
        return a.y.clone();
    }

    /** Jᵀu by the numeric reverse rule, with the output evaluated first. */
    static double[][] backward(Case c, double[][] x, double[] u, int off) {
        TensorArgs a = operands(c, x, off);
        c.p().forward(a);
        System.arraycopy(u, 0, a.gy, off, u.length);
        Arrays.fill(a.need, 0, a.n, true);
        c.p().backward(a);
        double[][] g = new double[c.arity()][];
        for (int k = 0; k < c.arity(); k++) {
            g[k] = extract(a.gx[k], off, x[k].length);
        }
        return g;
    }

    static double dot(double[] a, double[] b) {
        double s = 0;
        for (int i = 0; i < a.length; i++) {
            s += a[i] * b[i];
        }
        return s;
    }

    static double[] random(SplittableRandom r, int n) {
        double[] v = new double[n];
        for (int i = 0; i < n; i++) {
            v[i] = r.nextDouble(-1, 1);
        }
        return v;
    }

    static void assertClose(double expected, double actual, double tol, String what) {
        double scale = Math.max(1.0, Math.abs(expected));
        assertTrue(Math.abs(expected - actual) <= tol * scale, what + ": expected " + expected + ", got " + actual);
    }

    static SplittableRandom random(Case c, int salt) {
        return new SplittableRandom(c.toString().hashCode() * 31L + salt);
    }

    // ---------------------------------------------------------------- (a) numeric VJP vs finite differences

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void numericVjpMatchesCentralDifferences(Case c) {
        SplittableRandom r = random(c, 1);
        for (int s = 0; s < SAMPLES; s++) {
            double[][] x = c.sample(r);
            Shape out = c.p().shape(c.shapes(), c.arity(), c.param());
            double[] u = random(r, out.size());
            double[][] g = backward(c, x, u, 0);
            for (int k = 0; k < c.arity(); k++) {
                for (int e = 0; e < x[k].length; e++) {
                    if (!c.continuous(k)) {
                        assertEquals(0.0, g[k][e], 0.0, c + ": nothing flows to class indices");
                        continue;
                    }
                    double keep = x[k][e];
                    x[k][e] = keep + H;
                    double plus = dot(u, eval(c, x));
                    x[k][e] = keep - H;
                    double minus = dot(u, eval(c, x));
                    x[k][e] = keep;
                    assertClose((plus - minus) / (2 * H), g[k][e], FD_TOLERANCE, c + " x" + k + "[" + e + "]");
                }
            }
        }
    }

    // ---------------------------------------------------------------- (b) symbolic JVP vs finite differences

    /** Graph with inputs x0…, t0… (tangents) and outputs y, jvp. */
    static Graph jvpGraph(Case c) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[c.arity()];
        Var[] t = new Var[c.arity()];
        for (int k = 0; k < x.length; k++) {
            x[k] = b.input("x" + k, c.shapes()[k]);
        }
        for (int k = 0; k < x.length; k++) {
            Var tk = b.input("t" + k, c.shapes()[k]);
            t[k] = c.continuous(k) ? tk : null;
        }
        Var y = b.apply(c.p(), c.param(), x);
        Var jvp = c.p().jvp(x, y, t, c.param());
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("y", y);
        outs.put("jvp", jvp != null ? jvp : y.constant(0.0).broadcastTo(y.shape()));
        return b.build(outs);
    }

    static double[][] concat(double[][] a, double[][] b) {
        double[][] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void symbolicJvpMatchesCentralDifferences(Case c) {
        Graph g = jvpGraph(c);
        SplittableRandom r = random(c, 2);
        for (int s = 0; s < SAMPLES; s++) {
            double[][] x = c.sample(r);
            double[][] v = new double[c.arity()][];
            for (int k = 0; k < v.length; k++) {
                v[k] = c.continuous(k) ? random(r, x[k].length) : new double[x[k].length];
            }
            double[][] outs = g.compile().evaluate(concat(x, v));
            assertArrayEquals(eval(c, x), outs[0], 1e-15, c + ": the graph evaluates like the kernel");
            double[][] xp = new double[x.length][];
            double[][] xm = new double[x.length][];
            for (int k = 0; k < x.length; k++) {
                xp[k] = x[k].clone();
                xm[k] = x[k].clone();
                for (int e = 0; e < x[k].length; e++) {
                    xp[k][e] += H * v[k][e];
                    xm[k][e] -= H * v[k][e];
                }
            }
            double[] fp = eval(c, xp);
            double[] fm = eval(c, xm);
            for (int e = 0; e < fp.length; e++) {
                assertClose((fp[e] - fm[e]) / (2 * H), outs[1][e], FD_TOLERANCE, c + " jvp[" + e + "]");
            }
        }
    }

    // ---------------------------------------------------------------- (c) dot-product identity; symbolic VJP = numeric

    /** Graph with inputs x0…, ct and outputs vjp0… (zeros where the rule says zero). */
    static Graph vjpGraph(Case c) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[c.arity()];
        for (int k = 0; k < x.length; k++) {
            x[k] = b.input("x" + k, c.shapes()[k]);
        }
        Var y = b.apply(c.p(), c.param(), x);
        Var ct = b.input("ct", y.shape());
        Map<String, Var> outs = new LinkedHashMap<>();
        for (int k = 0; k < x.length; k++) {
            Var g = c.p().vjp(k, x, y, ct, c.param());
            if (g != null) {
                assertEquals(c.shapes()[k], g.shape(), c + ": the VJP of argument " + k + " has its shape");
            }
            outs.put("vjp" + k, g != null ? g : y.constant(0.0).broadcastTo(c.shapes()[k]));
        }
        return b.build(outs);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void dotProductIdentityAndSymbolicVjpEqualsNumeric(Case c) {
        Graph jvp = jvpGraph(c);
        Graph vjp = vjpGraph(c);
        SplittableRandom r = random(c, 3);
        for (int s = 0; s < SAMPLES; s++) {
            double[][] x = c.sample(r);
            Shape out = c.p().shape(c.shapes(), c.arity(), c.param());
            double[] u = random(r, out.size());
            double[][] v = new double[c.arity()][];
            for (int k = 0; k < v.length; k++) {
                v[k] = c.continuous(k) ? random(r, x[k].length) : new double[x[k].length];
            }
            double[] jv = jvp.compile().evaluate(concat(x, v))[1];
            double[][] in = Arrays.copyOf(x, x.length + 1);
            in[x.length] = u;
            double[][] jtu = vjp.compile().evaluate(in);
            double[][] numeric = backward(c, x, u, 0);
            double rhs = 0;
            for (int k = 0; k < c.arity(); k++) {
                rhs += dot(jtu[k], v[k]);
                assertArrayEquals(numeric[k], jtu[k], 1e-12 * Math.max(1, norm(numeric[k])), c + " vjp" + k);
            }
            assertClose(dot(u, jv), rhs, 1e-12, c + ": <u, J v> = <Jᵀ u, v>");
        }
    }

    static double norm(double[] v) {
        return Math.sqrt(dot(v, v));
    }

    // ---------------------------------------------------------------- (d) saved values suffice

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void reverseRuleReadsOnlyWhatItSaves(Case c) {
        SplittableRandom r = random(c, 4);
        double[][] x = c.sample(r);
        Shape out = c.p().shape(c.shapes(), c.arity(), c.param());
        double[] u = random(r, out.size());
        double[][] expected = backward(c, x, u, 0);

        TensorArgs a = operands(c, x, 0);
        c.p().forward(a);
        for (int k = 0; k < c.arity(); k++) {
            if (!c.p().savesInput(k)) {
                Arrays.fill(a.x[k], Double.NaN);
            }
        }
        if (!c.p().savesOutput()) {
            Arrays.fill(a.y, Double.NaN);
        }
        System.arraycopy(u, 0, a.gy, 0, u.length);
        Arrays.fill(a.need, 0, a.n, true);
        c.p().backward(a);
        for (int k = 0; k < c.arity(); k++) {
            assertArrayEquals(expected[k], a.gx[k], 0.0, c + ": the adjoint of x" + k + " reads an unsaved value");
        }
    }

    // ---------------------------------------------------------------- (e) element dependency pattern

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void elementPatternMatchesObservedDependence(Case c) {
        SplittableRandom r = random(c, 5);
        double[][] x = c.sample(r);
        double[] y = eval(c, x);
        for (int k = 0; k < c.arity(); k++) {
            boolean[][] pattern = c.p().elementDependence(k, c.shapes(), c.arity(), c.param());
            for (int e = 0; e < x[k].length; e++) {
                double keep = x[k][e];
                x[k][e] = c.continuous(k) ? keep + 0.37 : (keep + 1) % c.classes()[k];
                double[] y2 = eval(c, x);
                x[k][e] = keep;
                for (int o = 0; o < y.length; o++) {
                    boolean observed = y2[o] != y[o];
                    if (observed) {
                        assertTrue(pattern[o][e], c + ": output " + o + " changed with x" + k + "[" + e
                                + "] but the pattern says it does not depend on it");
                    } else if (c.continuous(k) && c.p().dependence(k) != Dependence.NONE) {
                        assertFalse(pattern[o][e], c + ": the pattern claims output " + o + " depends on x" + k
                                + "[" + e + "], but changing it changed nothing");
                    }
                }
            }
        }
    }

    // ---------------------------------------------------------------- (f) operands at offsets (the non-EJML path)

    @ParameterizedTest(name = "{0}")
    @MethodSource("cases")
    void kernelsRespectOffsets(Case c) {
        SplittableRandom r = random(c, 6);
        double[][] x = c.sample(r);
        Shape out = c.p().shape(c.shapes(), c.arity(), c.param());
        double[] u = random(r, out.size());
        TensorArgs a = operands(c, x, 3);
        c.p().forward(a);
        assertArrayEquals(eval(c, x), extract(a.y, 3, out.size()), 1e-13, c + " forward at an offset");
        double[][] at0 = backward(c, x, u, 0);
        double[][] at3 = backward(c, x, u, 3);
        for (int k = 0; k < c.arity(); k++) {
            assertArrayEquals(at0[k], at3[k], 1e-13, c + " backward at an offset, x" + k);
        }
    }

    // ---------------------------------------------------------------- (g) shape errors

    @ParameterizedTest(name = "{0}")
    @MethodSource("badShapes")
    void shapeMismatchNamesPrimitiveAndShapes(Bad bad) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[bad.shapes().length];
        for (int k = 0; k < x.length; k++) {
            x[k] = b.input("x" + k, bad.shapes()[k]);
        }
        int before = b.size();
        ShapeException e = assertThrows(ShapeException.class, () -> b.apply(bad.p(), bad.param(), x));
        assertTrue(e.getMessage().contains("'" + bad.p().name() + "'"), e.getMessage());
        for (Shape s : bad.shapes()) {
            assertTrue(e.getMessage().contains(s.toString()), "message should name " + s + ": " + e.getMessage());
        }
        assertEquals(before, b.size(), "a rejected node is not appended");
    }

    // ---------------------------------------------------------------- the table and the registry

    @Test
    void tableCoversEveryMatrixPrimitive() {
        assertEquals(Primitives.all().size(), Primitives.scalarPrimitives().size() + Primitives.tensorPrimitives().size() + 1);
        Set<Primitive> covered = new HashSet<>();
        cases().forEach(c -> covered.add(c.p()));
        assertEquals(new HashSet<>(Primitives.tensorPrimitives()), covered);
        for (TensorPrimitive p : Primitives.tensorPrimitives()) {
            assertTrue(Primitives.all().contains(p), p + " is registered");
            assertEquals(p, Primitives.byName(p.name()));
        }
    }
}
