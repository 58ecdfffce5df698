package dev.leibniz.ode;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.Map;

/**
 * Solves a problem with one zero-crossing {@link StateEvent} (a state crossing a level, a reset
 * that rescales a state), with or without forward sensitivities: a shorthand for a
 * {@link HybridProblem} with that one {@link Event}, whose engine ({@link EventRun}) locates the
 * crossing on the dense output, resets, and makes the sensitivities jump. Outputs are
 * right-continuous. Needs a method with dense output.
 */
public final class Events {
    private Events() {
    }

    /** The states at the output times with the events applied. */
    public static Solution solve(OdeProblem problem, double[] params, double[] times, SolverOptions options,
                                 StateEvent event) {
        return hybrid(problem, event).solve(params, times, options).solution();
    }

    /** The states and their sensitivities, exact across the events. */
    public static Sensitivities forwardSensitivities(OdeProblem problem, double[] params, double[] times,
                                                     SolverOptions options, StateEvent event) {
        return hybrid(problem, event).forwardSensitivities(params, times, options).sensitivities();
    }

    /** The problem with the event: g = y_watched − level, h: y_reset ← scale · y_reset. */
    static HybridProblem hybrid(OdeProblem problem, StateEvent ev) {
        if (problem == null || ev == null) {
            throw new OdeException("the problem and the event must not be null");
        }
        index(problem, ev.watched());
        index(problem, ev.reset());
        if (ev.parameter() != null && !problem.parameterNames().contains(ev.parameter())) {
            throw new OdeException("the event's factor names the parameter '" + ev.parameter() + "', which the"
                    + " problem does not have; its parameters are " + problem.parameterNames());
        }
        GraphBuilder gb = GraphBuilder.tracing();
        Var g = gb.input(ev.watched()).sub(ev.level());
        GraphBuilder hb = GraphBuilder.tracing();
        Var y = hb.input(ev.reset());
        Var h = ev.parameter() != null ? y.mul(hb.input(ev.parameter())).mul(ev.sign()) : y.mul(ev.factor());
        String dir = ev.direction() < 0 ? "falling through" : ev.direction() > 0 ? "rising through" : "crossing";
        Event e = Event.when(gb.build(Map.of("g", g)), ev.direction()).thenReset(hb.build(Map.of(ev.reset(), h)))
                .labelled("the event on " + ev.watched() + " (" + dir + " " + ev.level() + ")");
        return HybridProblem.of(problem).with(e);
    }

    private static void index(OdeProblem problem, String state) {
        if (!problem.stateNames().contains(state)) {
            throw new OdeException("the event names the state '" + state + "', which the problem does not have;"
                    + " its states are " + problem.stateNames());
        }
    }
}
