package dev.leibniz.sparse;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.ReverseMode;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * Properties on random sparse graphs ({@link RandomSparseGraphs}): detection finds exactly
 * the dependences the generator built in; compressed evaluation, by columns and by rows,
 * equals the dense Jacobian bitwise (columns: ad-forward's dense forward mode; rows: ad-core's
 * reverse mode, one unit cotangent per row — same products, same order, the other members of a
 * color only adding exact zeros); local ⊆ global pattern; observed nonzeros ⊆ pattern, also
 * for Hessians.
 */
class SparseJacobianProperties {

    @Property(tries = 150)
    void globalPatternIsExactlyTheBuiltInDependence(@ForAll long seed) {
        RandomSparseGraphs.Case c = RandomSparseGraphs.generate(seed);
        assertArrayEquals(c.expected(), SparsityDetector.jacobian(c.graph()).toBooleanMatrix());
    }

    @Property(tries = 150)
    void compressedEqualsDenseByColumnsAndByRows(@ForAll long seed) {
        RandomSparseGraphs.Case c = RandomSparseGraphs.generate(seed);
        Graph g = c.graph();
        Random rnd = new Random(seed);
        for (Direction d : Direction.values()) {
            SparseJacobian jac = SparseJacobian.prepare(g, d);
            for (int t = 0; t < 2; t++) {
                SparseJacobianTest.assertMatchesDense(g, jac, TestGraphs.randomPoint(rnd, c.inputs()), EvalOptions.DEFAULT);
            }
        }
    }

    @Property(tries = 150)
    void observedNonzerosLieInTheLocalPatternWhichLiesInTheGlobalOne(@ForAll long seed) {
        RandomSparseGraphs.Case c = RandomSparseGraphs.generate(seed);
        Graph g = c.graph();
        SparsityPattern global = SparsityDetector.jacobian(g);
        Random rnd = new Random(seed);
        for (int t = 0; t < 3; t++) {
            double[] x = TestGraphs.randomPoint(rnd, c.inputs());
            SparsityPattern local = SparsityDetector.jacobian(g, x);
            SparsityPattern observed = SparsityPattern.nonzerosOf(TestGraphs.denseReverse(g, x));
            assertTrue(local.isSubsetOf(global));
            assertTrue(observed.isSubsetOf(local), () -> "observed\n" + observed + "\nlocal\n" + local + "\n" + g);
            // compressed evaluation with the local pattern is exact at its own point
            SparseJacobian jac = SparseJacobian.prepare(g, local, GreedyColoring.best(local, Direction.COLUMNS));
            SparseJacobianTest.assertMatchesDense(g, jac, x, EvalOptions.DEFAULT);
        }
    }

    @Property(tries = 60)
    void hessianPatternContainsObservedSecondDerivativesAndSparseHessianIsRight(@ForAll long seed) {
        RandomSparseGraphs.Case c = RandomSparseGraphs.generate(seed);
        Graph g = c.graph();
        SparsityPattern pattern = SparsityDetector.hessian(g, 0);
        assertTrue(pattern.isSymmetric());
        SparseHessian hess = SparseHessian.prepare(g, 0);
        Random rnd = new Random(seed);
        for (int t = 0; t < 2; t++) {
            double[] x = TestGraphs.randomPoint(rnd, c.inputs());
            SparsityPattern observed = SparsityPattern.nonzerosOf(ReverseMode.hessian(g, x));
            assertTrue(observed.isSubsetOf(pattern), () -> "observed\n" + observed + "\npattern\n" + pattern + "\n" + g);
            assertTrue(SparsityDetector.hessian(g, x).isSubsetOf(SparsityDetector.hessian(g)));
            SparseHessianTest.assertMatchesReverseOverReverse(g, hess.evaluate(x), x);
        }
    }
}
