package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Subgradients;
import org.junit.jupiter.api.Test;

class ConstantFoldingTest {

    @Test
    void foldsAWholeConstantSubtreeInOnePassWithTheSameBits() {
        // x·sin(e^0.5): exp and sin fold, in order, in one pass
        Graph f = Graph.trace(v -> v[0].mul(v[0].constant(0.5).exp().sin()), "x");
        PassResult r = ConstantFolding.apply(f);
        assertEquals(2, r.removed());
        assertEquals("constant folding removed 2", r.toString());
        Graph g = r.graph();
        assertEquals(f.size(), g.size());
        assertEquals("const", g.primitive(g.arg(g.outputNode(0), 1)).name());
        assertEquals(Double.doubleToLongBits(Math.sin(Math.exp(0.5))), Double.doubleToLongBits(g.param(3)));
        assertEquals(Double.doubleToLongBits(-1.75 * Math.sin(Math.exp(0.5))),
                Double.doubleToLongBits(g.evaluate(-1.75)[0]));
    }

    @Test
    void strongZeroProductByAFiniteNonzeroConstantBecomesMulWithTheSameBits() {
        // mulz(x, 2)·y + mulz(0.5, y): both become mul; mulz(x, 0) and mulz(y, ∞) keep their strong zero
        Graph f = Graph.trace(v -> v[0].mulStrongZero(v[0].constant(2.0)).mul(v[1])
                .add(v[0].constant(0.5).mulStrongZero(v[1]))
                .add(v[0].mulStrongZero(v[0].constant(0.0)))
                .add(v[1].mulStrongZero(v[0].constant(Double.POSITIVE_INFINITY))), "x", "y");
        Graph g = ConstantFolding.apply(f).graph();
        int mul = 0;
        int mulz = 0;
        for (int i = 0; i < g.size(); i++) {
            mul += g.primitive(i).name().equals("mul") ? 1 : 0;
            mulz += g.primitive(i).name().equals("mulz") ? 1 : 0;
        }
        assertEquals(3, mul);
        assertEquals(2, mulz);
        double inf = Double.POSITIVE_INFINITY;
        for (double[] x : new double[][] {{1.5, -2}, {0.0, 3}, {-0.0, -0.0}, {inf, 1}, {-inf, 0.0}, {Double.NaN, 2},
                {1e308, 1e308}, {4.9e-324, 0.0}}) {
            GraphComparison.assertSameValues(f, g, x);
            GraphComparison.assertSameGradients(f, g, x);
        }
    }

    /** Every declared cheaper primitive computes the same bits as the original, on a grid with non-finite values. */
    @Test
    void everyDeclaredCheaperPrimitiveHasTheSameBits() {
        double inf = Double.POSITIVE_INFINITY;
        double[] grid = {0.0, -0.0, 1.0, -2.5, 1e-310, 1e308, inf, -inf, Double.NaN};
        int declared = 0;
        for (dev.leibniz.core.prim.Primitive p : dev.leibniz.core.prim.Primitives.scalarPrimitives()) {
            if (p.arity() != 2 || p.usesPolicy()) {
                continue;
            }
            for (int k = 0; k < 2; k++) {
                for (double c : grid) {
                    dev.leibniz.core.prim.Primitive q = p.sameBitsWithConstant(k, c);
                    if (q == null) {
                        continue;
                    }
                    declared++;
                    for (double other : grid) {
                        double[] x = k == 0 ? new double[] {c, other} : new double[] {other, c};
                        assertEquals(Double.doubleToLongBits(p.apply(x, 2, 0.0, Subgradients.DEFAULT)),
                                Double.doubleToLongBits(q.apply(x, 2, 0.0, Subgradients.DEFAULT)),
                                p.name() + " -> " + q.name() + " at " + x[0] + ", " + x[1]);
                    }
                }
            }
        }
        assertEquals(2 * 4, declared, "mulz by the four finite nonzero values, on either side");
    }

    @Test
    void doesNotFoldPolicyDependentSteps() {
        // x·step(0): the value at the kink is chosen per evaluation, so it cannot be fixed now
        Graph f = Graph.trace(v -> v[0].mul(v[0].constant(0.0).step()), "x");
        PassResult r = ConstantFolding.apply(f);
        assertEquals(0, r.removed());
        EvalOptions reluOne = EvalOptions.DEFAULT.withPolicy(Subgradients.DEFAULT.withReluAtZero(1.0));
        assertEquals(3.0, r.graph().compile().evaluate(reluOne, 3.0)[0], 0.0);
        assertEquals(0.0, r.graph().compile().evaluate(EvalOptions.DEFAULT, 3.0)[0], 0.0);
    }

    @Test
    void keepsNonFiniteResultsSoAnomalyDetectionCanNameTheirPrimitive() {
        // x + log(0) = −∞: the log node stays, and anomaly detection points at it
        Graph f = Graph.trace(v -> v[0].add(v[0].constant(0.0).log()), "x");
        PassResult r = ConstantFolding.apply(f);
        assertEquals(0, r.removed());
        AnomalyException e = assertThrows(AnomalyException.class,
                () -> r.graph().compile().evaluate(EvalOptions.DEFAULT.withAnomalyDetection(true), 1.0));
        assertEquals("log", r.graph().primitive(e.node()).name());
        assertTrue(e.getMessage().contains("log"), e.getMessage());
    }

    @Test
    void foldsComparisonsAndNonFiniteArgumentsWithFiniteResults() {
        // select(2 > 1, x, y) keeps the select (x, y are inputs) but folds the comparison to 1;
        // exp(−∞) = 0 is finite and folds
        Graph f = Graph.trace(v -> dev.leibniz.core.Var.select(v[0].constant(2.0).gt(1.0), v[0], v[1])
                .add(v[0].constant(Double.NEGATIVE_INFINITY).exp()), "x", "y");
        PassResult r = ConstantFolding.apply(f);
        assertEquals(2, r.removed());
        assertEquals(4.0, r.graph().evaluate(4.0, 9.0)[0], 0.0);
    }

    @Test
    void leavesAGraphWithoutConstantOperationsAlone() {
        Graph f = Graph.trace(v -> v[0].sin().mul(v[1]), "x", "y");
        PassResult r = ConstantFolding.apply(f);
        assertEquals(0, r.removed());
        assertEquals(f.toString(), r.graph().toString());
    }
}
