package dev.leibniz.ode;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Time events: doses added to a state at given times, as in pharmacokinetics (an oral dose into
 * the gut compartment, a bolus into the blood). At a dose time t_d the state jumps,
 * <pre>  y_i(t_d⁺) = y_i(t_d⁻) + D,</pre>
 * with the amount D a number or one of the problem's parameters; between doses the problem's
 * equations hold. Outputs are right-continuous: an output at a dose time reports the state after
 * the dose. A dose at the start time adds to the initial state.
 *
 * <p>A shorthand for {@link Event#at} time events of a {@link HybridProblem}: the solve runs
 * segment by segment between dose times, each one a fresh start from the post-dose state, so no
 * step straddles a jump (which would cost the error control dozens of rejected steps and the
 * accuracy the jump's smoothness). The sensitivities are exact across the jumps: with S = dy/dp
 * (total) and Y = dy/dy₀,
 * <pre>  S(t_d⁺) = S(t_d⁻) + e_i ∂D/∂p,   Y(t_d⁺) = Y(t_d⁻);</pre>
 * a time event's time does not depend on the parameters, so no jump from a moving event time arises.
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

    /** The doses as time events of a {@link HybridProblem}, whose engine ({@link EventRun}) runs the segments. */
    private Sensitivities run(double[] params, double[] outputTimes, SolverOptions options, boolean sens) {
        HybridProblem hp = HybridProblem.of(problem);
        for (Dose d : doses) {
            String state = problem.stateName(d.state());
            GraphBuilder b = GraphBuilder.tracing();
            Var y = b.input(state);
            Var after = d.amountParameter() >= 0 ? y.add(b.input(problem.parameterName(d.amountParameter())))
                    : y.add(d.amount());
            hp = hp.with(Event.at(d.time()).thenReset(b.build(Map.of(state, after)))
                    .labelled("the dose into " + state + " at t = " + d.time()));
        }
        HybridSolution s = sens ? hp.forwardSensitivities(params, outputTimes, options)
                : hp.solve(params, outputTimes, options);
        if (sens) {
            return s.sensitivities();
        }
        int k = s.solution().size();
        int n = problem.stateCount();
        return new Sensitivities(s.solution(), problem.parameterNames(), new double[k][n][problem.parameterCount()],
                new double[k][n][n]);
    }
}
