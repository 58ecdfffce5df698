package dev.leibniz.sbml.petab;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeException;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.sbml.SbmlException;
import java.util.List;

/**
 * The steady state x* of a pre-equilibration condition, f(x*, p) = 0, and the chain rule through
 * it. x* is found by integrating in windows of growing length until the right-hand side is
 * negligible, ‖f‖ ≤ atol + rtol·‖x‖ (max norms), then polished by Newton steps. Its sensitivity
 * comes from the implicit function theorem, not from long integration:
 * <pre>  ∂f/∂x · dx*&#47;dp + ∂f/∂p = 0   ⇒   dL/dp = −(J⁻ᵀ dL/dx*)ᵀ ∂f/∂p,</pre>
 * one transposed linear solve with J = ∂f/∂x at x* (an adjoint, so its cost does not grow with
 * the number of parameters).
 *
 * <p><b>Conservation laws.</b> When the network conserves totals lᵀy ({@link ConservationLaws},
 * from the stoichiometry's left null space), J is singular and x* depends on the starting state
 * y₀. Each law's own row of f is then replaced by lᵀx − lᵀy₀ = 0, which makes the system
 * G(x, p, y₀) = 0 square and regular; the Newton polish and the adjoint use G's Jacobian, and the
 * adjoint picks up the extra term dL/dy₀ = Σ_laws w_own · l (w = G_x⁻ᵀ dL/dx*), chained through
 * y₀(p) when the initial state depends on parameters. A J that is still singular (a bifurcation,
 * not a conservation law) is refused naming the condition.
 */
final class SteadyState {
    private static final double HORIZON = 1e9;

    private final double[] state;
    private final double[][] jx;
    private final double[][] jp;
    private final ConservationLaws laws;
    private final double[] parameters;
    private final String what;

    private SteadyState(double[] state, double[][] jx, double[][] jp, ConservationLaws laws, double[] parameters,
                        String what) {
        this.what = what;
        this.state = state;
        this.jx = jx;
        this.jp = jp;
        this.laws = laws;
        this.parameters = parameters;
    }

    /** Number of conservation laws the steady state respects. */
    int conservationLawCount() {
        return laws.count();
    }

    double[] state() {
        return state.clone();
    }

    /** Finds the steady state of the simulation's pre-equilibration condition at table parameters {@code all}. */
    static SteadyState of(Simulation s, double[] all, SolverOptions options) {
        double[] p = PetabObjective.values(s.preSources, all);
        return find(s.preProblem, p, s.preProblem.initialState(p), s.model,
                "pre-equilibration condition '" + s.preequilibrationId + "'", options);
    }

    /**
     * The steady state of {@code problem} at parameters {@code p} reached from {@code start}
     * (which fixes the conserved totals), named {@code label} in errors.
     */
    static SteadyState find(OdeProblem problem, double[] p, double[] start, dev.leibniz.sbml.SbmlModel model,
                            String label, SolverOptions options) {
        double[] x = start.clone();
        ConservationLaws laws;
        String lawsUnknown = "";
        try {
            laws = ConservationLaws.of(model.stoichiometry(p));
        } catch (SbmlException e) { // a compartment whose size is not a parameter: only a singular J needs the laws
            laws = new ConservationLaws(new double[0][], new int[0]);
            lawsUnknown = " (conservation laws not sought: " + e.getMessage() + ")";
        }
        double[] totals = laws.totals(x);
        Program f = problem.rhs().compile();
        double rtol = options.relativeTolerance();
        double atol = options.absoluteTolerance();
        double window = 1;
        double t = 0;
        while (!(norm(rhs(f, problem, x, p)) <= atol + rtol * norm(x))) {
            if (t > HORIZON) {
                throw new OdeException(label + " reached no steady state by t = " + HORIZON + " (max |f| = "
                        + norm(rhs(f, problem, x, p)) + ")");
            }
            OdeProblem from = OdeProblem.of(problem.rhs(), names(problem.stateNames()), names(problem.parameterNames()),
                    0, x);
            x = Ode.solve(from, p, new double[] {window}, options).state(0);
            t += window;
            window *= 10;
        }
        double[][] jx = new double[x.length][x.length];
        double[][] jp = new double[x.length][p.length];
        String what = what(label, laws) + lawsUnknown;
        for (int newton = 0; newton < 3; newton++) {
            jacobians(f, problem, x, p, jx, jp);
            double[] residual = rhs(f, problem, x, p);
            replaceRows(laws, totals, x, jx, jp, residual);
            double[] dx = Linear.solve(jx, residual, false, what);
            for (int i = 0; i < x.length; i++) {
                x[i] -= dx[i];
            }
        }
        jacobians(f, problem, x, p, jx, jp);
        replaceRows(laws, totals, x, jx, jp, new double[x.length]);
        return new SteadyState(x, jx, jp, laws, p, what);
    }

