package dev.leibniz.core.optim;

/**
 * The memory of {@link ProjectedLbfgs}: the last m correction pairs (s, y) = (x₊ − x, g₊ − g) in a
 * ring (newest at {@code newest}), and the two-loop recursion (Nocedal &amp; Wright, Algorithm 7.4)
 * for d = −H g restricted to a subset F of the coordinates, the free ones of the projection.
 * A pair is kept only with curvature, sᵀy &gt; 1e-10·‖s‖‖y‖, so that H stays positive definite.
 */
final class LbfgsPairs {
    private static final double CURVATURE_EPS = 1e-10;

    private final double[][] s;
    private final double[][] y;
    private final double[] a;
    private int stored;
    private int newest = -1;

    LbfgsPairs(int m) {
        s = new double[m][];
        y = new double[m][];
        a = new double[m];
    }

    boolean isEmpty() {
        return stored == 0;
    }

    void clear() {
        stored = 0;
        newest = -1;
    }

    /** Keeps the pair when sᵀy &gt; ε‖s‖‖y‖ over all coordinates (it may still be left out on a subset). */
    void add(double[] sk, double[] yk) {
        double sy = dot(sk, yk);
        if (sy > CURVATURE_EPS * Math.sqrt(dot(sk, sk) * dot(yk, yk))) {
            newest = (newest + 1) % s.length;
            s[newest] = sk;
            y[newest] = yk;
            stored = Math.min(stored + 1, s.length);
        }
    }

    /** γ = sᵀy / yᵀy of the newest pair, NaN when there is none. */
    double scaling() {
        return stored == 0 ? Double.NaN : dot(s[newest], y[newest]) / dot(y[newest], y[newest]);
    }

    /**
     * d_F = −H_F g_F by the two-loop recursion over the pairs restricted to F (pairs without
     * curvature on F left out, H⁰ = γ_F·I from the newest kept pair), d_A = −γ g_A; null when
     * the memory is empty or d does not descend.
     */
    double[] direction(double[] g, boolean[] free) {
        if (stored == 0) {
            return null;
        }
        int n = g.length;
        int m = s.length;
        double[] q = new double[n];
        for (int i = 0; i < n; i++) {
            q[i] = free[i] ? g[i] : 0;
        }
        boolean[] used = new boolean[m];
        double[] rho = new double[m];
        int newestUsed = -1;
        for (int j = 0; j < stored; j++) {
            int i = Math.floorMod(newest - j, m);
            double sy = dot(s[i], y[i], free);
            double ss = dot(s[i], s[i], free);
            double yy = dot(y[i], y[i], free);
            if (!(sy > CURVATURE_EPS * Math.sqrt(ss * yy))) {
                continue;
            }
            used[i] = true;
            rho[i] = 1 / sy;
            if (newestUsed < 0) {
                newestUsed = i;
            }
            a[i] = rho[i] * dot(s[i], q, free);
            axpy(-a[i], y[i], q, free);
        }
        double gammaF = newestUsed < 0 ? scaling()
                : dot(s[newestUsed], y[newestUsed], free) / dot(y[newestUsed], y[newestUsed], free);
        for (int i = 0; i < n; i++) {
            q[i] *= gammaF;
        }
        for (int j = stored - 1; j >= 0; j--) {
            int i = Math.floorMod(newest - j, m);
            if (used[i]) {
                double b = rho[i] * dot(y[i], q, free);
                axpy(a[i] - b, s[i], q, free);
            }
        }
        double gamma = scaling();
        double[] d = new double[n];
        double descent = 0;
        for (int i = 0; i < n; i++) {
            d[i] = free[i] ? -q[i] : -gamma * g[i];
            descent += d[i] * g[i];
        }
        return descent < 0 ? d : null;
    }

    private static double dot(double[] u, double[] v) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            sum += u[i] * v[i];
        }
        return sum;
    }

    /** Σ uᵢvᵢ over the coordinates where {@code mask} is true. */
    private static double dot(double[] u, double[] v, boolean[] mask) {
        double sum = 0;
        for (int i = 0; i < u.length; i++) {
            if (mask[i]) {
                sum += u[i] * v[i];
            }
        }
        return sum;
    }

    /** y ← y + a·x over the coordinates where {@code mask} is true. */
    private static void axpy(double a, double[] x, double[] y, boolean[] mask) {
        for (int i = 0; i < y.length; i++) {
            if (mask[i]) {
                y[i] += a * x[i];
            }
        }
    }
}
