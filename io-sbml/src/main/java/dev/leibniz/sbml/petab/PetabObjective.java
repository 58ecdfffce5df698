package dev.leibniz.sbml.petab;

import dev.leibniz.core.Gradient;
import dev.leibniz.ode.LossGradient;
import dev.leibniz.ode.Method;
import dev.leibniz.ode.Ode;
import dev.leibniz.ode.OdeProblem;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.Solution;
import dev.leibniz.ode.SolverOptions;
import dev.leibniz.ode.TrajectoryLoss;
import dev.leibniz.sbml.SbmlException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The log-likelihood of a {@link PetabProblem} as a function of its estimated parameters θ (on
 * their scales), with its exact gradient. The model is translated once; each (pre-equilibration,
 * simulation) condition pair becomes one {@link Simulation} with its own parameter mapping and
 * likelihood graph, traced once and reused for every θ (AMICI's "one model, many conditions").
 *
 * <p>The gradient is, per simulation,
 * <pre>  dℓ/dθ = ∂ℓ/∂θ + Σ_j (∂ℓ/∂p_j + ∂ℓ/∂Y · dY/dp_j) · dp_j/dθ,</pre>
 * where ∂ℓ/∂Y · dY/dp comes from the ODE layer's forward sensitivities or adjoint
 * ({@link Ode#gradient}) and dp_j/dθ from the parameter's scale. The default solver is the
 * order-5 Rosenbrock method Rodas5P at rtol 1e-8, atol 1e-10: two of the three benchmark models
 * are stiff (rate constants up to 1e5 against hours of simulated time), and at these tolerances
 * an order-5 method takes a small fraction of the order-2 Rosenbrock 2(3)'s steps (Boehm: one
 * simulation 2.5×, a forward-sensitivity gradient 1.7× faster and accurate; Fujita's forward
 * gradient 150–200 s → 0.9 s; docs/benchmarks.md). The method is chosen here explicitly rather than by
 * {@link Method#AUTO}: AUTO pays DOPRI5's steps until its stiffness test fires, and on the
 * non-stiff Crauste it stays DOPRI5 anyway, so it gains nothing on these problems.
 */
public final class PetabObjective {
    /** The default integration: Rodas5P, rtol 1e-8, atol 1e-10. */
    public static final SolverOptions DEFAULT_OPTIONS = SolverOptions.DEFAULT.withMethod(Method.RODAS5P)
            .withTolerances(1e-8, 1e-10).withMaxSteps(10_000_000);

    /** ℓ, χ² and the simulated observable of each measurement (in measurement-table order). */
    public record Evaluation(double logLikelihood, double chi2, double[] simulated) {
    }

    /** ℓ and dℓ/dθ for the estimated parameters θ on their scales. */
    public record ValueAndGradient(double logLikelihood, double[] gradient) {
    }

    private final PetabProblem problem;
    private final SolverOptions options;
    private final List<Simulation> simulations = new ArrayList<>();
    private final int[] estimatedIndex;

    public PetabObjective(PetabProblem problem) {
        this(problem, DEFAULT_OPTIONS);
    }

    public PetabObjective(PetabProblem problem, SolverOptions options) {
        this.problem = problem;
        this.options = options;
        Map<String, Integer> tableIndex = new HashMap<>();
        List<Integer> est = new ArrayList<>();
        for (int l = 0; l < problem.parameters().size(); l++) {
            tableIndex.put(problem.parameters().get(l).id(), l);
            if (problem.parameters().get(l).estimate()) {
                est.add(l);
            }
        }
        this.estimatedIndex = est.stream().mapToInt(Integer::intValue).toArray();
        Map<List<String>, List<Integer>> groups = new LinkedHashMap<>();
        for (int m = 0; m < problem.measurements().size(); m++) {
            PetabProblem.Measurement me = problem.measurements().get(m);
            groups.computeIfAbsent(List.of(me.preequilibrationId(), me.conditionId()), k -> new ArrayList<>()).add(m);
        }
        groups.forEach((key, ms) -> simulations.add(new Simulation(problem, tableIndex, key.get(1), key.get(0), ms)));
    }

    List<Simulation> simulations() {
        return simulations;
    }

    /** Per estimated parameter, its row in the parameter table. */
    int[] estimatedIndex() {
        return estimatedIndex.clone();
    }

    public PetabProblem problem() {
        return problem;
    }

    public SolverOptions options() {
        return options;
    }

    /** Number of estimated parameters. */
    public int dimension() {
        return estimatedIndex.length;
    }

    /** ℓ, χ² and the simulations at θ (estimated parameters on their scales). */
    public Evaluation evaluate(double[] theta) {
        double[] all = full(theta);
        double llh = 0;
        double chi2 = 0;
        double[] sim = new double[problem.measurements().size()];
        for (Simulation s : simulations) {
            double[] p = values(s.sources, all);
            double[] y0 = s.preProblem == null ? null : SteadyState.of(s, all, options).state();
            OdeProblem prob = y0 == null ? s.problem : SteadyState.startingAt(s, y0);
            double[][] states = new double[0][];
            if (s.finiteTimes.length > 0) {
                Solution sol = Ode.solve(prob, p, s.finiteTimes, options);
                states = sol.states();
            }
            if (s.steadyStateRow) {
                states = withSteadyState(states, steadyState(s, prob, p).state());
            }
            double[] out = s.llh.evaluate(inputs(s, states, p, all));
            llh += out[0];
            chi2 += out[1];
            for (int i = 0; i < s.measurements.size(); i++) {
                sim[s.measurements.get(i)] = out[2 + i];
            }
        }
        return new Evaluation(llh, chi2, sim);
    }

    /** ℓ and dℓ/dθ by the given sensitivity method (FORWARD or an adjoint). */
    public ValueAndGradient gradient(double[] theta, SensitivityMethod method) {
        double[] all = full(theta);
        double llh = 0;
        double[] grad = new double[all.length];
        for (Simulation s : simulations) {
            llh -= addConditionGradient(s, all, method, grad);
        }
        double[] out = new double[estimatedIndex.length];
        for (int e = 0; e < out.length; e++) {
            out[e] = grad[estimatedIndex[e]];
        }
        return new ValueAndGradient(llh, out);
    }

    /**
     * One simulation condition's share of the gradient: adds dℓ_s/d(all parameters) to {@code grad}
     * (the likelihood's direct dependence, then −d(−ℓ_s)/dp chained through the condition's
     * parameter sources and, with a pre-equilibration, through its steady state).
     *
     * @return −ℓ_s, the condition's negative log-likelihood
     */
    private double addConditionGradient(Simulation s, double[] all, SensitivityMethod method, double[] grad) {
        double[] p = values(s.sources, all);
        SteadyState pre = s.preProblem == null ? null : SteadyState.of(s, all, options);
        OdeProblem prob = pre == null ? s.problem : SteadyState.startingAt(s, pre.state());
        SteadyState atInf = s.steadyStateRow ? steadyState(s, prob, p) : null;
        double[] direct = new double[all.length];
        double[] dInf = new double[s.stateCount]; // ∂(−ℓ)/∂x* of the time = inf row
        TrajectoryLoss loss = negativeLogLikelihood(s, all, atInf, direct, dInf);
        double nll;
        double[] dp;
        double[] dy0;
        if (s.finiteTimes.length > 0) {
            LossGradient lg = Ode.gradient(prob, p, s.finiteTimes, loss, method, options);
            nll = lg.value();
            dp = lg.gradient();
            dy0 = lg.initialStateGradient().clone();
        } else { // only steady-state measurements: no trajectory
            dp = new double[p.length];
            dy0 = new double[s.stateCount];
            nll = loss.evaluate(new double[0], new double[0][], p, new double[0][], dp);
        }
        if (atInf != null) {
            addSteadyStateAdjoint(prob, p, pre, atInf, dInf, dp, dy0);
        }
        for (int l = 0; l < all.length; l++) {
            grad[l] += direct[l];
        }
        chain(s.sources, all, dp, -1, grad);
        if (pre != null) {
            pre.chain(dy0, s, all, grad);
        }
        return nll;
    }

    /**
     * The condition's −ℓ as a loss on the trajectory: writes ∂(−ℓ)/∂x(tₖ) and ∂(−ℓ)/∂p into the
     * solver's arrays, and, as side outputs the solver does not know about, ∂(−ℓ)/∂x* of the
     * time = inf row into {@code dInf} and the likelihood's direct ∂ℓ/∂(all parameters) (noise and
     * observable parameters) into {@code direct}.
     */
    private TrajectoryLoss negativeLogLikelihood(Simulation s, double[] all, SteadyState atInf, double[] direct,
                                                 double[] dInf) {
        return (times, states, params, dStates, dParams) -> {
            double[][] rows = atInf == null ? states : withSteadyState(states, atInf.state());
            Gradient g = s.llh.gradient(inputs(s, rows, params, all));
            // g follows the order of inputs(): the state rows (x* last), the model parameters, all parameters
            int at = 0;
            for (double[] row : dStates) {
                for (int i = 0; i < row.length; i++) {
                    row[i] = -g.get(at++);
                }
            }
            if (atInf != null) {
                for (int i = 0; i < s.stateCount; i++) {
                    dInf[i] = -g.get(at++);
                }
            }
            for (int j = 0; j < s.modelParameterCount; j++) {
                dParams[j] = -g.get(at++);
            }
            for (int l = 0; l < all.length; l++) {
                direct[l] = g.get(at++);
            }
            return -g.value();
        };
    }

    /**
     * Carries ∂(−ℓ)/∂x* of the steady-state row back through the steady state (x* depends on p and
     * on its starting point): adds to dp, and the starting point's share to dy0 with a
     * pre-equilibration, or through the initial-state formulas x₀(p) without one.
     */
    private static void addSteadyStateAdjoint(OdeProblem prob, double[] p, SteadyState pre, SteadyState atInf,
                                              double[] dInf, double[] dp, double[] dy0) {
        double[] dStart = new double[dInf.length];
        double[] dpInf = atInf.adjoint(dInf, dStart);
        for (int j = 0; j < dp.length; j++) {
            dp[j] += dpInf[j];
        }
        if (pre != null) {
            for (int i = 0; i < dy0.length; i++) {
                dy0[i] += dStart[i];
            }
        } else if (prob.initialGraph() != null) {
            SteadyState.initialChain(prob, p, dStart, dp);
        }
    }

    /** The steady state of the simulation condition (time = inf measurements), reached from the problem's start. */
    SteadyState steadyState(Simulation s, OdeProblem prob, double[] p) {
        return SteadyState.find(prob, p, prob.initialState(p), s.model,
                "simulation condition '" + s.conditionId + "' (measurements at time = inf)", options);
    }

    private static double[][] withSteadyState(double[][] states, double[] x) {
        double[][] rows = java.util.Arrays.copyOf(states, states.length + 1);
        rows[states.length] = x;
        return rows;
    }

    /** grad_θ += sign · Σ_j dL/dp_j · dp_j/dθ. */
    static void chain(Source[] sources, double[] all, double[] dp, double sign, double[] grad) {
        for (int j = 0; j < sources.length; j++) {
            if (sources[j].isParameter()) {
                grad[sources[j].parameter()] += sign * dp[j] * sources[j].derivative(all);
            }
        }
    }

    static double[] values(Source[] sources, double[] all) {
        double[] p = new double[sources.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = sources[j].value(all);
        }
        return p;
    }

    static double[] inputs(Simulation s, double[][] states, double[] p, double[] all) {
        double[] in = new double[s.times.length * s.stateCount + s.modelParameterCount + all.length];
        int at = 0;
        for (double[] row : states) {
            System.arraycopy(row, 0, in, at, row.length);
            at += row.length;
        }
        System.arraycopy(p, 0, in, at, s.modelParameterCount);
        at += s.modelParameterCount;
        System.arraycopy(all, 0, in, at, all.length);
        return in;
    }

    /** All table parameters on their scales: θ for the estimated ones, the nominal values for the others. */
    double[] full(double[] theta) {
        if (theta == null || theta.length != estimatedIndex.length) {
            throw new SbmlException(problem.yaml() + ": the problem estimates " + estimatedIndex.length
                    + " parameters, got " + (theta == null ? "null" : theta.length + " values"));
        }
        List<PetabProblem.Parameter> table = problem.parameters();
        double[] all = new double[table.size()];
        for (int l = 0; l < all.length; l++) {
            all[l] = table.get(l).scale().scale(table.get(l).nominal());
        }
        for (int e = 0; e < theta.length; e++) {
            all[estimatedIndex[e]] = theta[e];
        }
        return all;
    }

    @Override
    public String toString() {
        return "PetabObjective(" + problem.yaml() + ", " + simulations.size() + " simulations, "
                + Arrays.toString(problem.estimated().stream().map(PetabProblem.Parameter::id).toArray()) + ")";
    }
}
