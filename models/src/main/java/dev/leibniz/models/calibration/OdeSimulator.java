package dev.leibniz.models.calibration;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.models.OdeModel;
import dev.leibniz.models.spec.Parameter;
import dev.leibniz.ode.HybridProblem;
import dev.leibniz.ode.HybridSolution;
import dev.leibniz.ode.LossGradient;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.Sensitivities;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.ode.TrajectoryLoss;
import java.util.List;

/**
 * A {@link Simulator} that solves an {@link OdeModel} with ad-ode. Observables are states
 * (read from the solution) and outputs g(t, y, θ) (evaluated by a compiled graph). Derivatives:
 *
 * <ul>
 *   <li>the Jacobian by forward sensitivities: for a state ∂y(t_k)/∂θ from
 *       {@link Ode#forwardSensitivities} (through y₀(θ) too); for an output the chain rule
 *       {@code dg/dθ = ∂g/∂y · ∂y/∂θ + ∂g/∂θ}, with ∂g/∂(y, θ) by one reverse sweep of g;</li>
 *   <li>the gradient of a scalar loss by {@link Ode#gradient} with the configured method; with
 *       an adjoint the cotangents of the outputs are pulled back to the states (jumps of the
 *       adjoint) and to θ (a direct dependence) by the same reverse sweep of g.</li>
 * </ul>
 */
