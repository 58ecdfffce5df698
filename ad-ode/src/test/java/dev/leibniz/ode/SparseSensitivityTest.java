package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * The sensitivity paths of the implicit method with the sparse strategy: forward sensitivities
 * (one sparse LU of I − hγJ per step for all lanes) and the continuous adjoint (I − hγJᵀ) give the
 * same gradient as with the dense strategy, on a stiff heat equation with one diffusivity per
 * cell (n = p = 40).
 */
class SparseSensitivityTest {
    static final int CELLS = 40;

    /** y_i' = k_i (n + 1)² (y_{i−1} − 2y_i + y_{i+1}) − y_i³ / 2, y_0 = y_{n+1} = 0, y_i(0) = sin(π x_i). */
    static OdeProblem heat(int n) {
        String[] states = new String[n];
        String[] params = new String[n];
        double[] y0 = new double[n];
        for (int i = 0; i < n; i++) {
            states[i] = "u" + i;
            params[i] = "k" + i;
            y0[i] = Math.sin(Math.PI * (i + 1) / (n + 1));
        }
        double scale = (n + 1.0) * (n + 1.0);
        return OdeProblem.builder().states(states).parameters(params)
                .rhs((t, y, p) -> {
                    Var[] dy = new Var[n];
                    for (int i = 0; i < n; i++) {
                        Var lap = y[i].mul(-2.0);
                        if (i > 0) {
                            lap = lap.add(y[i - 1]);
                        }
                        if (i < n - 1) {
                            lap = lap.add(y[i + 1]);
                        }
                        dy[i] = p[i].mul(scale).mul(lap).sub(y[i].square().mul(y[i]).mul(0.5));
                    }
                    return dy;
                })
                .initial(y0).build();
    }

    static double[] diffusivities(int n) {
        double[] k = new double[n];
        for (int i = 0; i < n; i++) {
            k[i] = 0.05 + 0.02 * Math.sin(i);
        }
        return k;
    }

    static double[][] data(double[] times, int n) {
        double[][] d = new double[times.length][n];
        for (int m = 0; m < times.length; m++) {
            for (int i = 0; i < n; i++) {
                d[m][i] = 0.8 * Math.exp(-times[m]) * Math.sin(Math.PI * (i + 1) / (n + 1));
            }
        }
        return d;
    }

    @Test
    void forwardAndAdjointGradientsAreTheSameWithSparseAndDenseJacobians() {
        OdeProblem p = heat(CELLS);
        double[] k = diffusivities(CELLS);
        double[] times = {0.1, 0.2, 0.4};
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data(times, CELLS));
        SolverOptions ros = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-5, 1e-8);
        LossGradient[] g = new LossGradient[4];
        int at = 0;
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.CONTINUOUS_ADJOINT}) {
            for (JacobianStrategy j : new JacobianStrategy[] {JacobianStrategy.sparse(), JacobianStrategy.dense()}) {
                g[at++] = Ode.gradient(p, k, times, loss, m, ros.withJacobian(j));
            }
        }
        System.out.println("heat equation, " + CELLS + " cells: forward, sparse: " + g[0].statistics()
                + "\n  forward, dense: " + g[1].statistics() + "\n  continuous adjoint, sparse: " + g[2].statistics());
        assertEquals(3, g[0].statistics().jacobianSweeps(), "a tridiagonal Jacobian needs 3 colors");
        assertEquals(CELLS, g[1].statistics().jacobianSweeps());
        for (int pair = 0; pair < 4; pair += 2) {
            LossGradient sparse = g[pair];
            LossGradient dense = g[pair + 1];
            assertEquals(dense.statistics().steps(), sparse.statistics().steps());
            assertEquals(dense.value(), sparse.value(), 1e-12 * dense.value());
            // the same steps and bitwise-equal Jacobians: only the two LUs' rounding differs
            Problems.assertClose(dense.gradient(), sparse.gradient(), 1e-8, sparse.method() + " sparse vs dense");
        }
        // and the two sensitivity methods agree with each other to the tolerance
        double norm = 0;
        double diff = 0;
        for (int q = 0; q < CELLS; q++) {
            norm = Math.max(norm, Math.abs(g[0].gradient(q)));
            diff = Math.max(diff, Math.abs(g[0].gradient(q) - g[2].gradient(q)));
        }
        assertTrue(diff < 1e-3 * norm, "forward vs continuous adjoint: " + diff + " of " + norm);
    }

    @Test
    void autoPicksSparseOnlyForLargeSparseSystems() { // 64 states is the threshold
        double[] times = {0.05};
        SolverOptions ros = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK);
        assertEquals(JacobianStrategy.auto(), SolverOptions.DEFAULT.jacobian());
        // 64 cells, 3 nonzeros a row (density 0.05): sparse, 3 colors
        Solution big = Ode.solve(heat(64), diffusivities(64), times, ros);
        assertEquals(3, big.statistics().jacobianSweeps());
        // 63 cells: below the size threshold, dense
        Solution small = Ode.solve(heat(63), diffusivities(63), times, ros);
        assertEquals(63, small.statistics().jacobianSweeps());
        // explicit methods need no Jacobian at all
        assertEquals(0, Ode.solve(heat(64), diffusivities(64), times).statistics().jacobianSweeps());
    }
}
