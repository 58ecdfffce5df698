package dev.leibniz.ode;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;

/**
 * Time events: doses added to a state at given times, as in pharmacokinetics (an oral dose into
 * the gut compartment, a bolus into the blood). At a dose time t_d the state jumps,
 * <pre>  y_i(t_d⁺) = y_i(t_d⁻) + D,</pre>
 * with the amount D a number or one of the problem's parameters; between doses the problem's
 * equations hold. Outputs are right-continuous: an output at a dose time reports the state after
 * the dose. A dose at the start time adds to the initial state.
 *
 * <p>The solve runs segment by segment between dose times, each one a fresh start of the same
 * right-hand side from the post-dose state, so no step straddles a jump (which would cost the
 * error control dozens of rejected steps and the accuracy the jump's smoothness). The
 * sensitivities are exact across the jumps: with S = dy/dp (total) and Y = dy/dy₀,
 * <pre>  S(t_d⁺) = S(t_d⁻) + e_i ∂D/∂p,   Y(t_d⁺) = Y(t_d⁻),</pre>
 * and inside a segment started at t_k the segment's own sensitivities (S_p at a fixed start,
 * S_y with respect to the start state) chain: S(t) = S_y(t) S(t_k⁺) + S_p(t), Y(t) = S_y(t) Y(t_k⁺).
 * A time event's time does not depend on the parameters, so no jump of the sensitivities from a
 * moving event time arises.
 */
public final class Doses {
    /** One dose: at {@code time}, add {@code amount} (or parameter {@code amountParameter}) to {@code state}. */
    private record Dose(double time, int state, double amount, int amountParameter) {
    }

    private final OdeProblem problem;
    private final List<Dose> doses;

    private Doses(OdeProblem problem, List<Dose> doses) {
        this.problem = problem;
        this.doses = doses;
    }

    /** No doses yet on {@code problem}. */
    public static Doses on(OdeProblem problem) {
        if (problem == null) {
            throw new OdeException("the problem is null");
        }
        return new Doses(problem, List.of());
    }

    /** With a dose of a fixed {@code amount} into {@code state} at {@code time}. */
    public Doses add(double time, String state, double amount) {
        if (!Double.isFinite(amount)) {
            throw new OdeException("the dose at t = " + time + " into " + state + " has amount " + amount);
        }
        return with(new Dose(checkTime(time, state), stateIndex(state), amount, -1));
    }

    /** With a dose into {@code state} at {@code time} whose amount is the parameter {@code amountParameter}. */
    public Doses add(double time, String state, String amountParameter) {
        int j = problem.parameterNames().indexOf(amountParameter);
        if (j < 0) {
            throw new OdeException("the dose at t = " + time + " into " + state + " names the amount parameter '"
                    + amountParameter + "', which the problem does not have; its parameters are "
                    + problem.parameterNames());
        }
        return with(new Dose(checkTime(time, state), stateIndex(state), Double.NaN, j));
    }

    private Doses with(Dose d) {
        List<Dose> all = new ArrayList<>(doses);
        all.add(d);
        all.sort(Comparator.comparingDouble(Dose::time));
        return new Doses(problem, List.copyOf(all));
    }

    private double checkTime(double time, String state) {
        if (!Double.isFinite(time) || time < problem.startTime()) {
            throw new OdeException("the dose into " + state + " at t = " + time + " is not a finite time at or after"
                    + " the start time t0 = " + problem.startTime());
        }
        return time;
    }

    private int stateIndex(String state) {
        int i = problem.stateNames().indexOf(state);
        if (i < 0) {
            throw new OdeException("a dose names the state '" + state + "', which the problem does not have; its"
                    + " states are " + problem.stateNames());
        }
        return i;
    }

    /** The states at the output times, with the doses applied. */
    public Solution solve(double[] params, double[] outputTimes, SolverOptions options) {
        return run(params, outputTimes, options, false).solution();
    }

    /** The states and their sensitivities to the parameters (total, through dose amounts too) and to y₀. */
    public Sensitivities forwardSensitivities(double[] params, double[] outputTimes, SolverOptions options) {
        return run(params, outputTimes, options, true);
    }

