package dev.leibniz.core.contract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Shape;
import dev.leibniz.core.prim.Arithmetic;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Elementary;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.LinearAlgebra;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The harness itself, against closed forms: the reference follows the flow contract on the two
 * reproductions of the issue, lifts elementwise with broadcasting, runs matrix kernels; a failure
 * is attributed to an old flow rule only when that rule reproduces its numbers; a back end that
 * neither supports nor refuses a matrix graph properly fails the shape check.
 */
class ContractHarnessTest {
    private static final double INF = Double.POSITIVE_INFINITY;

    private static Case scalarCase(dev.leibniz.core.prim.Primitive p, Embedding e, double ct, double... x) {
        double[][] in = new double[x.length][];
        double[][] t = new double[x.length][];
        for (int k = 0; k < x.length; k++) {
            in[k] = new double[] {x[k]};
            t[k] = new double[] {1.0};
        }
        return new Case(Spec.of(p, 0, Collections.nCopies(x.length, Shape.SCALAR), e), in, new double[] {ct}, t, "test");
    }

    @Test
    void referenceGivesTheFlowContractOnTheIssuesReproductions() {
        // defect 10: sqrt(relu(-exp(z))) + z with z = x: df/dx = 1, also for an infinite cotangent
        Oracle o = Oracle.of(scalarCase(Arithmetic.NEG, Embedding.UNDER_SQRT_RELU, 1.0, 2.0));
        assertEquals(-2.0 + 0.0, o.value()[0], 0.0, "sqrt(relu(-exp(-2))) + (-2)");
        assertEquals(-1.0, o.vjp()[0][0], 0.0, "d/dx of f(neg x) = -1 (the relu path contributes exactly 0)");
        assertEquals(-1.0, o.jvp()[0], 0.0);
        // the old rule (skip a zero adjoint only) gives NaN there
        assertTrue(Double.isNaN(Oracle.of(scalarCase(Arithmetic.NEG, Embedding.UNDER_SQRT_RELU, 1.0, 2.0),
                FlowRule.SKIP_ZERO_ADJOINT_ONLY).vjp()[0][0]));

        // defect 1: gt(x0, x1)·∞ + x0 at (1, 0): df/dx0 = 1, df/dx1 = 0 (no edge into a comparison)
        Case gt = scalarCase(Comparisons.GT, Embedding.SCALED_BY_INFINITY, 1.0, 1.0, 0.0);
        assertArrayEquals(new double[] {1.0, 0.0}, new double[] {Oracle.of(gt).vjp()[0][0], Oracle.of(gt).vjp()[1][0]});
        double[][] old = Oracle.of(gt, FlowRule.SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES).vjp();
        assertTrue(Double.isNaN(old[0][0]) && Double.isNaN(old[1][0]), "∞·0 through the NONE edges");
        assertEquals(1.0, Oracle.of(gt, FlowRule.SKIP_ZERO_ADJOINT_ONLY).vjp()[0][0], 0.0, "NONE honoured: no NaN");

        // the untaken branch of a select gets exactly 0, whatever the cotangent
        Oracle sel = Oracle.of(scalarCase(Elementary.SQRT, Embedding.UNTAKEN_SELECT_BRANCH, INF, 0.0));
        assertEquals(0.5, sel.value()[0], 0.0);
        assertEquals(0.0, sel.vjp()[0][0], 0.0);
        assertArrayEquals(new boolean[] {true}, sel.presence(), "present (a path exists), with a zero gradient");
    }

    @Test
    void referenceLiftsScalarPrimitivesElementwiseWithBroadcasting() {
        // mul(x0: 1x2, x1: 1x1) = [a·c, b·c]; vᵀJ: x0 = [v0·c, v1·c], x1 = v0·a + v1·b
        Spec s = Spec.of(Arithmetic.MUL, 0, List.of(new Shape(1, 2), Shape.SCALAR), Embedding.ALONE);
        Case c = new Case(s, new double[][] {{2, 3}, {5}}, new double[] {0.5, -1}, new double[][] {{1, 0}, {1}}, "test");
        Oracle o = Oracle.of(c);
        assertArrayEquals(new double[] {10, 15}, o.value());
        assertArrayEquals(new double[] {2.5, -5}, o.vjp()[0]);
        assertArrayEquals(new double[] {0.5 * 2 - 3}, o.vjp()[1]);
        assertArrayEquals(new double[] {5 + 2, 0 + 3}, o.jvp(), "J·u with u = ([1, 0], 1): [c + a, b]");
    }

