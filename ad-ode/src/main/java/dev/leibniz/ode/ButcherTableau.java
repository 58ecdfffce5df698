package dev.leibniz.ode;

import java.util.Arrays;

/**
 * An explicit Runge–Kutta method as data. With stages
 * <pre>  k_i = f(t + c_i h, y + h Σ_{j&lt;i} a_ij k_j),   i = 1..s,</pre>
 * the step is {@code y₁ = y + h Σ b_i k_i}, the local error estimate is
 * {@code h Σ e_i k_i} with {@code e = b − b̂} (the embedded lower-order weights), and the dense
 * output between steps is
 * <pre>  y(t + θh) = y + h Σ_i b_i(θ) k_i,   b_i(θ) = Σ_m dense[i][m] θ^(m+1),  0 ≤ θ ≤ 1.</pre>
 * A new method is one more constant of this class; {@code ExplicitRungeKutta} runs them all.
 *
 * @param name          printed name
 * @param c             nodes, length s
 * @param a             strictly lower-triangular coefficients, row i has length i
 * @param b             weights of the solution, length s
 * @param errorWeights  {@code b − b̂}, or {@code null} for a method without error estimate (fixed step)
 * @param order         order of the solution
 * @param errorOrder    order of the error estimate's lower-order solution (the exponent of the
 *                      step-size controller is 1/(errorOrder + 1)); 0 when there is none
 * @param firstSameAsLast true when the last stage is f at the new point, reused as the next step's first
 * @param dense         dense-output polynomial coefficients per stage, or {@code null}
 */
public record ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] errorWeights, int order,
                             int errorOrder, boolean firstSameAsLast, double[][] dense) {

    public ButcherTableau {
        int s = c.length;
        if (a.length != s || b.length != s || (errorWeights != null && errorWeights.length != s)
                || (dense != null && dense.length != s)) {
            throw new OdeException("Butcher tableau '" + name + "': c, a, b, e and dense must all have " + s + " stages");
        }
        for (int i = 0; i < s; i++) {
            if (a[i].length != i) {
                throw new OdeException("Butcher tableau '" + name + "': row " + i + " of a must have " + i
                        + " entries (explicit methods are strictly lower triangular)");
            }
        }
    }

    /** Number of stages s. */
    public int stages() {
        return c.length;
    }

    public boolean hasErrorEstimate() {
        return errorWeights != null;
    }

    public boolean hasDenseOutput() {
        return dense != null;
    }

    /** Dense-output weights b_i(θ) into {@code out}. */
    public void denseWeights(double theta, double[] out) {
        for (int i = 0; i < dense.length; i++) {
            double[] d = dense[i];
            double w = 0;
            for (int m = d.length - 1; m >= 0; m--) {
                w = (w + d[m]) * theta;
            }
            out[i] = w;
        }
    }

    /** Explicit Euler: y₁ = y + h f(t, y). Order 1. */
    public static final ButcherTableau EULER = new ButcherTableau("Euler", new double[] {0},
            new double[][] {{}}, new double[] {1}, null, 1, 0, false, null);

    /** The classic fourth-order Runge–Kutta method (Kutta 1901). */
    public static final ButcherTableau RK4 = new ButcherTableau("RK4", new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0},
            null, 4, 0, false, null);

    /**
     * Dormand–Prince 5(4) (J. R. Dormand and P. J. Prince, "A family of embedded Runge–Kutta
     * formulae", J. Comp. Appl. Math. 6, 1980): order 5 propagated, order-4 error estimate, 7 stages
     * with the last equal to the next step's first, and Shampine's 4th-order continuous extension
     * (L. F. Shampine, "Some practical Runge–Kutta formulas", Math. Comp. 46, 1986; coefficients as
     * in SciPy's RK45).
     */
    public static final ButcherTableau DOPRI5 = new ButcherTableau("Dormand-Prince 5(4)",
            new double[] {0, 1 / 5.0, 3 / 10.0, 4 / 5.0, 8 / 9.0, 1, 1},
            new double[][] {
                {},
                {1 / 5.0},
                {3 / 40.0, 9 / 40.0},
                {44 / 45.0, -56 / 15.0, 32 / 9.0},
                {19372 / 6561.0, -25360 / 2187.0, 64448 / 6561.0, -212 / 729.0},
                {9017 / 3168.0, -355 / 33.0, 46732 / 5247.0, 49 / 176.0, -5103 / 18656.0},
                {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0}},
            new double[] {35 / 384.0, 0, 500 / 1113.0, 125 / 192.0, -2187 / 6784.0, 11 / 84.0, 0},
            new double[] {71 / 57600.0, 0, -71 / 16695.0, 71 / 1920.0, -17253 / 339200.0, 22 / 525.0, -1 / 40.0},
            5, 4, true,
            new double[][] {
                {1, -8048581381.0 / 2820520608.0, 8663915743.0 / 2820520608.0, -12715105075.0 / 11282082432.0},
                {0, 0, 0, 0},
                {0, 131558114200.0 / 32700410799.0, -68118460800.0 / 10900136933.0, 87487479700.0 / 32700410799.0},
                {0, -1754552775.0 / 470086768.0, 14199869525.0 / 1410260304.0, -10690763975.0 / 1880347072.0},
                {0, 127303824393.0 / 49829197408.0, -318862633887.0 / 49829197408.0, 701980252875.0 / 199316789632.0},
                {0, -282668133.0 / 205662961.0, 2019193451.0 / 616988883.0, -1453857185.0 / 822651844.0},
                {0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0}});

    @Override
    public String toString() {
        return name + " (" + stages() + " stages, order " + order + ")";
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ButcherTableau t && name.equals(t.name) && Arrays.equals(c, t.c) && Arrays.equals(b, t.b);
    }

    @Override
    public int hashCode() {
        return name.hashCode() * 31 + Arrays.hashCode(b);
    }
}