public final class OdeSimulator implements Simulator {
    /**
     * Tight enough that fits agree with an independent solver to far better than 0.1%. The RMS
     * error norm (not ad-ode's BOUNDED_RMS default) keeps the optimizers' established paths: under
     * BOUNDED_RMS, L-BFGS's line search on the lynx–hare fit (2 states with 8 sensitivity lanes:
     * 18 controlled components) stops at iteration 23 on solver noise at this tolerance.
     */
    public static final SolverOptions DEFAULT_OPTIONS = SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12)
            .withNorm(dev.leibniz.ode.Norm.RMS);

    private final OdeModel model;
    private final OdeProblem problem;
    /** The problem with the model file's events and input functions, or null when it has none. */
    private final HybridProblem hybrid;
    private final Program outputs;
    private final SolverOptions options;
    private final SensitivityMethod method;
    private final int n;

    /** With {@link #DEFAULT_OPTIONS}, under a model file's {@code solve} line where it has one. */
    public OdeSimulator(OdeModel model) {
        this(model, model instanceof dev.leibniz.models.spec.ModelSpec spec ? spec.solve().apply(DEFAULT_OPTIONS)
                : DEFAULT_OPTIONS, SensitivityMethod.FORWARD);
    }

    public OdeSimulator(OdeModel model, SolverOptions options) {
        this(model, options, SensitivityMethod.FORWARD);
    }

    private OdeSimulator(OdeModel model, SolverOptions options, SensitivityMethod method) {
        this(model, model.problem(), hybridOf(model), compile(model.outputGraph()), options, method);
    }

    private OdeSimulator(OdeModel model, OdeProblem problem, HybridProblem hybrid, Program outputs,
                         SolverOptions options, SensitivityMethod method) {
        this.model = model;
        this.problem = problem;
        this.hybrid = hybrid;
        this.outputs = outputs;
        this.options = options;
        this.method = method;
        this.n = problem.stateCount();
    }

    private static HybridProblem hybridOf(OdeModel model) {
        return model instanceof dev.leibniz.models.spec.ModelSpec spec && spec.isHybrid() ? spec.hybridProblem() : null;
    }

    private static Program compile(Graph g) {
        return g == null ? null : g.compile();
    }

    public OdeModel model() {
        return model;
    }

    public OdeProblem problem() {
        return problem;
    }

    public SolverOptions options() {
        return options;
    }

    /** The same model solved with other options. */
    public OdeSimulator withOptions(SolverOptions o) {
        return new OdeSimulator(model, problem, hybrid, outputs, o, method);
    }

    @Override
    public OdeSimulator withSensitivity(SensitivityMethod m) {
        return new OdeSimulator(model, problem, hybrid, outputs, options, m);
    }

    @Override
    public List<Parameter> parameters() {
        return model.parameters();
    }

    @Override
    public List<String> observableNames() {
        return model.observableNames();
    }

    @Override
    public int stateCount() {
        return n;
    }

    @Override
    public double startTime() {
        return model.t0();
    }

    /** The problem with the model's events and input functions, or null when it has none. */
    public HybridProblem hybridProblem() {
        return hybrid;
    }

    /** The states at the given times (up to a terminal event: the solution may be shorter). */
    public Solution solve(double[] theta, double[] times) {
        return hybrid != null ? hybrid.solve(theta, times, options).solution() : Ode.solve(problem, theta, times, options);
    }

    /** The solve with the model's events: the states up to a terminal event, the events that fired. */
    public HybridSolution solveWithEvents(double[] theta, double[] times) {
        return (hybrid != null ? hybrid : HybridProblem.of(problem)).solve(theta, times, options);
    }

    @Override
    public void simulate(double[] theta, double[] times, int[] columns, double[][] values, double[][][] jacobian) {
        Sensitivities sens;
        Solution sol;
        if (hybrid != null) {
            HybridSolution hs = jacobian == null ? hybrid.solve(theta, times, options)
                    : hybrid.forwardSensitivities(theta, times, options);
            if (hs.solution().size() < times.length) {
                HybridSolution.FiredEvent stop = hs.events().get(hs.events().size() - 1);
                throw new dev.leibniz.core.LeibnizException(stop.label() + " stopped the solve at t = " + stop.time()
                        + ", before t = " + times[hs.solution().size()] + ", where a value is asked for");
            }
            sens = hs.sensitivities();
            sol = hs.solution();
        } else {
            sens = jacobian == null ? null : Ode.forwardSensitivities(problem, theta, times, options);
            sol = sens != null ? sens.solution() : Ode.solve(problem, theta, times, options);
        }
        int p = theta.length;
        for (int k = 0; k < times.length; k++) {
            double[] y = sol.state(k);
            double[][] s = sens == null ? null : sens.withRespectToParameters(k);
            double[] in = null;
            for (int c = 0; c < columns.length; c++) {
                int col = columns[c];
                if (col < n) {
                    values[k][c] = y[col];
                    if (jacobian != null) {
                        System.arraycopy(s[col], 0, jacobian[k][c], 0, p);
                    }
                    continue;
                }
                if (in == null) {
                    in = inputs(times[k], y, theta);
                }
                int o = col - n;
                if (jacobian == null) {
                    values[k][c] = outputs.evaluate(in)[o];
                    continue;
                }
                Gradient g = outputs.gradient(o, dev.leibniz.core.EvalOptions.DEFAULT, in);
                values[k][c] = g.value();
                double[] dg = g.toArray();
                for (int j = 0; j < p; j++) {
                    double d = dg[1 + n + j];
                    for (int i = 0; i < n; i++) {
                        d += dg[1 + i] * s[i][j];
                    }
                    jacobian[k][c][j] = d;
                }
            }
        }
    }

    @Override
    public double valueAndGradient(double[] theta, double[] times, int[] columns, CotangentFunction phi,
                                   double[] gradient) {
        if (method == SensitivityMethod.FORWARD) {
            return Simulator.super.valueAndGradient(theta, times, columns, phi, gradient);
        }
        if (hybrid != null && !options.method().isExplicit()) {
            // across events the discrete adjoint chains the segments' own, which need an explicit method
            return Simulator.super.valueAndGradient(theta, times, columns, phi, gradient);
        }
        int m = columns.length;
        TrajectoryLoss loss = (ts, states, params, dStates, dParams) -> {
            double[][] values = new double[ts.length][m];
            double[][][] partials = new double[ts.length][m][];
            for (int k = 0; k < ts.length; k++) {
                double[] in = null;
                for (int c = 0; c < m; c++) {
                    int col = columns[c];
                    if (col < n) {
                        values[k][c] = states[k][col];
                    } else {
                        if (in == null) {
                            in = inputs(ts[k], states[k], params);
                        }
                        Gradient g = outputs.gradient(col - n, dev.leibniz.core.EvalOptions.DEFAULT, in);
                        values[k][c] = g.value();
                        partials[k][c] = g.toArray();
                    }
                }
            }
            double[][] ct = new double[ts.length][m];
            double value = phi.apply(values, ct);
            for (int k = 0; k < ts.length; k++) {
                for (int c = 0; c < m; c++) {
                    int col = columns[c];
                    if (ct[k][c] == 0.0) {
                        continue;
                    }
                    if (col < n) {
                        dStates[k][col] += ct[k][c];
                    } else {
                        double[] dg = partials[k][c];
                        for (int i = 0; i < n; i++) {
                            dStates[k][i] += ct[k][c] * dg[1 + i];
                        }
                        for (int j = 0; j < params.length; j++) {
                            dParams[j] += ct[k][c] * dg[1 + n + j];
                        }
                    }
                }
            }
            return value;
        };
        LossGradient lg = hybrid != null
                ? hybrid.gradient(theta, times, loss, SensitivityMethod.DISCRETE_ADJOINT, options)
                : Ode.gradient(problem, theta, times, loss, method, options);
        System.arraycopy(lg.gradient(), 0, gradient, 0, gradient.length);
        return lg.value();
    }

    /** Every observable (the states, then the outputs) at time t from the state y. */
    public double[] observables(double t, double[] y, double[] theta) {
        double[] all = java.util.Arrays.copyOf(y, n + model.outputNames().size());
        if (outputs != null) {
            double[] g = outputs.evaluate(inputs(t, y, theta));
            System.arraycopy(g, 0, all, n, g.length);
        }
        return all;
    }

    /** Inputs of the output graph: t, states, params. */
    private double[] inputs(double t, double[] y, double[] theta) {
        double[] in = new double[1 + n + theta.length];
        in[0] = t;
        System.arraycopy(y, 0, in, 1, n);
        System.arraycopy(theta, 0, in, 1 + n, theta.length);
        return in;
    }
}
