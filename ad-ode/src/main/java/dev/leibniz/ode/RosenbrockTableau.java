package dev.leibniz.ode;

/**
 * A Rosenbrock (linearly implicit Runge–Kutta) method as data, in the form of Hairer &amp; Wanner
 * (Solving ODEs II, IV.7, eq. 7.4') that needs no matrix–vector product with J. With
 * W = I/(hγ) − J, J = ∂f/∂y and T = ∂f/∂t at the start of the step (t, y):
 * <pre>
 *   U_i = y + Σ_{j&lt;i} a_ij k_j
 *   W k_i = f(t + c_i h, U_i) + Σ_{j&lt;i} (C_ij / h) k_j + h d_i T,        i = 1..s
 *   y₁ = y + Σ_i b_i k_i,     error estimate Σ_i e_i k_i
 *   y(t + θh) = (1 − θ) y + θ (y₁ + (1 − θ)(K₁ + θ (K₂ + θ K₃ …))),   K_r = Σ_i dense[r][i] k_i
 * </pre>
 * Every stage solves with the one factorization of W, so a step costs one Jacobian, one LU
 * and s solves. The stiffly accurate methods here end with stages whose input is the previous
 * stage's plus its increment ({@code U_{i+1} = U_i + k_i}); their last increment is the error
 * estimate, and y₁ is exact for the algebraic limit of very stiff components.
 *
 * @param name       printed name
 * @param gamma      the diagonal γ
 * @param a          stage inputs, row i has length i
 * @param cc         the coefficients C_ij of the previous increments in stage i's right-hand side, row i has length i
 * @param c          nodes (stage times t + c_i h)
 * @param d          coefficients of h·T (zero for autonomous problems)
 * @param b          weights of the solution
 * @param e          weights of the error estimate
 * @param dense      the K_r rows of the dense output (each of length s)
 * @param order      order of y₁
 * @param errorOrder order of the embedded solution y₁ − Σ e_i k_i
 */
