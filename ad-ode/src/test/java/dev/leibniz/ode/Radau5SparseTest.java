package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * RADAU5 with a sparse Jacobian and sparse LUs ({@code RadauSparseSystems}) against RADAU5 with
 * dense ones, on the one-dimensional Brusselator of Hairer &amp; Wanner (Solving ODEs II, IV.10,
 * BRUSS with N grid points, 2N states):
 * <pre>  u_i' = 1 + u_i² v_i − 4u_i + α(N+1)²(u_{i−1} − 2u_i + u_{i+1}),
 *   v_i' = 3u_i − u_i² v_i + α(N+1)²(v_{i−1} − 2v_i + v_{i+1}),</pre>
 * u = 1, v = 3 at the boundaries, u_i(0) = 1 + sin(2πx_i), v_i(0) = 3, x_i = i/(N+1). The two
 * runs are the same method and differ only in the rounding of their linear solves, so the states
 * agree far inside the tolerance; both agree with Rodas5P at a tighter tolerance (an independent
 * method) to the tolerance. Forward sensitivities (d/dα) run through the sparse path too.
 */
class Radau5SparseTest {
    private static final int N = 40;

    static OdeProblem bruss() {
        return bruss(N);
    }

    /** BRUSS with n grid points (2n states). */
    static OdeProblem bruss(int N) {
        String[] names = new String[2 * N];
        double[] y0 = new double[2 * N];
        for (int i = 0; i < N; i++) {
            names[i] = "u" + (i + 1);
            names[N + i] = "v" + (i + 1);
            y0[i] = 1 + Math.sin(2 * Math.PI * (i + 1) / (N + 1));
            y0[N + i] = 3;
        }
        double d = (N + 1) * (N + 1);
        return OdeProblem.builder().states(names).parameters("alpha").rhs((t, y, p) -> {
            Var c = p[0].mul(d);
            Var[] out = new Var[2 * N];
            for (int i = 0; i < N; i++) {
                Var u = y[i];
                Var v = y[N + i];
                Var uw = i == 0 ? null : y[i - 1];
                Var ue = i == N - 1 ? null : y[i + 1];
                Var vw = i == 0 ? null : y[N + i - 1];
                Var ve = i == N - 1 ? null : y[N + i + 1];
                Var lapU = uw == null ? u.mul(-2).add(1) : uw.sub(u.mul(2));
                lapU = ue == null ? lapU.add(1) : lapU.add(ue);
                Var lapV = vw == null ? v.mul(-2).add(3) : vw.sub(v.mul(2));
                lapV = ve == null ? lapV.add(3) : lapV.add(ve);
                Var u2v = u.square().mul(v);
                out[i] = u2v.add(1).sub(u.mul(4)).add(c.mul(lapU));
                out[N + i] = u.mul(3).sub(u2v).add(c.mul(lapV));
            }
            return out;
        }).initial(y0).build();
    }

    private static final double[] ALPHA = {0.02};

    private static Solution solve(Method m, JacobianStrategy j, double tol) {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(tol, tol).withJacobian(j);
        return Ode.solve(bruss(), ALPHA, new double[] {1, 10}, o);
    }

    @Test
    void sparseAndDenseRadau5Agree() {
        Solution sparse = solve(Method.RADAU5, JacobianStrategy.sparse(), 1e-8);
        Solution dense = solve(Method.RADAU5, JacobianStrategy.dense(), 1e-8);
        Solution rodas = solve(Method.RODAS5P, JacobianStrategy.sparse(), 1e-11);
        System.out.println("bruss N=" + N + " radau5 sparse: " + sparse.statistics() + "; dense: " + dense.statistics());
        assertTrue(sparse.statistics().jacobianSweeps() < 2 * N, "sparse Jacobian: " + sparse.statistics());
        for (int k = 0; k < 2; k++) {
            for (int i = 0; i < 2 * N; i++) {
                double s = sparse.value(k, i);
                assertTrue(Math.abs(s - dense.value(k, i)) <= 1e-11 * (1 + Math.abs(s)),
                        "t index " + k + " state " + i + ": sparse " + s + " dense " + dense.value(k, i));
                assertTrue(Math.abs(s - rodas.value(k, i)) <= 10 * 1e-8 * (1 + Math.abs(s)),
                        "t index " + k + " state " + i + ": radau5 " + s + " rodas5p " + rodas.value(k, i));
            }
        }
    }

    /** Forward sensitivities carry n + p lanes (y₀ included), so a smaller grid keeps this test short. */
    private static final int SMALL = 10;

    @Test
    void forwardSensitivitiesRunOnTheSparsePath() {
        TrajectoryLoss loss = (times, states, params, dStates, dParams) -> {
            double l = 0;
            for (int i = 0; i < 2 * SMALL; i++) {
                l += states[1][i] * states[1][i];
                dStates[1][i] = 2 * states[1][i];
            }
            return l;
        };
        double[][] g = new double[2][];
        JacobianStrategy[] js = {JacobianStrategy.sparse(), JacobianStrategy.dense()};
        for (int q = 0; q < 2; q++) {
            SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.RADAU5).withTolerances(1e-8, 1e-8)
                    .withJacobian(js[q]);
            g[q] = Ode.gradient(bruss(SMALL), ALPHA, new double[] {1, 10}, loss, SensitivityMethod.FORWARD, o).gradient();
        }
        Problems.assertClose(g[1], g[0], 1e-9, "sparse vs dense forward sensitivities");
    }
}
