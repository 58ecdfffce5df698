package dev.leibniz.benchmarks;

import dev.leibniz.core.Var;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The extended Rosenbrock function of Moré, Garbow and Hillstrom (1981), for even n:
 * f(x) = Σ_{i=0}^{n/2−1} [100·(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})²].
 * Written three times — plain doubles, Leibniz variables, Hipparchus forward-mode gradients —
 * so that each benchmark times the same arithmetic.
 */
public final class Rosenbrock {
    private Rosenbrock() {
    }

    /** The standard starting point (−1.2, 1, −1.2, 1, …). */
    public static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    /** Plain Java: the baseline every ratio is measured against. */
    public static double value(double[] x) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            double b = 1.0 - x[i];
            f += 100.0 * a * a + b * b;
        }
        return f;
    }

    /** Hand-written gradient, the oracle for the benchmarks' sanity check. */
    public static void gradient(double[] x, double[] g) {
        for (int i = 0; i + 1 < x.length; i += 2) {
            double a = x[i + 1] - x[i] * x[i];
            g[i] = -400.0 * a * x[i] - 2.0 * (1.0 - x[i]);
            g[i + 1] = 200.0 * a;
        }
    }

    /**
     * Value and gradient by a hand-written adjoint: what a source-transformation tool (Tapenade)
     * produces for {@link #value(double[])}, forward and reverse sweep fused in one loop because
     * no iteration reads another's intermediates. The lower bound any AD tool aims at: the same
     * loop as the function plus the adjoint arithmetic, temporaries in registers, nothing stored.
     */
    public static double valueAndGradient(double[] x, double[] g) {
        double f = 0;
        for (int i = 0; i + 1 < x.length; i += 2) {
            double xi = x[i];
            double a = x[i + 1] - xi * xi;
            double b = 1.0 - xi;
            f += 100.0 * a * a + b * b;
            double ga = 200.0 * a;      // ∂f/∂a
            g[i] = -2.0 * xi * ga - 2.0 * b;
            g[i + 1] = ga;
        }
        return f;
    }

    /** The same function on Leibniz variables (traced or recorded). */
    public static Var value(Var[] x) {
        Var hundred = x[0].constant(100.0);
        Var one = x[0].constant(1.0);
        Var f = null;
        for (int i = 0; i + 1 < x.length; i += 2) {
            Var a = x[i + 1].sub(x[i].square());
            Var b = one.sub(x[i]);
            Var term = hundred.mul(a.square()).add(b.square());
            f = f == null ? term : f.add(term);
        }
        return f;
    }

    /**
     * The same function written vectorized, as NumPy or PyTorch user code would be: {@code x} is
     * the n×1 column of all variables, viewed as n/2 rows of pairs (x_{2i}, x_{2i+1}); every
     * operation below is one whole-array operation (one tape entry when recorded), and the terms
     * are summed in the same order as {@link #value(Var[])}.
     */
    public static Var valueVectorized(Var x) {
        int n = x.shape().rows();
        Var pairs = x.reshape(n / 2, 2);
        Var even = pairs.sliceCols(0, 1);
        Var odd = pairs.sliceCols(1, 2);
        Var a = odd.sub(even.square());
        Var b = x.constant(1.0).sub(even);
        return x.constant(100.0).mul(a.square()).add(b.square()).sumAll();
    }

    /** The same function on Hipparchus forward-mode gradients (n tangent lanes per value). */
    public static Gradient value(Gradient[] x) {
        Gradient f = x[0].getField().getZero();
        for (int i = 0; i + 1 < x.length; i += 2) {
            Gradient a = x[i + 1].subtract(x[i].square());
            Gradient b = x[i].negate().add(1.0);
            f = f.add(a.square().multiply(100.0)).add(b.square());
        }
        return f;
    }
}
