package dev.leibniz.ode;

import dev.leibniz.core.Program;
import dev.leibniz.ode.internal.Counters;
import dev.leibniz.ode.internal.ErrorNorm;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.OdeSystem;
import dev.leibniz.ode.internal.RhsFunction;
import dev.leibniz.ode.internal.Stepper;
import java.util.Arrays;

/** What every solve needs, checked once: parameters, output times, y₀, the compiled f, the counters. */
final class Setup {
    final OdeProblem problem;
    final double[] params;
    final double[] times;
    final SolverOptions options;
    final Counters counters = new Counters();
    final RhsFunction f;
    final int n;
    final int p;
    final String[] states;
    final String[] paramNames;

    Setup(OdeProblem problem, double[] params, double[] outputTimes, SolverOptions options) {
        if (problem == null) {
            throw new OdeException("the problem is null");
        }
        if (options == null) {
            throw new OdeException("the solver options are null");
        }
        problem.checkParameters(params);
        this.problem = problem;
        this.params = params.clone();
        this.times = checkTimes(outputTimes, problem.startTime());
        this.options = options;
        this.n = problem.stateCount();
        double[] atols = options.absoluteTolerances();
        if (atols != null && atols.length != n) {
            throw new OdeException("absoluteTolerances has " + atols.length + " entries but the problem has " + n
                    + " states " + problem.stateNames());
        }
        this.p = problem.parameterCount();
        this.states = problem.stateNames().toArray(new String[0]);
        this.paramNames = problem.parameterNames().toArray(new String[0]);
        this.f = new RhsFunction(problem.rhsCode(), problem.rhsInputSource(), n, p, params, options.jacobian(), counters);
    }

    private static double[] checkTimes(double[] times, double t0) {
        if (times == null || times.length == 0) {
            throw new OdeException("at least one output time is needed");
        }
        for (int k = 0; k < times.length; k++) {
            if (!Double.isFinite(times[k])) {
                throw new OdeException("output time " + k + " is " + times[k]);
            }
            if (times[k] < t0) {
                throw new OdeException("output time " + k + " = " + times[k] + " is before the start time t0 = " + t0
                        + "; integrating backward is not supported");
            }
            if (k > 0 && times[k] < times[k - 1]) {
                throw new OdeException("output times must be non-decreasing, but time " + k + " = " + times[k]
                        + " comes after " + times[k - 1] + " in " + Arrays.toString(times));
            }
        }
        return times.clone();
    }

    double[] initialState() {
        return problem.initialState(params);
    }

    /** ∂y₀/∂p, n × p (zero when y₀ is fixed), by one VJP per state. */
    double[][] initialJacobian() {
        double[][] jac = new double[n][p];
        if (!problem.initialDependsOnParameters()) {
            return jac;
        }
        Program prog = problem.initialGraph().compile();
        int[] src = problem.initialInputParameter();
        double[] in = new double[src.length];
        for (int j = 0; j < src.length; j++) {
            in[j] = params[src[j]];
        }
        for (int i = 0; i < n; i++) {
            double[] ct = new double[n];
            ct[i] = 1.0;
            double[] adj = prog.vjp(in, ct);
            for (int j = 0; j < src.length; j++) {
                jac[i][src[j]] += adj[j];
            }
        }
        return jac;
    }

    /** Adds (∂y₀/∂p)ᵀ λ₀ to dp. */
    void foldInitial(double[] lambda0, double[] dp) {
        if (!problem.initialDependsOnParameters()) {
            return;
        }
        double[][] j = initialJacobian();
        for (int i = 0; i < n; i++) {
            for (int q = 0; q < p; q++) {
                dp[q] += j[i][q] * lambda0[i];
            }
        }
    }

    /** A stepper of the chosen method (the method is the strategy; see {@link Method}). */
    Stepper stepper(OdeSystem sys) {
        return options.method().stepper(sys);
    }

    double fixedStep() {
        double span = times[times.length - 1] - problem.startTime();
        return options.step() > 0 ? options.step() : span / 1000.0;
    }

    Integrator integrator(OdeSystem sys, Stepper stepper, double[] u0, int controlled) {
        return new Integrator(sys, stepper, errorNorm(controlled), fixedStep(), options.initialStep(),
                options.maxStep(), options.maxSteps(), problem.startTime(), u0, times, counters, options.method());
    }

    /** The error norm over the first {@code controlled} components, per-state tolerances on the states. */
    ErrorNorm errorNorm(int controlled) {
        return new ErrorNorm(options.relativeTolerance(), options.absoluteTolerance(), options.absoluteTolerances(),
                controlled, options.norm());
    }

    Solution solution(double[][] states) {
        return new Solution(times, states, problem.stateNames(), options.method(), Statistics.of(counters));
    }

    /** Evaluates the loss, checking that it is finite. */
    double loss(TrajectoryLoss loss, double[][] states, double[][] dStates, double[] dParams) {
        double v = loss.evaluate(times.clone(), states, params.clone(), dStates, dParams);
        if (!Double.isFinite(v)) {
            throw new OdeException("the loss is " + v + " on the computed solution", OdeException.Reason.NON_FINITE_STATE,
                    times[times.length - 1], Double.NaN, null);
        }
        return v;
    }
}
