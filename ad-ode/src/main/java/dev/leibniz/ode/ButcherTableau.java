package dev.leibniz.ode;

import java.util.Arrays;

/**
 * An explicit Runge–Kutta method as data. With stages
 * <pre>  k_i = f(t + c_i h, y + h Σ_{j&lt;i} a_ij k_j),   i = 1..s,</pre>
 * the step is {@code y₁ = y + h Σ b_i k_i}, the local error estimate is
 * {@code h Σ e_i k_i} with {@code e = b − b̂} (the embedded lower-order weights), and the dense
 * output between steps is
 * <pre>  y(t + θh) = y + h Σ_i b_i(θ) k_i,   b_i(θ) = Σ_m dense[i][m] θ^(m+1),  0 ≤ θ ≤ 1.</pre>
 * A new method is one more constant of this class (and one line in {@link Method}, the registry
 * that names it); {@code ExplicitRungeKutta} runs them all, and the discrete adjoint, dense
 * output and step control read everything they need from here.
 *
 * <p>The constants are typed from the papers cited on each; {@code ButcherTableauTest} checks them
 * against the Runge–Kutta order conditions (rooted trees up to order 5 for the solution, the
 * embedded order for b̂ = b − e, and the dense order for b(θ)) rather than against another copy.
 *
 * @param name          printed name
 * @param c             nodes, length s
 * @param a             strictly lower-triangular coefficients, row i has length i
 * @param b             weights of the solution, length s
 * @param errorWeights  {@code e = b − b̂}, or {@code null} for a method without error estimate (fixed step)
 * @param order         order of the solution
 * @param errorOrder    order of the error estimate's lower-order solution b̂ (the exponent of the
 *                      step-size controller is 1/(errorOrder + 1)); 0 when there is none
 * @param firstSameAsLast true when the last stage is f at the new point, reused as the next step's first
 * @param dense         dense-output polynomial coefficients per stage, or {@code null}
 * @param denseOrder    order of the dense output y(t + θh) (uniform in θ); 0 when there is none
 */
