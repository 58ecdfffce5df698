package dev.leibniz.core.prim;

import static dev.leibniz.core.prim.PrimitivePoints.assertClose;
import static dev.leibniz.core.prim.PrimitivePoints.centralDifference;
import static dev.leibniz.core.prim.PrimitivePoints.concat;
import static dev.leibniz.core.prim.PrimitivePoints.inputs;
import static dev.leibniz.core.prim.PrimitivePoints.maxAbs;
import static dev.leibniz.core.prim.PrimitivePoints.minKinkDistance;
import static dev.leibniz.core.prim.PrimitivePoints.oneNodeGraph;
import static dev.leibniz.core.prim.PrimitivePoints.partial;
import static dev.leibniz.core.prim.PrimitivePoints.random;
import static dev.leibniz.core.prim.PrimitivePoints.shifted;
import static dev.leibniz.core.prim.PrimitivePoints.step;
import static dev.leibniz.core.prim.PrimitivePoints.value;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.PrimitiveDomains.Domain;
import dev.leibniz.core.prim.PrimitiveDomains.Point;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SplittableRandom;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The rules of every primitive, driven by one table ({@link PrimitiveDomains}): each primitive's
 * declared rules are checked against oracles that do not use them — central finite differences,
 * the dot-product identity, and the observed dependence of its value. (That every back end runs
 * these rules the same way is {@code dev.leibniz.core.contract.PrimitiveContractTest}.)
 *
 * <p>Finite-difference tolerance: a central difference with step h has error at most
 * h²/6·|f'''| + 2ε|f|/h. With h = 1e-6·max(1, |x|) and the table's domains (|f'''| ≤ 2e4 at
 * log(0.05), |f| ≤ 150) that is below 1e-8·max(1, |f'|), so the relative-or-absolute tolerance
 * 1e-6 leaves a hundredfold margin and still catches any wrong rule (an error of a factor, a sign
 * or a term is O(1)).
 */
class PrimitiveRulesTest {
    private static final int SAMPLES = 300;
    private static final double FD_TOLERANCE = 1e-6;
    private static final List<Subgradients> POLICIES = List.of(Subgradients.DEFAULT,
            new Subgradients(1.0, 1.0, 1.0), new Subgradients(0.3, -0.5, 0.25), new Subgradients(0.0, -1.0, 0.0));

    static Stream<Primitive> primitives() {
        return Primitives.scalarPrimitives().stream().filter(p -> p.kind() != Primitive.Kind.INPUT && p.kind() != Primitive.Kind.CONSTANT);
    }

    // ---------------------------------------------------------------- the table and the registry

    @Test
    void tableCoversEveryPrimitiveAndNothingElse() {
        Set<Primitive> expected = primitives().collect(Collectors.toSet());
        assertEquals(expected, PrimitiveDomains.table().keySet());
    }

    @Test
    void registryIsDenseAndNamesAreUnique() {
        List<Primitive> all = Primitives.all();
        Set<String> names = new HashSet<>();
        for (int c = 0; c < all.size(); c++) {
            Primitive p = all.get(c);
            assertEquals(c, p.code(), p.name());
            assertSame(p, Primitives.byCode(c));
            assertSame(p, Primitives.byName(p.name()));
            assertTrue(Primitives.exists(p.name()));
            assertTrue(names.add(p.name()), "duplicate name " + p.name());
        }
    }

    // ---------------------------------------------------------------- (a) partials vs finite differences

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void numericPartialsMatchCentralDifferences(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 1);
        int checked = 0;
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            Subgradients pol = POLICIES.get(s % POLICIES.size());
            for (int k = 0; k < pt.arity(); k++) {
                double h = step(pt.x()[k]);
                if (d.kinkDistance(pt.x(), k) <= 2 * h) {
                    continue;
                }
                double exact = partial(p, k, pt, pol);
                double fd = centralDifference(p, pt, k, h, pol);
                assertClose(exact, fd, FD_TOLERANCE, p + " ∂/∂x" + k + " at " + pt);
                checked++;
            }
        }
        assertTrue(checked > SAMPLES / 2, "too few smooth points checked: " + checked);
    }

    // ---------------------------------------------------------------- (b) symbolic vs numeric partials

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void symbolicPartialsEqualNumericPartials(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 2);
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            Subgradients pol = POLICIES.get(s % POLICIES.size());
            for (int k = 0; k < pt.arity(); k++) {
                double numeric = partial(p, k, pt, pol);
                GraphBuilder b = GraphBuilder.tracing();
                Var[] xs = inputs(b, pt.arity());
                Var y = b.apply(p, pt.param(), xs);
                Var dk = p.partial(k, xs, y, pt.param());
                String what = p + " ∂/∂x" + k + " at " + pt + " with " + pol;
                if (dk == null) {
                    assertEquals(0.0, numeric, 0.0, what + ": a null symbolic partial means identically zero");
                    continue;
                }
                double symbolic = b.build("d", dk).compile().evaluate(EvalOptions.DEFAULT.withPolicy(pol), pt.x())[0];
                assertClose(numeric, symbolic, 1e-14, what);
            }
        }
    }

    // ---------------------------------------------------------------- (b') second order through the graph rules

    /**
     * The symbolic partials, differentiated once more ({@link ReverseMode#hessian}), against central
     * differences of the numeric partials: a graph rule that has the right value but the wrong
     * derivative (a select on a value that is 0 inside the domain) fails here. Tolerance as for (a):
     * the error h²/6·|f''''| + 2ε|f'|/h is below 1e-8·max(1, |f''|) on the table's domains.
     */
    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void secondDerivativesOfTheGraphRulesMatchDifferencesOfTheNumericPartials(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 7);
        Subgradients pol = Subgradients.DEFAULT;
        for (int s = 0; s < SAMPLES / 3; s++) {
            Point pt = d.sample(r);
            int n = pt.arity();
            double[][] h = ReverseMode.hessian(oneNodeGraph(p, pt), pt.x());
            for (int j = 0; j < n; j++) {
                double hj = step(pt.x()[j]);
                if (d.kinkDistance(pt.x(), j) <= 2 * hj) {
                    continue;
                }
                Point plus = shifted(pt, j, hj);
                Point minus = shifted(pt, j, -hj);
                for (int k = 0; k < n; k++) {
                    double fd = (partial(p, k, plus, pol) - partial(p, k, minus, pol)) / (plus.x()[j] - minus.x()[j]);
                    if (!Double.isFinite(fd)) {
                        continue;
                    }
                    assertClose(fd, h[k][j], FD_TOLERANCE, p + " ∂²/∂x" + k + "∂x" + j + " at " + pt);
                }
            }
        }
    }

    // ---------------------------------------------------------------- (c) dot-product identity for the VJP

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void vjpSatisfiesDotProductIdentity(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 3);
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            int n = pt.arity();
            Subgradients pol = POLICIES.get(s % POLICIES.size());
            EvalOptions opt = EvalOptions.DEFAULT.withPolicy(pol);
            double[] partials = new double[n];
            boolean finite = true;
            for (int k = 0; k < n; k++) {
                partials[k] = partial(p, k, pt, pol);
                finite &= Double.isFinite(partials[k]);
            }
            if (!finite) {
                continue; // sqrt at 0, pow at the boundary: no finite Jacobian to test
            }
            double u = PrimitiveDomains.u(r, 0.5, 2) * (r.nextBoolean() ? 1 : -1);
            double[] v = new double[n];
            for (int k = 0; k < n; k++) {
                v[k] = PrimitiveDomains.u(r, -1, 1);
            }
            Graph g = oneNodeGraph(p, pt);
            double[] jtu = g.compile().vjp(opt, pt.x(), new double[] {u});
            double[] jtuSymbolic = ReverseMode.vjpGraph(g).compile().evaluate(opt, concat(pt.x(), u));

            double jv = 0;
            double scale = 0;
            double right = 0;
            double rightSymbolic = 0;
            for (int k = 0; k < n; k++) {
                jv += partials[k] * v[k];
                scale += Math.abs(u * partials[k] * v[k]);
                right += jtu[k] * v[k];
                rightSymbolic += jtuSymbolic[k] * v[k];
            }
            String what = p + " at " + pt + ", u=" + u + ", v=" + Arrays.toString(v);
            assertEquals(u * jv, right, 1e-14 * scale + Double.MIN_NORMAL, what);
            assertEquals(u * jv, rightSymbolic, 1e-14 * scale + Double.MIN_NORMAL, what + " (vjp graph)");

            // the same identity with J·v from a directional central difference: independent of the rules
            double h = 1e-6 * Math.max(1, maxAbs(pt.x()));
            if (minKinkDistance(d, pt.x()) > 4 * h) {
                double[] plus = pt.x().clone();
                double[] minus = pt.x().clone();
                for (int k = 0; k < n; k++) {
                    plus[k] += h * v[k];
                    minus[k] -= h * v[k];
                }
                double jvFd = (value(p, plus, pt.param(), pol) - value(p, minus, pt.param(), pol)) / (2 * h);
                assertEquals(u * jvFd, right, FD_TOLERANCE * Math.max(1, scale), what + " (finite difference)");
            }
        }
    }

    // ---------------------------------------------------------------- (d) declared vs observed dependence

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void declaredDependenceMatchesObservedDependence(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 4);
        boolean variadic = p.arity() < 0;
        int slots = variadic ? 1 : p.arity(); // a variadic primitive's arguments are pooled in slot 0
        boolean[] observedFirst = new boolean[slots];
        boolean[] observedSecond = new boolean[slots];
        boolean[] observedCross = new boolean[slots * slots];
        boolean[] declaredNonlinear = new boolean[slots];
        boolean[] declaredCross = new boolean[slots * slots];
        Subgradients pol = Subgradients.DEFAULT;
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            int n = pt.arity();
            for (int k = 0; k < n; k++) {
                int sk = variadic ? 0 : k;
                Dependence dep = p.dependence(k);
                String what = p + " input " + k + " (" + dep + ") at " + pt;
                double dk = partial(p, k, pt, pol);
                declaredNonlinear[sk] |= dep == Dependence.NONLINEAR;
                if (dep == Dependence.NONE) {
                    assertEquals(0.0, dk, 0.0, what + ": a NONE input must have a zero partial");
                    GraphBuilder b = GraphBuilder.tracing();
                    Var[] xs = inputs(b, n);
                    assertNull(p.partial(k, xs, b.apply(p, pt.param(), xs), pt.param()),
                            what + ": a NONE input must have no symbolic partial");
                }
                double hk = step(pt.x()[k]);
                if (d.kinkDistance(pt.x(), k) > 2 * hk) {
                    double fd = centralDifference(p, pt, k, hk, pol);
                    if (dep == Dependence.NONE) {
                        assertEquals(0.0, fd, 0.0, what + ": the value changed with a NONE input");
                    }
                    observedFirst[sk] |= fd != 0;
                }
                for (int j = 0; j < n; j++) {
                    double hj = step(pt.x()[j]);
                    if (d.kinkDistance(pt.x(), j) <= 2 * hj) {
                        continue;
                    }
                    double delta = partial(p, k, shifted(pt, j, hj), pol) - partial(p, k, shifted(pt, j, -hj), pol);
                    boolean changes = Math.abs(delta) > 1e-9 * Math.max(1, Math.abs(dk));
                    if (j == k) {
                        observedSecond[sk] |= changes;
                        if (dep != Dependence.NONLINEAR) {
                            assertFalse(changes, what + ": declared " + dep + " but ∂/∂x" + k + " changes along x" + k);
                        }
                    } else {
                        int sj = variadic ? 0 : j;
                        assertEquals(p.interacts(j, k), p.interacts(k, j), p + ": interacts must be symmetric");
                        declaredCross[sj * slots + sk] |= p.interacts(j, k);
                        observedCross[sj * slots + sk] |= changes;
                        if (!p.interacts(j, k)) {
                            assertFalse(changes, what + ": declared no interaction with x" + j
                                    + " but ∂/∂x" + k + " changes along x" + j);
                        }
                    }
                }
            }
        }
        // and the declarations are tight: what is declared is seen somewhere in the domain
        for (int k = 0; k < slots; k++) {
            if (p.dependence(k) != Dependence.NONE) {
                assertTrue(observedFirst[k], p + " input " + k + " is declared to matter but never changed the value");
            }
            if (declaredNonlinear[k]) {
                assertTrue(observedSecond[k], p + " input " + k + " is declared NONLINEAR but ∂/∂x" + k
                        + " never changed along x" + k + " (declare LINEAR)");
            }
            for (int j = 0; j < slots; j++) {
                if (declaredCross[j * slots + k]) {
                    assertTrue(observedCross[j * slots + k], p + " declares that inputs " + j + " and " + k
                            + " interact but no cross derivative was seen");
                }
            }
        }
    }

    // ---------------------------------------------------------------- (e) saved values

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void reverseRuleReadsOnlyWhatItSaves(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 5);
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            int n = pt.arity();
            Subgradients pol = POLICIES.get(s % POLICIES.size());
            double y = value(p, pt.x(), pt.param(), pol);
            double[] masked = pt.x().clone();
            for (int j = 0; j < n; j++) {
                if (!p.savesInput(j)) {
                    masked[j] = Double.NaN;
                }
            }
            double maskedY = p.savesOutput() ? y : Double.NaN;
            for (int k = 0; k < n; k++) {
                double full = p.partial(k, pt.x().clone(), n, y, pt.param(), pol);
                double fromSaved = p.partial(k, masked.clone(), n, maskedY, pt.param(), pol);
                assertEquals(full, fromSaved, 0.0, p + " ∂/∂x" + k + " at " + pt
                        + " reads a value it does not declare saved");
            }
        }
        // the symbolic rule may only refer to saved inputs, and to the output only if it is saved
        int n = p.arity() >= 0 ? p.arity() : 3;
        Point pt = d.sample(r);
        while (pt.arity() != n) {
            pt = d.sample(r);
        }
        for (int k = 0; k < n; k++) {
            GraphBuilder b = GraphBuilder.tracing();
            Var[] xs = inputs(b, n);
            Var y = b.apply(p, pt.param(), xs);
            Var dk = p.partial(k, xs, y, pt.param());
            if (dk == null) {
                continue;
            }
            Graph g = b.build("d", dk);
            boolean[] reads = new boolean[g.size()];
            ArrayDeque<Integer> todo = new ArrayDeque<>(List.of(dk.node()));
            while (!todo.isEmpty()) {
                int i = todo.pop();
                if (reads[i]) {
                    continue;
                }
                reads[i] = true;
                if (i == y.node()) {
                    continue; // the output is a saved value, not a path to the inputs
                }
                for (int a = 0; a < g.arity(i); a++) {
                    todo.push(g.arg(i, a));
                }
            }
            for (int j = 0; j < n; j++) {
                assertTrue(!reads[xs[j].node()] || p.savesInput(j),
                        p + ": the symbolic ∂/∂x" + k + " reads unsaved input " + j + "\n" + g);
            }
            assertTrue(!reads[y.node()] || p.savesOutput(), p + ": the symbolic ∂/∂x" + k + " reads the unsaved output\n" + g);
        }
    }

    // ---------------------------------------------------------------- declared symmetries, policy use, arity

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void commutativityAndPolicyUseAreDeclaredTruthfully(Primitive p) {
        Domain d = PrimitiveDomains.of(p);
        SplittableRandom r = random(p, 6);
        boolean policyMattered = false;
        for (int s = 0; s < SAMPLES; s++) {
            Point pt = d.sample(r);
            int n = pt.arity();
            double y = value(p, pt.x(), pt.param(), Subgradients.DEFAULT);
            for (Subgradients pol : POLICIES) {
                double yp = value(p, pt.x(), pt.param(), pol);
                if (Double.compare(y, yp) != 0) {
                    policyMattered = true;
                    assertTrue(p.usesPolicy(), p + " at " + pt + " depends on the policy but does not declare usesPolicy()");
                }
            }
            if (p.isCommutative()) {
                double[] reversed = new double[n];
                for (int k = 0; k < n; k++) {
                    reversed[k] = pt.x()[n - 1 - k];
                }
                Point rev = new Point(reversed, pt.param());
                // a reduction sums its n terms in another order: (n − 1)·ε relative, plus one rounding
                double tol = n * 0x1p-52;
                assertClose(y, value(p, reversed, pt.param(), Subgradients.DEFAULT), tol, p + " is not commutative at " + pt);
                for (int k = 0; k < n; k++) {
                    assertClose(partial(p, k, pt, Subgradients.DEFAULT), partial(p, n - 1 - k, rev, Subgradients.DEFAULT),
                            tol, p + " partials are not symmetric at " + pt);
                }
            }
        }
        if (p.usesPolicy()) {
            assertTrue(policyMattered, p + " declares usesPolicy() but no policy changed its value");
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("primitives")
    void wrongArityIsRejectedWithTheNameOfThePrimitive(Primitive p) {
        int wrong = p.arity() >= 0 ? p.arity() + 1 : 0;
        GraphBuilder b = GraphBuilder.tracing();
        Var[] xs = inputs(b, wrong);
        GraphException e = assertThrows(GraphException.class, () -> b.apply(p, xs));
        assertTrue(e.getMessage().contains("'" + p.name() + "'") && e.getMessage().contains("got " + wrong), e.getMessage());
    }
}