public record RosenbrockTableau(String name, double gamma, double[][] a, double[][] cc, double[] c, double[] d,
                                double[] b, double[] e, double[][] dense, int order, int errorOrder) {

    public RosenbrockTableau {
        int s = c.length;
        if (a.length != s || cc.length != s || d.length != s || b.length != s || e.length != s) {
            throw new OdeException("Rosenbrock tableau '" + name + "': a, C, c, d, b and e must all have " + s
                    + " stages");
        }
        for (int i = 0; i < s; i++) {
            if (a[i].length != i || cc[i].length != i) {
                throw new OdeException("Rosenbrock tableau '" + name + "': rows " + i + " of a and C must have " + i
                        + " entries");
            }
        }
        for (double[] row : dense) {
            if (row.length != s) {
                throw new OdeException("Rosenbrock tableau '" + name + "': dense-output rows must have " + s
                        + " entries");
            }
        }
    }

    /** Number of stages s. */
    public int stages() {
        return c.length;
    }

    /** The row U_{i+1} = U_i + k_i of a stiffly accurate method's trailing stages. */
    private static double[] then(double[] prev, int i) {
        double[] r = java.util.Arrays.copyOf(prev, i);
        r[i - 1] = 1.0;
        return r;
    }

    private static double[] unit(int s, int i) {
        double[] r = new double[s];
        r[i] = 1.0;
        return r;
    }

    private static final double[] RODAS5P_A6 = {-7.502846399306121, 2.561846144803919, -11.627539656261098,
        -0.18268767659942256, 0.030198172008377946};
    private static final double[] RODAS5P_A7 = then(RODAS5P_A6, 6);
    private static final double[] RODAS5P_A8 = then(RODAS5P_A7, 7);

    /**
     * Rodas5P of Steinebach: 8 stages, order 5 with an embedded order-4 estimate, stiffly accurate
     * and L-stable, with an order-4 dense output of three K rows; it repairs Rodas5's order
     * reduction on Prothero–Robinson-type problems and its dense output. G. Steinebach,
     * "Construction of Rosenbrock–Wanner method Rodas5P and numerical benchmarks within the Julia
     * Differential Equations package", BIT Numer. Math. 63 (2023) 27. The coefficients are the
     * author's, as published with the paper in OrdinaryDiffEq.jl's {@code Rodas5PTableau}, in the
     * W-scaled form above; {@code RosenbrockConvergenceTest} checks them by their observed orders
     * (5 for y₁, 4 for the dense output) rather than against another copy.
     */
    public static final RosenbrockTableau RODAS5P = new RosenbrockTableau("Rodas5P", 0.21193756319429014,
            new double[][] {
                {},
                {3.0},
                {2.849394379747939, 0.45842242204463923},
                {-6.954028509809101, 2.489845061869568, -10.358996098473584},
                {2.8029986275628964, 0.5072464736228206, -0.3988312541770524, -0.04721187230404641},
                RODAS5P_A6, RODAS5P_A7, RODAS5P_A8},
            new double[][] {
                {},
                {-14.155112264123755},
                {-17.97296035885952, -2.859693295451294},
                {147.12150275711716, -1.41221402718213, 71.68940251302358},
                {165.43517024871676, -0.4592823456491126, 42.90938336958603, -5.961986721573306},
                {24.854864614690072, -3.0009227002832186, 47.4931110020768, 5.5814197821558125, -0.6610691825249471},
                {30.91273214028599, -3.1208243349937974, 77.79954646070892, 34.28646028294783, -19.097331116725623,
                    -28.087943162872662},
                {37.80277123390563, -3.2571969029072276, 112.26918849496327, 66.9347231244047, -40.06618937091002,
                    -54.66780262877968, -9.48861652309627}},
            new double[] {0, 0.6358126895828704, 0.4095798393397535, 0.9769306725060716, 0.4288403609558664, 1, 1, 1},
            new double[] {0.21193756319429014, -0.42387512638858027, -0.3384627126235924, 1.8046452872882734,
                2.325825639765069, 0, 0, 0},
            then(RODAS5P_A8, 8),
            unit(8, 7),
            new double[][] {
                {25.948786856663858, -2.5579724845846235, 10.433815404888879, -2.3679251022685204,
                    0.524948541321073, 1.1241088310450404, 0.4272876194431874, -0.17202221070155493},
                {-9.91568850695171, -0.9689944594115154, 3.0438037242978453, -24.495224566215796,
                    20.176138334709044, 15.98066361424651, -6.789040303419874, -6.710236069923372},
                {11.419903575922262, 2.8879645146136994, 72.92137995996029, 80.12511834622643,
                    -52.072871366152654, -59.78993625266729, -0.15582684282751913, 4.883087185713722}},
            5, 4);

    private static final double[] RODAS4_A5 = {1.221224509226641, 6.019134481288629, 12.53708332932087,
        -0.6878860361058950};
    private static final double[] RODAS4_A6 = then(RODAS4_A5, 5);

    /**
     * RODAS4 of Hairer &amp; Wanner (Solving ODEs II, IV.7; the coefficients of their Fortran code
     * RODAS, subroutine ROCOE, METH = 1): 6 stages, order 4 with an embedded order-3 estimate,
     * stiffly accurate, L-stable, dense output of order 3.
     */
    public static final RosenbrockTableau RODAS4 = new RosenbrockTableau("Rodas4", 0.25,
            new double[][] {
                {},
                {1.544},
                {0.9466785280815826, 0.2557011698983284},
                {3.314825187068521, 2.896124015972201, 0.9986419139977817},
                RODAS4_A5, RODAS4_A6},
            new double[][] {
                {},
                {-5.6688},
                {-2.430093356833875, -0.2063599157091915},
                {-0.1073529058151375, -9.594562251023355, -20.47028614809616},
                {7.496443313967647, -10.24680431464352, -33.99990352819905, 11.70890893206160},
                {8.083246795921522, -7.981132988064893, -31.52159432874371, 16.31930543123136, -6.058818238834054}},
            new double[] {0, 0.386, 0.21, 0.63, 1, 1},
            new double[] {0.25, -0.1043, 0.1035, -0.03620000000000023, 0, 0},
            then(RODAS4_A6, 6),
            unit(6, 5),
            new double[][] {
                {10.12623508344586, -7.487995877610167, -34.80091861555747, -7.992771707568823, 1.025137723295662, 0},
                {-0.6762803392801253, 6.087714651680015, 16.43084320892478, 24.76722511418386, -6.594389125716872, 0}},
            4, 3);
}