public record ButcherTableau(String name, double[] c, double[][] a, double[] b, double[] errorWeights, int order,
                             int errorOrder, boolean firstSameAsLast, double[][] dense, int denseOrder) {

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
        if ((errorWeights == null) != (errorOrder == 0) || (dense == null) != (denseOrder == 0)) {
            throw new OdeException("Butcher tableau '" + name + "': an order is given exactly when its weights are"
                    + " (errorOrder " + errorOrder + ", denseOrder " + denseOrder + ")");
        }
        if (firstSameAsLast && (c[s - 1] != 1 || !Arrays.equals(a[s - 1], Arrays.copyOf(b, s - 1)) || b[s - 1] != 0)) {
            throw new OdeException("Butcher tableau '" + name + "': first-same-as-last needs a last stage at c = 1"
                    + " whose row of a equals b and whose weight is 0");
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

    /** The embedded weights b̂ = b − e of the error estimate (a copy), or {@code null} when there are none. */
    public double[] embeddedWeights() {
        if (errorWeights == null) {
            return null;
        }
        double[] bHat = new double[b.length];
        for (int i = 0; i < b.length; i++) {
            bHat[i] = b[i] - errorWeights[i];
        }
        return bHat;
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
            new double[][] {{}}, new double[] {1}, null, 1, 0, false, null, 0);

    /** The classic fourth-order Runge–Kutta method (Kutta 1901). */
    public static final ButcherTableau RK4 = new ButcherTableau("RK4", new double[] {0, 0.5, 0.5, 1},
            new double[][] {{}, {0.5}, {0, 0.5}, {0, 0, 1}}, new double[] {1 / 6.0, 1 / 3.0, 1 / 3.0, 1 / 6.0},
            null, 4, 0, false, null, 0);

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
                {0, 40617522.0 / 29380423.0, -110615467.0 / 29380423.0, 69997945.0 / 29380423.0}},
            4);

    /**
     * Bogacki–Shampine 3(2) (P. Bogacki and L. F. Shampine, "A 3(2) pair of Runge–Kutta formulas",
     * Appl. Math. Lett. 2(4), 1989, 321–325; MATLAB's ode23): order 3 propagated, order-2 error
     * estimate with b̂ = (7/24, 1/4, 1/3, 1/8), 4 stages with the last equal to the next step's first
     * (3 evaluations of f per step). Dense output is the cubic Hermite interpolant of y, y₁, f(y)
     * and f(y₁) — all four are stages — written in stage weights:
     * b₁(θ) = θ − 4θ²/3 + 5θ³/9, b₂(θ) = θ² − 2θ³/3, b₃(θ) = 4θ²/3 − 8θ³/9, b₄(θ) = θ³ − θ²
     * (order 3). Cheaper per step than the 5th-order pairs; for loose tolerances.
     */
    public static final ButcherTableau BS3 = new ButcherTableau("Bogacki-Shampine 3(2)",
            new double[] {0, 1 / 2.0, 3 / 4.0, 1},
            new double[][] {
                {},
                {1 / 2.0},
                {0, 3 / 4.0},
                {2 / 9.0, 1 / 3.0, 4 / 9.0}},
            new double[] {2 / 9.0, 1 / 3.0, 4 / 9.0, 0},
            new double[] {-5 / 72.0, 1 / 12.0, 1 / 9.0, -1 / 8.0},
            3, 2, true,
            new double[][] {
                {1, -4 / 3.0, 5 / 9.0},
                {0, 1, -2 / 3.0},
                {0, 4 / 3.0, -8 / 9.0},
                {0, -1, 1}},
            3);

    /**
     * Tsitouras 5(4) (Ch. Tsitouras, "Runge–Kutta pairs of order 5(4) satisfying only the first
     * column simplifying assumption", Comput. Math. Appl. 62(2), 2011, 770–775; Julia's Tsit5):
     * order 5 propagated, order-4 error estimate, 7 stages with the last equal to the next step's
     * first, and the paper's 4th-order continuous extension, expanded in powers of θ. Same cost per
     * step as Dormand–Prince, with smaller error coefficients of the 5th-order solution. The
     * coefficients are the paper's decimals (the tableau is not rational).
     */
    public static final ButcherTableau TSIT5 = new ButcherTableau("Tsitouras 5(4)",
            new double[] {0, 0.161, 0.327, 0.9, 0.9800255409045097, 1, 1},
            new double[][] {
                {},
                {0.161},
                {-0.008480655492356989, 0.335480655492357},
                {2.897153057105493, -6.359448489975075, 4.3622954328695815},
                {5.325864828439257, -11.748883564062828, 7.4955393428898365, -0.09249506636175525},
                {5.86145544294642, -12.92096931784711, 8.159367898576159, -0.071584973281401, -0.028269050394068383},
                {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
                    2.324710524099774}},
            new double[] {0.09646076681806523, 0.01, 0.4798896504144996, 1.379008574103742, -3.290069515436081,
                2.324710524099774, 0},
            new double[] {-0.00178001105222577714, -0.0008164344596567469, 0.007880878010261995, -0.1447110071732629,
                0.5823571654525552, -0.45808210592918697, 1 / 66.0},
            5, 4, true,
            new double[][] {
                {1, -2.763706197274826, 2.9132554618219126, -1.0530884977290216},
                {0, 0.1317, -0.2234, 0.1017},
                {0, 3.9302962368947516, -5.941033872131505, 2.490627285651253},
                {0, -12.411077166933676, 30.33818863028232, -16.548102889244902},
                {0, 37.50931341651104, -88.1789048947664, 47.37952196281928},
                {0, -27.896526289197286, 65.09189467479366, -34.87065786149661},
                {0, 1.5, -4, 2.5}},
            4);

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