    /** The segments between dose times, chained; sensitivities only when asked for. */
    private Sensitivities run(double[] params, double[] outputTimes, SolverOptions options, boolean sens) {
        problem.checkParameters(params);
        double[] times = new Setup(problem, params, outputTimes, options).times;
        int n = problem.stateCount();
        int p = problem.parameterCount();
        int kOut = times.length;
        double[][] states = new double[kOut][];
        double[][][] dp = new double[kOut][][];
        double[][][] dy = new double[kOut][][];
        double[] y = problem.initialState(params);
        double[][] s = sens ? new Setup(problem, params, outputTimes, options).initialJacobian() : null;
        double[][] yy = sens ? identity(n) : null;
        Statistics total = null;
        double tk = problem.startTime();
        int next = 0;
        int d = 0;
        double tLast = times[kOut - 1];
        while (next < kOut) {
            // the doses at tk (the start, or the end of the last segment) jump the state
            while (d < doses.size() && doses.get(d).time() <= tk) {
                Dose dose = doses.get(d++);
                y[dose.state()] += dose.amountParameter() >= 0 ? params[dose.amountParameter()] : dose.amount();
                if (sens && dose.amountParameter() >= 0) {
                    s[dose.state()][dose.amountParameter()] += 1.0;
                }
            }
            double end = d < doses.size() && doses.get(d).time() <= tLast ? doses.get(d).time() : tLast;
            // outputs in [tk, end) belong to this segment, and so does end itself when no dose follows it
            int from = next;
            while (next < kOut && (times[next] < end || (times[next] == end && end == tLast
                    && !(d < doses.size() && doses.get(d).time() == end)))) {
                next++;
            }
            double[] segTimes = Arrays.copyOf(Arrays.copyOfRange(times, from, next), next - from + 1);
            segTimes[next - from] = end;
            OdeProblem seg = OdeProblem.of(problem.rhs(), problem.stateNames().toArray(new String[0]),
                    problem.parameterNames().toArray(new String[0]), tk, y.clone());
            Solution sol;
            Sensitivities ss = null;
            if (sens) {
                ss = Ode.forwardSensitivities(seg, params, segTimes, options);
                sol = ss.solution();
            } else {
                sol = Ode.solve(seg, params, segTimes, options);
            }
            total = total == null ? sol.statistics() : add(total, sol.statistics());
            for (int k = 0; k < segTimes.length; k++) {
                double[][] sp = null;
                double[][] sy = null;
                if (sens) {
                    sy = ss.withRespectToInitialState(k);
                    sp = add(multiply(sy, s), ss.withRespectToParameters(k));
                    sy = multiply(sy, yy);
                }
                if (k < next - from) {
                    states[from + k] = sol.state(k);
                    if (sens) {
                        dp[from + k] = sp;
                        dy[from + k] = sy;
                    }
                } else {
                    y = sol.state(k);
                    if (sens) {
                        s = sp;
                        yy = sy;
                    }
                }
            }
            tk = end;
        }
        Solution solution = new Solution(times, states, problem.stateNames(), options.method(), total);
        return new Sensitivities(solution, problem.parameterNames(), sens ? dp : zeros(kOut, n, p),
                sens ? dy : zeros(kOut, n, n));
    }

    private static double[][][] zeros(int k, int n, int m) {
        return new double[k][n][m];
    }

    private static double[][] identity(int n) {
        double[][] id = new double[n][n];
        for (int i = 0; i < n; i++) {
            id[i][i] = 1;
        }
        return id;
    }

    private static double[][] multiply(double[][] a, double[][] b) {
        int n = a.length;
        int m = b[0].length;
        double[][] c = new double[n][m];
        for (int i = 0; i < n; i++) {
            for (int l = 0; l < b.length; l++) {
                double x = a[i][l];
                if (x != 0) {
                    for (int j = 0; j < m; j++) {
                        c[i][j] += x * b[l][j];
                    }
                }
            }
        }
        return c;
    }

    private static double[][] add(double[][] a, double[][] b) {
        double[][] c = new double[a.length][];
        for (int i = 0; i < a.length; i++) {
            c[i] = a[i].clone();
            for (int j = 0; j < c[i].length; j++) {
                c[i][j] += b[i][j];
            }
        }
        return c;
    }

    /** The work of all segments together. */
    private static Statistics add(Statistics a, Statistics b) {
        java.util.Map<String, Integer> by = new java.util.LinkedHashMap<>(a.stepsByMethod());
        b.stepsByMethod().forEach((m, k) -> by.merge(m, k, Integer::sum));
        return new Statistics(a.steps() + b.steps(), a.rejectedSteps() + b.rejectedSteps(),
                a.rhsEvaluations() + b.rhsEvaluations(), a.jvpEvaluations() + b.jvpEvaluations(),
                a.vjpEvaluations() + b.vjpEvaluations(), a.jacobianEvaluations() + b.jacobianEvaluations(),
                a.factorizations() + b.factorizations(), 0, 0, 0, 0, Math.max(a.jacobianSweeps(), b.jacobianSweeps()),
                by);
    }
}
