package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * An {@link OdeProblem} with {@link Event}s — zero crossings and time events that reset the state
 * or stop the solve — and, optionally, a right-hand side that switches at given times (piecewise
 * input functions of time: an infusion switched on at t = 2 and off at t = 5).
 * <pre>{@code
 * HybridProblem ball = HybridProblem.of(problem)
 *     .with(Event.when((t, y, p) -> y[0], -1).thenReset((t, y, p) -> new Var[] {y[0], y[1].mul(p[0]).neg()}));
 * HybridSolution s = ball.forwardSensitivities(params, times, SolverOptions.DEFAULT);
 * }</pre>
 *
 * <p>The solve runs segment by segment: between two events (or switch times) it is an ordinary
 * solve, restarted at each event from the reset state, so no step straddles a jump. Outputs are
 * right-continuous (an output at an event's time reports the state after it). A terminal event
 * ends the solve at its time: the outputs after it are not computed and the solution ends with
 * the last output before it ({@link HybridSolution#stopTime()}, {@link HybridSolution#stopState()}).
 * Sensitivities are exact across the events, including the move of a zero crossing's time with
 * the parameters (see {@link EventRun}); the discrete adjoint chains the segments' discrete
 * adjoints through the transposed jumps ({@link EventAdjoint}). Needs a method with dense output.
 *
 * <p>A zero crossing that never fires in the solved window is an error (an event that cannot fire
 * is almost always a wrong level, sign or state), naming the event by its label and the range its
 * condition covered.
 */
public final class HybridProblem {
    private final OdeProblem problem;
    private final List<Event> events;
    private final double[] switchTimes;
    private final List<OdeProblem> pieces;

    private HybridProblem(OdeProblem problem, List<Event> events, double[] switchTimes, List<OdeProblem> pieces) {
        this.problem = problem;
        this.events = events;
        this.switchTimes = switchTimes;
        this.pieces = pieces;
    }

    /** The problem without events. */
    public static HybridProblem of(OdeProblem problem) {
        if (problem == null) {
            throw new OdeException("the problem is null");
        }
        return new HybridProblem(problem, List.of(), new double[0], List.of(problem));
    }

    /** With one more event (traced now if written as Java code, its names checked). */
    public HybridProblem with(Event e) {
        if (e == null) {
            throw new OdeException("the event is null");
        }
        Graph g = e.conditionGraph(problem);
        if (g != null) {
            new PointGraph(g, problem, e.label() + ": the condition");
        }
        Graph h = e.resetGraph(problem);
        if (h != null) {
            new PointGraph(h, problem, e.label() + ": the reset");
            for (String name : h.outputNames()) {
                if (!problem.stateNames().contains(name)) {
                    throw new OdeException(e.label() + ": the reset sets '" + name + "', which is not a state; the states"
                            + " are " + problem.stateNames());
                }
            }
        }
        if (e.isTimeEvent() && e.times()[0] < problem.startTime()) {
            throw new OdeException(e.label() + ": the time " + e.times()[0] + " is before the start time t0 = "
                    + problem.startTime());
        }
        List<Event> all = new ArrayList<>(events);
        all.add(e);
        return new HybridProblem(problem, List.copyOf(all), switchTimes, pieces);
    }

    /**
     * With a right-hand side that switches at the given increasing times: {@code rhs[0]} holds
     * before {@code times[0]}, {@code rhs[k]} on [times[k−1], times[k]), the last after the last
     * time. Each is a graph like the problem's own (same inputs and outputs).
     */
    public HybridProblem switching(double[] times, Graph... rhs) {
        if (times == null || rhs == null || rhs.length != times.length + 1) {
            throw new OdeException("a switching right-hand side needs one graph more than switch times, got "
                    + (rhs == null ? 0 : rhs.length) + " graphs for " + (times == null ? 0 : times.length) + " times");
        }
        for (int k = 0; k < times.length; k++) {
            if (!Double.isFinite(times[k]) || (k > 0 && !(times[k] > times[k - 1]))) {
                throw new OdeException("switch times must be finite and increasing, got " + Arrays.toString(times));
            }
        }
        List<OdeProblem> ps = new ArrayList<>();
        for (Graph g : rhs) {
            ps.add(problem.initialDependsOnParameters()
                    ? OdeProblem.of(g, names(problem.stateNames()), names(problem.parameterNames()), problem.startTime(),
                    problem.initialGraph())
                    : OdeProblem.of(g, names(problem.stateNames()), names(problem.parameterNames()), problem.startTime(),
                    problem.fixedInitial()));
        }
        return new HybridProblem(problem, events, times.clone(), List.copyOf(ps));
    }

    private static String[] names(List<String> l) {
        return l.toArray(new String[0]);
    }

    public OdeProblem problem() {
        return problem;
    }

    public List<Event> events() {
        return events;
    }

    /** The switch times of the right-hand side (a copy; empty when it does not switch). */
    public double[] switchTimes() {
        return switchTimes.clone();
    }

    /** The problem whose right-hand side holds on the piece {@code k} (0 before the first switch). */
    OdeProblem piece(int k) {
        return pieces.get(k);
    }

    /** The states at the output times (up to a terminal event), and the events that fired. */
    public HybridSolution solve(double[] params, double[] outputTimes, SolverOptions options) {
        return new EventRun(this, params, outputTimes, options, false).go();
    }

    /** As {@link #solve}, with the sensitivities to the parameters and to y₀, and each event time's dτ/dp. */
    public HybridSolution forwardSensitivities(double[] params, double[] outputTimes, SolverOptions options) {
        return new EventRun(this, params, outputTimes, options, true).go();
    }

    /**
     * A loss on the outputs (those up to a terminal event) and its gradient, by
     * {@link SensitivityMethod#FORWARD} or {@link SensitivityMethod#DISCRETE_ADJOINT} (AUTO picks
     * forward for up to 8 parameters and states, as {@link Ode#gradient} does).
     */
    public LossGradient gradient(double[] params, double[] outputTimes, TrajectoryLoss loss, SensitivityMethod method,
                                 SolverOptions options) {
        if (loss == null || method == null) {
            throw new OdeException("the loss and the sensitivity method must not be null");
        }
        SensitivityMethod m = method == SensitivityMethod.AUTO
                ? (problem.parameterCount() + problem.stateCount() <= 8 ? SensitivityMethod.FORWARD
                : SensitivityMethod.DISCRETE_ADJOINT) : method;
        return switch (m) {
            case FORWARD -> EventAdjoint.forward(this, params, outputTimes, loss, options);
            case DISCRETE_ADJOINT -> EventAdjoint.discrete(this, params, outputTimes, loss, options);
            default -> throw new OdeException("the gradient across events is by FORWARD or DISCRETE_ADJOINT, not " + m);
        };
    }
}