    /**
     * The adjoint through x*: given dL/dx*, returns dL/dp (the problem's parameters) and adds the
     * conserved totals' share dL/d(start) to {@code dStart} (zero without conservation laws).
     */
    double[] adjoint(double[] dLdx, double[] dStart) {
        double[] w = Linear.solve(jx, dLdx, true, what);
        double[] dp = new double[jp[0].length];
        for (int j = 0; j < dp.length; j++) {
            for (int i = 0; i < w.length; i++) {
                dp[j] -= w[i] * jp[i][j];
            }
        }
        for (int k = 0; k < laws.count(); k++) {
            double wk = w[laws.states()[k]];
            for (int i = 0; i < dStart.length; i++) {
                dStart[i] += wk * laws.weights()[k][i];
            }
        }
        return dp;
    }

    /**
     * The forward (tangent) form of {@link #adjoint}: dx*&#47;dθ for d directions at once, given
     * dp/dθ ({@code dp}, P × d) and the starting state's dy₀/dθ ({@code dStart}, n × d; it only
     * enters through the conserved totals). From G(x*, p, y₀) = 0:
     * <pre>  dx* = −G_x⁻¹ (∂f/∂p · dp − L · dy₀),</pre>
     * L having each conservation law's weights lᵀ in its own row and zeros elsewhere. Costs one
     * LU per direction here (d is a few dozen at most; the Levenberg–Marquardt fit needs all d).
     */
    double[][] tangent(double[][] dp, double[][] dStart) {
        int n = state.length;
        int d = dp.length == 0 ? (dStart.length == 0 ? 0 : dStart[0].length) : dp[0].length;
        double[][] out = new double[n][d];
        for (int e = 0; e < d; e++) {
            double[] rhs = new double[n];
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < dp.length; j++) {
                    rhs[i] += jp[i][j] * dp[j][e];
                }
            }
            for (int k = 0; k < laws.count(); k++) {
                double total = 0;
                for (int i = 0; i < n; i++) {
                    total += laws.weights()[k][i] * dStart[i][e];
                }
                rhs[laws.states()[k]] = -total;
            }
            double[] dx = Linear.solve(jx, rhs, false, what);
            for (int i = 0; i < n; i++) {
                out[i][e] = -dx[i];
            }
        }
        return out;
    }

    /** dy₀/dp (n × P) of a problem whose initial state depends on its parameters; zeros if it does not. */
    static double[][] initialJacobian(OdeProblem problem, double[] p) {
        int n = problem.stateCount();
        double[][] jac = new double[n][p.length];
        if (problem.initialGraph() == null) {
            return jac;
        }
        Program g0 = problem.initialGraph().compile();
        Graph g = g0.graph();
        double[] in = new double[g.inputCount()];
        int[] column = new int[in.length];
        for (int k = 0; k < in.length; k++) {
            column[k] = problem.parameterNames().indexOf(g.inputName(k));
            in[k] = p[column[k]];
        }
        for (int i = 0; i < n; i++) {
            Gradient row = g0.gradient(i, dev.leibniz.core.EvalOptions.DEFAULT, in);
            for (int k = 0; k < in.length; k++) {
                jac[i][column[k]] += row.get(k);
            }
        }
        return jac;
    }

    /** Each law's own row of (J, ∂f/∂p, f) becomes (l, 0, lᵀx − total): the regular system G. */
    private static void replaceRows(ConservationLaws laws, double[] totals, double[] x, double[][] jx, double[][] jp,
                                    double[] residual) {
        double[] now = laws.totals(x);
        for (int k = 0; k < laws.count(); k++) {
            int own = laws.states()[k];
            jx[own] = laws.weights()[k].clone();
            java.util.Arrays.fill(jp[own], 0);
            residual[own] = now[k] - totals[k];
        }
    }

    private static String what(String label, ConservationLaws laws) {
        return label + ": the Jacobian at the steady state is singular"
                + (laws.count() == 0 ? " (and the stoichiometry has no conservation law)"
                : " even with its " + laws.count() + " conservation law(s) accounted for")
                + ", so the steady state's sensitivity is undefined";
    }

    /** The simulation's problem started at x*, with the simulation condition's initial numbers applied. */
    static OdeProblem startingAt(Simulation s, double[] x) {
        double[] y0 = x.clone();
        List<String> states = s.problem.stateNames();
        s.initialOverrides.forEach((id, v) -> y0[states.indexOf(id)] = Double.parseDouble(v));
        return OdeProblem.of(s.problem.rhs(), names(states), names(s.problem.parameterNames()), 0, y0);
    }

    /**
     * grad_θ += dℓ/dθ through x*, given {@code dLossDy0} = ∂(−ℓ)/∂y₀ of the main simulation (entries
     * the simulation condition overrides do not depend on x*).
     */
    void chain(double[] dLossDy0, Simulation s, double[] all, double[] grad) {
        double[] v = dLossDy0.clone();
        List<String> states = s.problem.stateNames();
        for (String id : s.initialOverrides.keySet()) {
            v[states.indexOf(id)] = 0;
        }
        double[] dy0 = new double[v.length];
        double[] dp = adjoint(v, dy0);
        if (s.preProblem.initialGraph() != null) {
            initialChain(s.preProblem, parameters, dy0, dp);
        }
        // dp is d(−ℓ)/dp_pre; the objective's gradient is of ℓ
        PetabObjective.chain(s.preSources, all, dp, -1, grad);
    }

    /** dp += (dy₀/dp)ᵀ dy0, by reverse mode through the initial-state graph, one output at a time. */
    static void initialChain(OdeProblem pre, double[] p, double[] dy0, double[] dp) {
        Program g0 = pre.initialGraph().compile();
        Graph g = g0.graph();
        double[] in = new double[g.inputCount()];
        for (int k = 0; k < in.length; k++) {
            in[k] = p[pre.parameterNames().indexOf(g.inputName(k))];
        }
        for (int i = 0; i < dy0.length; i++) {
            if (dy0[i] == 0) {
                continue;
            }
            Gradient row = g0.gradient(i, dev.leibniz.core.EvalOptions.DEFAULT, in);
            for (int k = 0; k < in.length; k++) {
                dp[pre.parameterNames().indexOf(g.inputName(k))] += dy0[i] * row.get(k);
            }
        }
    }

    private static double[] rhs(Program f, OdeProblem pre, double[] x, double[] p) {
        return f.evaluate(inputs(f.graph(), pre, x, p));
    }

    private static void jacobians(Program f, OdeProblem pre, double[] x, double[] p, double[][] jx, double[][] jp) {
        Graph g = f.graph();
        double[] in = inputs(g, pre, x, p);
        for (int i = 0; i < x.length; i++) {
            Gradient row = f.gradient(i, dev.leibniz.core.EvalOptions.DEFAULT, in);
            for (int k = 0; k < x.length; k++) {
                int at = g.inputNames().indexOf(pre.stateName(k));
                jx[i][k] = at < 0 ? 0 : row.get(at);
            }
            for (int j = 0; j < p.length; j++) {
                int at = g.inputNames().indexOf(pre.parameterName(j));
                jp[i][j] = at < 0 ? 0 : row.get(at);
            }
        }
    }

    private static double[] inputs(Graph g, OdeProblem pre, double[] x, double[] p) {
        double[] in = new double[g.inputCount()];
        for (int k = 0; k < in.length; k++) {
            String name = g.inputName(k);
            int i = pre.stateNames().indexOf(name);
            in[k] = i >= 0 ? x[i] : name.equals(OdeProblem.TIME) ? 0 : p[pre.parameterNames().indexOf(name)];
        }
        return in;
    }

    private static double norm(double[] v) {
        double m = 0;
        for (double d : v) {
            m = Math.max(m, Math.abs(d));
        }
        return m;
    }

    private static String[] names(List<String> l) {
        return l.toArray(new String[0]);
    }

    /** Gaussian elimination with partial pivoting; small dense systems only. */
    static final class Linear {
        private Linear() {
        }

        static double[] solve(double[][] a0, double[] b0, boolean transpose, String singular) {
            int n = b0.length;
            double[][] a = new double[n][n];
            double scale = 0;
            for (int i = 0; i < n; i++) {
                for (int j = 0; j < n; j++) {
                    a[i][j] = transpose ? a0[j][i] : a0[i][j];
                    scale = Math.max(scale, Math.abs(a[i][j]));
                }
            }
            double[] b = b0.clone();
            for (int c = 0; c < n; c++) {
                int piv = c;
                for (int r = c + 1; r < n; r++) {
                    if (Math.abs(a[r][c]) > Math.abs(a[piv][c])) {
                        piv = r;
                    }
                }
                if (!(Math.abs(a[piv][c]) > 1e-12 * scale)) {
                    throw new SbmlException(singular);
                }
                double[] tr = a[c];
                a[c] = a[piv];
                a[piv] = tr;
                double tb = b[c];
                b[c] = b[piv];
                b[piv] = tb;
                for (int r = c + 1; r < n; r++) {
                    double m = a[r][c] / a[c][c];
                    for (int k = c; k < n; k++) {
                        a[r][k] -= m * a[c][k];
                    }
                    b[r] -= m * b[c];
                }
            }
            double[] x = new double[n];
            for (int r = n - 1; r >= 0; r--) {
                double sum = b[r];
                for (int k = r + 1; k < n; k++) {
                    sum -= a[r][k] * x[k];
                }
                x[r] = sum / a[r][r];
            }
            return x;
        }
    }
}
