package dev.leibniz.benchmarks;

import dev.leibniz.core.Var;

/**
 * The right-hand side of the two-dimensional Brusselator reaction–diffusion system on an N×N
 * periodic grid (the stiff benchmark of Hairer and Wanner, as in the SciML benchmarks), before
 * the forcing switches on (t &lt; 1.1):
 * <pre>
 *   u' = 1 + u²v − 4.4u + α Δu
 *   v' = 3.4u − u²v      + α Δv,     α = 10/Δx², Δx = 1/(N − 1),
 * </pre>
 * with Δ the five-point Laplacian. State layout: u at {@code 2(iN + j)}, v at {@code 2(iN + j) + 1}.
 * Written twice, on doubles and on Leibniz variables, so that both do the same arithmetic.
 */
public final class Brusselator {
    private Brusselator() {
    }

    /** The initial state of the benchmark: u = 22·(y(1 − y))^1.5, v = 27·(x(1 − x))^1.5. */
    public static double[] start(int n) {
        double[] s = new double[2 * n * n];
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                double x = i / (double) (n - 1);
                double y = j / (double) (n - 1);
                s[2 * (i * n + j)] = 22 * Math.pow(y * (1 - y), 1.5);
                s[2 * (i * n + j) + 1] = 27 * Math.pow(x * (1 - x), 1.5);
            }
        }
        return s;
    }

    private static double alpha(int n) {
        double dx = 1.0 / (n - 1);
        return 10.0 / (dx * dx);
    }

    /** Plain Java: du/dt and dv/dt into {@code out}. */
    public static void rhs(int n, double[] s, double[] out) {
        double alpha = alpha(n);
        for (int i = 0; i < n; i++) {
            int up = (i + n - 1) % n;
            int down = (i + 1) % n;
            for (int j = 0; j < n; j++) {
                int left = (j + n - 1) % n;
                int right = (j + 1) % n;
                int k = 2 * (i * n + j);
                double u = s[k];
                double v = s[k + 1];
                double lapU = s[2 * (up * n + j)] + s[2 * (down * n + j)] + s[2 * (i * n + left)]
                        + s[2 * (i * n + right)] - 4.0 * u;
                double lapV = s[2 * (up * n + j) + 1] + s[2 * (down * n + j) + 1] + s[2 * (i * n + left) + 1]
                        + s[2 * (i * n + right) + 1] - 4.0 * v;
                double uuv = u * u * v;
                out[k] = 1.0 + uuv - 4.4 * u + alpha * lapU;
                out[k + 1] = 3.4 * u - uuv + alpha * lapV;
            }
        }
    }

    /** The same right-hand side on variables (traced or recorded); the constants are shared nodes. */
    public static Var[] rhs(int n, Var[] s) {
        Var alpha = s[0].constant(alpha(n));
        Var one = s[0].constant(1.0);
        Var four = s[0].constant(4.0);
        Var a44 = s[0].constant(4.4);
        Var a34 = s[0].constant(3.4);
        Var[] out = new Var[s.length];
        for (int i = 0; i < n; i++) {
            int up = (i + n - 1) % n;
            int down = (i + 1) % n;
            for (int j = 0; j < n; j++) {
                int left = (j + n - 1) % n;
                int right = (j + 1) % n;
                int k = 2 * (i * n + j);
                Var u = s[k];
                Var v = s[k + 1];
                Var lapU = s[2 * (up * n + j)].add(s[2 * (down * n + j)]).add(s[2 * (i * n + left)])
                        .add(s[2 * (i * n + right)]).sub(four.mul(u));
                Var lapV = s[2 * (up * n + j) + 1].add(s[2 * (down * n + j) + 1]).add(s[2 * (i * n + left) + 1])
                        .add(s[2 * (i * n + right) + 1]).sub(four.mul(v));
                Var uuv = u.mul(u).mul(v);
                out[k] = one.add(uuv).sub(a44.mul(u)).add(alpha.mul(lapU));
                out[k + 1] = a34.mul(u).sub(uuv).add(alpha.mul(lapV));
            }
        }
        return out;
    }

    /**
     * Σ w_k · out_k: the scalar whose gradient with respect to the state is the vector–Jacobian
     * product wᵀJ. The weights are variables (inputs of the graph), as the cotangents of an
     * adjoint solver change at every step.
     */
    public static Var weightedSum(Var[] out, Var[] w) {
        Var sum = out[0].mul(w[0]);
        for (int k = 1; k < out.length; k++) {
            sum = sum.add(out[k].mul(w[k]));
        }
        return sum;
    }

    /**
     * Σ w_k f_k(s) written vectorized, as NumPy or PyTorch user code would be: {@code s} and
     * {@code w} are the (2N²)×1 columns of the state and the weights (same interleaved layout),
     * u and v are viewed as N×N grids, the periodic neighbours are the grid rolled by one along
     * each axis ({@link Var#roll}, as {@code np.roll} / {@code torch.roll}), and every operation is
     * one whole-array operation (one tape entry when recorded). The same arithmetic as
     * {@link #rhs(int, Var[])} point by point; the weighted sum adds w_u f_u + w_v f_v per grid
     * point, then sums over the grid (one sum: the whole right-hand side stays one stretch of
     * elementwise entries read through its sum).
     */
    public static Var weightedSumVectorized(int n, Var s, Var w) {
        return weightedSumVectorized(n, s, w, false);
    }

    /**
     * {@link #weightedSumVectorized(int, Var, Var)} with the neighbours built by
     * {@code concatenated} slices (two slices joined, as code without a roll operation writes
     * them) instead of rolls: the same values bit for bit, kept to compare the two recordings.
     */
    public static Var weightedSumVectorized(int n, Var s, Var w, boolean concatenated) {
        Var alpha = s.constant(alpha(n));
        Var four = s.constant(4.0);
        Var sp = s.reshape(n * n, 2);
        Var u = sp.sliceCols(0, 1).reshape(n, n);
        Var v = sp.sliceCols(1, 2).reshape(n, n);
        // the periodic neighbours first, then the pointwise arithmetic in one stretch
        Var[] nu = neighbours(n, u, concatenated);
        Var[] nv = neighbours(n, v, concatenated);
        Var uuv = u.mul(u).mul(v);
        Var fu = s.constant(1.0).add(uuv).sub(s.constant(4.4).mul(u)).add(alpha.mul(laplacian(nu, u, four)));
        Var fv = s.constant(3.4).mul(u).sub(uuv).add(alpha.mul(laplacian(nv, v, four)));
        Var wp = w.reshape(n * n, 2);
        Var wu = wp.sliceCols(0, 1).reshape(n, n);
        Var wv = wp.sliceCols(1, 2).reshape(n, n);
        return fu.mul(wu).add(fv.mul(wv)).sumAll();
    }

    /**
     * The four periodic neighbours of an N×N grid: row i holds row i − 1 (up), row i + 1 (down);
     * column j holds column j − 1 (left), column j + 1 (right). Rolls, or two slices joined.
     */
    private static Var[] neighbours(int n, Var u, boolean concatenated) {
        if (!concatenated) {
            return new Var[] {u.roll(1, 0), u.roll(-1, 0), u.roll(1, 1), u.roll(-1, 1)};
        }
        return new Var[] {
            Var.concat(0, u.sliceRows(n - 1, n), u.sliceRows(0, n - 1)),
            Var.concat(0, u.sliceRows(1, n), u.sliceRows(0, 1)),
            Var.concat(1, u.sliceCols(n - 1, n), u.sliceCols(0, n - 1)),
            Var.concat(1, u.sliceCols(1, n), u.sliceCols(0, 1))};
    }

    /** The five-point periodic Laplacian: the four neighbours minus 4u. */
    private static Var laplacian(Var[] nb, Var u, Var four) {
        return nb[0].add(nb[1]).add(nb[2]).add(nb[3]).sub(four.mul(u));
    }
}