    @Test
    void referenceRunsMatrixKernels() {
        // matmul: (1x2)·(2x1) = a0·b0 + a1·b1; vᵀJ: A = v·Bᵀ, B = Aᵀ·v
        Spec s = Spec.of(LinearAlgebra.MATMUL, 0, List.of(new Shape(1, 2), new Shape(2, 1)), Embedding.ALONE);
        Case c = new Case(s, new double[][] {{1, 2}, {3, 4}}, new double[] {2}, new double[][] {{0, 0}, {0, 0}}, "test");
        Oracle o = Oracle.of(c);
        assertArrayEquals(new double[] {11}, o.value());
        assertArrayEquals(new double[] {6, 8}, o.vjp()[0]);
        assertArrayEquals(new double[] {2, 4}, o.vjp()[1]);
        assertNull(o.jvp(), "matrix primitives declare no numeric JVP");
    }

    @Test
    void aFailureIsAttributedToAnOldRuleOnlyWhenTheRuleReproducesIt() {
        Case c = scalarCase(Kinks.RELU, Embedding.ALONE, INF, -1.0);
        Oracles oracles = new Oracles(c);
        double[][] old = oracles.of(FlowRule.SKIP_ZERO_ADJOINT_ONLY).vjp();
        assertTrue(Double.isNaN(old[0][0]), "relu'(-1)·∞ = 0·∞");
        Failure reproduced = new Failure("x", Check.VJP, "", c, Outcome.NOTHING.withVjp(old), Exactness.BITWISE, oracles);
        assertEquals(FlowRule.SKIP_ZERO_ADJOINT_ONLY, reproduced.attributedRule());
        Failure other = new Failure("x", Check.VJP, "", c, Outcome.NOTHING.withVjp(new double[][] {{7.0}}),
                Exactness.BITWISE, oracles);
        assertNull(other.attributedRule(), "a different wrong number is not the old rule");
        Failure value = new Failure("x", Check.VALUE, "", c, Outcome.NOTHING.withValue(7.0), Exactness.BITWISE, oracles);
        assertNull(value.attributedRule(), "only reverse sweeps have a flow rule");
    }

    /** A scalar-only back end that runs a matrix graph instead of refusing it. */
    private static final class Careless implements BackEnd {
        @Override
        public String name() {
            return "careless";
        }

        @Override
        public boolean supports(Case c) {
            return c.spec().isScalarGraph();
        }

        @Override
        public Outcome run(Case c) {
            return Outcome.NOTHING.withValue(c.inputs()[0][0]);
        }

        @Override
        public Exactness exactness() {
            return Exactness.BITWISE;
        }
    }

    @Test
    void aScalarOnlyBackEndMustRefuseAMatrixGraphWithAShapeException() {
        Spec s = Spec.of(Elementary.EXP, 0, List.of(new Shape(1, 2)), Embedding.ALONE);
        Case c = new Case(s, new double[][] {{0, 1}}, new double[] {1, 1}, new double[][] {{0, 0}}, "test");
        List<Failure> f = ContractCheck.run(c, List.of(new Careless()));
        assertEquals(1, f.size());
        assertEquals(Check.SHAPE, f.get(0).check());
        assertTrue(ContractCheck.run(scalarCase(Elementary.EXP, Embedding.ALONE, 1, 0.0), List.of(new Careless()))
                .stream().anyMatch(x -> x.check() == Check.VALUE), "exp(0) = 1, not 0");
    }

    @Test
    void theCoreBackEndsAreDiscovered() {
        assertTrue(BackEnds.names().containsAll(List.of("interpreter", "interpreter-anomaly", "compiled", "memory-planned",
                "checkpointed", "recorder", "tensor-engine", "reverse-graph", "jvp-graph")), BackEnds.names().toString());
    }
}
