package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.sparse.examples.Brusselator2D;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * The implicit method with compressed sparse Jacobians and sparse LU on the 2-D Brusselator
 * (ad-sparse's fixture graph as the right-hand side, 2N² states): against the dense strategy
 * and against Hipparchus' explicit Dormand–Prince 8(5,3) on the plain-Java right-hand side.
 */
class SparseJacobianTest {

    static OdeProblem brusselator(int n) {
        Graph g = Brusselator2D.graph(n);
        String[] states = new String[g.inputCount()];
        for (int i = 0; i < states.length; i++) {
            states[i] = g.inputName(i);
        }
        return OdeProblem.of(g, states, new String[0], 0.0, Brusselator2D.initialState(n));
    }

    /** The reference: Hipparchus' DP853 at tight tolerances on {@link Brusselator2D#rhs}. */
    static double[] hipparchus(int n, double t) {
        double alpha = Brusselator2D.defaultAlpha(n);
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 2 * n * n;
            }

            public double[] computeDerivatives(double tt, double[] y) {
                double[] out = new double[y.length];
                Brusselator2D.rhs(n, alpha, y, out);
                return out;
            }
        };
        // stiff: the largest eigenvalue is about −8α, and DP853 is stable for h|λ| ≲ 6 only
        double maxStep = 2.0 / (8 * alpha);
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, maxStep, 1e-10, 1e-10);
        return dp.integrate(ode, new ODEState(0, Brusselator2D.initialState(n)), t).getPrimaryState();
    }

    private static SolverOptions rosenbrock(JacobianStrategy j, double rtol, double atol) {
        return SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(rtol, atol).withJacobian(j);
    }

    /** max over k, i of |a − b| / (atol + rtol |b|): the difference in units of the local tolerance. */
    private static double scaled(double[] a, double[] b, double rtol, double atol) {
        double m = 0;
        for (int i = 0; i < a.length; i++) {
            m = Math.max(m, Math.abs(a[i] - b[i]) / (atol + rtol * Math.abs(b[i])));
        }
        return m;
    }

    @Test
    void brusselator16SparseAndDenseGiveTheSameTrajectory() {
        int n = 16;
        double rtol = 1e-4;
        double atol = 1e-7;
        double[] times = {0.25, 0.5, 1.0};
        OdeProblem p = brusselator(n);
        Solution sparse = Ode.solve(p, new double[0], times, rosenbrock(JacobianStrategy.sparse(), rtol, atol));
        Solution dense = Ode.solve(p, new double[0], times, rosenbrock(JacobianStrategy.dense(), rtol, atol));
        double[] ref = hipparchus(n, 1.0);
        double same = 0;
        for (int k = 0; k < times.length; k++) {
            same = Math.max(same, scaled(sparse.state(k), dense.state(k), rtol, atol));
        }
        double err = scaled(sparse.state(2), ref, rtol, atol);
        System.out.printf("Brusselator %d×%d (n = %d): sparse %s%n  dense %s%n  sparse vs dense %.2e, "
                + "sparse vs DP853 %.2e (in units of the tolerance)%n", n, n, 2 * n * n, sparse.statistics(),
                dense.statistics(), same, err);
        // both take the same steps with bitwise-equal Jacobians: only the LUs' rounding differs
        assertEquals(dense.statistics().steps(), sparse.statistics().steps());
        assertTrue(same < 1e-6, "sparse and dense trajectories differ by " + same + " tolerances");
        assertEquals(2 * n * n, dense.statistics().jacobianSweeps());
        int sweeps = sparse.statistics().jacobianSweeps();
        // each row holds 6 nonzeros (5-point stencil + the other species): at least 6 colors
        assertTrue(sweeps >= 6 && sweeps <= 12, sweeps + " sweeps");
        // an order-2 method's global error at rtol 1e-4 over ~50 steps: a few tolerances at most
        assertTrue(err < 10, "sparse Rosenbrock vs DP853: " + err + " tolerances");
    }

    @Test
    void brusselator32SparseMatchesHipparchusOnAShortSpan() {
        int n = 32;
        double rtol = 1e-4;
        double atol = 1e-7;
        double t = 0.02;
        OdeProblem p = brusselator(n);
        // auto picks sparse: 2048 states, 12 nonzeros a row
        Solution s = Ode.solve(p, new double[0], new double[] {t}, rosenbrock(JacobianStrategy.auto(), rtol, atol));
        double err = scaled(s.state(0), hipparchus(n, t), rtol, atol);
        System.out.printf("Brusselator %d×%d (n = %d): %s; vs DP853 %.2e tolerances%n", n, n, 2 * n * n, s.statistics(), err);
        int sweeps = s.statistics().jacobianSweeps();
        assertTrue(sweeps >= 6 && sweeps <= 12, sweeps + " sweeps instead of " + 2 * n * n);
        assertTrue(err < 10, "sparse Rosenbrock vs DP853: " + err + " tolerances");
    }
}
