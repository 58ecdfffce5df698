package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Var;
import dev.leibniz.ode.JacobianStrategy;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The numeric kernels against independent oracles: JVPs and ∂f/∂y against central differences,
 * VJPs against JVPs by the dot-product identity ⟨u, J v⟩ = ⟨Jᵀu, v⟩.
 */
class RhsFunctionTest {

    private static Graph graph() {
        dev.leibniz.core.GraphBuilder b = dev.leibniz.core.GraphBuilder.tracing();
        Var a = b.input("a");
        Var y1 = b.input("y1");
        Var t = b.input("t");
        Var y0 = b.input("y0");
        Var y2 = b.input("y2");
        Var bb = b.input("b");
        java.util.Map<String, Var> out = new java.util.LinkedHashMap<>();
        out.put("f0", y0.mul(y1).sin().add(a.mul(t).exp()).sub(y2.square().div(bb)));
        out.put("f1", Var.logsumexp(y0, y1.mul(a), y2).mul(t.cos()).add(y1.tanh()));
        out.put("f2", y0.sub(y2).abs().add(bb.mul(y1).softplus()).mul(y2.sigmoid()));
        return b.build(out);
    }

    // input positions: a=0, y1=1, t=2, y0=3, y2=4, b=5 -> sources
    private static final int[] SOURCE = {3 + 1, 1, -1, 0, 2, 3 + 2};

    private static RhsFunction rhs(double[] p) {
        // states y0, y1, y2 (n = 3); parameters: dummy-free layout p = (q0, a, b)
        return new RhsFunction(graph(), SOURCE, 3, 3, p, JacobianStrategy.dense(), new Counters());
    }

    private static final double[] P = {9.0, 0.3, 1.7};
    private static final double[] Y = {0.4, -0.8, 1.3};
    private static final double T = 0.6;

    private static double[] f(double t, double[] y, double[] p) {
        double[] out = new double[3];
        rhs(p).eval(t, y, 0, out, 0);
        return out;
    }

    @Test
    void jacobianMatchesCentralDifferences() {
        RhsFunction r = rhs(P);
        double[] jac = new double[9];
        r.jacobian(T, Y, 0, jac);
        for (int k = 0; k < 3; k++) {
            double h = 1e-6;
            double[] a = Y.clone();
            double[] b = Y.clone();
            a[k] += h;
            b[k] -= h;
            double[] fa = f(T, a, P);
            double[] fb = f(T, b, P);
            for (int i = 0; i < 3; i++) {
                assertEquals((fa[i] - fb[i]) / (2 * h), jac[i * 3 + k], 1e-8, "df" + i + "/dy" + k);
            }
        }
        double[] ft = new double[3];
        r.timeDerivative(T, Y, 0, ft, 0);
        double[] fa = f(T + 1e-6, Y, P);
        double[] fb = f(T - 1e-6, Y, P);
        for (int i = 0; i < 3; i++) {
            assertEquals((fa[i] - fb[i]) / 2e-6, ft[i], 1e-8, "df" + i + "/dt");
        }
    }

    @Test
    void sensitivityRightHandSideMatchesDirectionalDifferences() {
        // lanes: parameters 0..2 (unit), then one free lane with S column v
        RhsFunction r = rhs(P);
        int lanes = 4;
        double[] v = {0.3, -1.1, 0.7};
        double[] s = new double[3 * lanes];
        for (int i = 0; i < 3; i++) {
            s[i * lanes + 3] = v[i];
        }
        double[] u = new double[3 + 3 * lanes];
        System.arraycopy(Y, 0, u, 0, 3);
        System.arraycopy(s, 0, u, 3, s.length);
        double[] du = new double[u.length];
        r.sensitivity(T, u, du, lanes, 3);
        double h = 1e-6;
        for (int q = 0; q < 3; q++) {
            double[] pa = P.clone();
            double[] pb = P.clone();
            pa[q] += h;
            pb[q] -= h;
            double[] fa = f(T, Y, pa);
            double[] fb = f(T, Y, pb);
            for (int i = 0; i < 3; i++) {
                assertEquals((fa[i] - fb[i]) / (2 * h), du[3 + i * lanes + q], 1e-8, "df" + i + "/dp" + q);
            }
        }
        double[] ya = Y.clone();
        double[] yb = Y.clone();
        for (int i = 0; i < 3; i++) {
            ya[i] += h * v[i];
            yb[i] -= h * v[i];
        }
        double[] fa = f(T, ya, P);
        double[] fb = f(T, yb, P);
        for (int i = 0; i < 3; i++) {
            assertEquals((fa[i] - fb[i]) / (2 * h), du[3 + i * lanes + 3], 1e-8, "J v, row " + i);
        }
    }

    @Test
    void vjpSatisfiesTheDotProductIdentity() {
        Random rnd = new Random(7);
        RhsFunction r = rhs(P);
        double[] jac = new double[9];
        r.jacobian(T, Y, 0, jac);
        int lanes = 3;
        double[] u0 = new double[3 + 3 * lanes];
        System.arraycopy(Y, 0, u0, 0, 3);
        double[] du = new double[u0.length];
        r.sensitivity(T, u0, du, lanes, 3);
        for (int trial = 0; trial < 5; trial++) {
            double[] w = {rnd.nextGaussian(), rnd.nextGaussian(), rnd.nextGaussian()};
            double[] ybar = new double[3];
            double[] pbar = new double[3];
            r.vjp(T, Y, 0, w, 0, ybar, 0, pbar, 0);
            for (int k = 0; k < 3; k++) {
                double jtw = 0;
                double jptw = 0;
                for (int i = 0; i < 3; i++) {
                    jtw += w[i] * jac[i * 3 + k];
                    jptw += w[i] * du[3 + i * lanes + k];
                }
                assertEquals(jtw, ybar[k], 1e-12 * (1 + Math.abs(jtw)), "(J^T w)_" + k);
                assertEquals(jptw, pbar[k], 1e-12 * (1 + Math.abs(jptw)), "(J_p^T w)_" + k);
            }
        }
    }
}
