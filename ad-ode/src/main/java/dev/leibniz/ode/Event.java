package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Something that happens during a solve, for a {@link HybridProblem}:
 * <ul>
 *   <li>a <b>zero crossing</b> ({@link #when}): the condition g(t, y, p) changes sign in the given
 *       direction (−1 falling, +1 rising, 0 either) — located to near machine precision on the
 *       dense output of the step that crosses;</li>
 *   <li>a <b>time event</b> ({@link #at}): at given times, fixed in advance (doses).</li>
 * </ul>
 * When it fires, the state is <b>reset</b>, y⁺ = h(t, y⁻, p) — any function of the time, every
 * state and the parameters, several states at once (a reset's right-hand sides all read the state
 * before the event) — or, for a <b>terminal</b> event ({@link #thenStop()}), the solve stops at
 * the event's time. g and h are ad-core graphs (inputs named {@code t}, state and parameter names,
 * each optional; h's outputs named after the states it sets) or Java code traced once; their
 * derivatives, which the sensitivity jumps need, come from the graphs.
 *
 * <p>An event is immutable; {@link #labelled} gives it the name its error messages start with
 * (a model file's {@code file:line:column: the event 'when h < 0'}).
 */
public final class Event {
    /** A condition as Java code over graph variables; traced when the event is added to a problem. */
    @FunctionalInterface
    public interface Condition {
        Var apply(Var t, Var[] y, Var[] p);
    }

    /** A reset as Java code: the whole new state (return {@code y[i]} for a state it keeps). */
    @FunctionalInterface
    public interface Reset {
        Var[] apply(Var t, Var[] y, Var[] p);
    }

    private final Graph condition;
    private final Condition conditionCode;
    private final int direction;
    private final double[] times;
    private final Graph reset;
    private final Reset resetCode;
    private final boolean terminal;
    private final String label;

    private Event(Graph condition, Condition conditionCode, int direction, double[] times, Graph reset,
                  Reset resetCode, boolean terminal, String label) {
        this.condition = condition;
        this.conditionCode = conditionCode;
        this.direction = direction;
        this.times = times;
        this.reset = reset;
        this.resetCode = resetCode;
        this.terminal = terminal;
        this.label = label;
    }

    /** When the one output of {@code condition} crosses zero in {@code direction} (−1, 0 or +1). */
    public static Event when(Graph condition, int direction) {
        if (condition == null || condition.outputCount() != 1) {
            throw new OdeException("an event's condition is a graph with one output, got "
                    + (condition == null ? "null" : condition.outputCount() + " outputs"));
        }
        return new Event(condition, null, checkDirection(direction), null, null, null, false, null);
    }

    /** When g(t, y, p), written as Java code, crosses zero in {@code direction} (−1, 0 or +1). */
    public static Event when(Condition condition, int direction) {
        if (condition == null) {
            throw new OdeException("the event's condition is null");
        }
        return new Event(null, condition, checkDirection(direction), null, null, null, false, null);
    }

    /** At the given times (finite, any order; sorted here). */
    public static Event at(double... times) {
        if (times == null || times.length == 0) {
            throw new OdeException("a time event needs at least one time");
        }
        double[] s = times.clone();
        Arrays.sort(s);
        for (double t : s) {
            if (!Double.isFinite(t)) {
                throw new OdeException("a time event's time is " + t);
            }
        }
        return new Event(null, null, 0, s, null, null, false, null);
    }

    /** A dose: at {@code times}, {@code state} += the parameter {@code amount}. */
    public static Event dose(String state, String amount, double... times) {
        GraphBuilder b = GraphBuilder.tracing();
        Var y = b.input(state);
        Var d = b.input(amount);
        Map<String, Var> out = new LinkedHashMap<>();
        out.put(state, y.add(d));
        return at(times).thenReset(b.build(out)).labelled("the dose of " + amount + " into " + state);
    }

    private static int checkDirection(int direction) {
        if (direction < -1 || direction > 1) {
            throw new OdeException("an event's direction is −1 (falling), 0 (either) or +1 (rising), got " + direction);
        }
        return direction;
    }

    /** With the reset y⁺ = h(t, y⁻, p): a graph whose outputs are named after the states it sets. */
    public Event thenReset(Graph h) {
        if (h == null || h.outputCount() == 0) {
            throw new OdeException("a reset is a graph with one output per state it sets");
        }
        return new Event(condition, conditionCode, direction, times, h, null, false, label);
    }

    /** With the reset written as Java code returning the whole new state. */
    public Event thenReset(Reset h) {
        if (h == null) {
            throw new OdeException("the reset is null");
        }
        return new Event(condition, conditionCode, direction, times, null, h, false, label);
    }

    /** Terminal: the solve stops at the event (no reset). */
    public Event thenStop() {
        return new Event(condition, conditionCode, direction, times, null, null, true, label);
    }

    /** Named {@code label} in error messages and in the solution's list of fired events. */
    public Event labelled(String label) {
        return new Event(condition, conditionCode, direction, times, reset, resetCode, terminal, label);
    }

    public boolean isTimeEvent() {
        return times != null;
    }

    public boolean isTerminal() {
        return terminal;
    }

    /** −1 falling, +1 rising, 0 either (a zero crossing); 0 for a time event. */
    public int direction() {
        return direction;
    }

    /** The times of a time event (a copy), or null. */
    public double[] times() {
        return times == null ? null : times.clone();
    }

    /** The label, or a description when none was given. */
    public String label() {
        if (label != null) {
            return label;
        }
        if (times != null) {
            return "the event at t = " + Arrays.toString(times);
        }
        return "the event " + (direction < 0 ? "falling" : direction > 0 ? "rising" : "crossing") + " through 0";
    }

    boolean hasReset() {
        return reset != null || resetCode != null;
    }

    /** g traced over the problem's names, or the graph as given. */
    Graph conditionGraph(OdeProblem problem) {
        if (condition != null || conditionCode == null) {
            return condition;
        }
        Tracer tr = new Tracer(problem);
        Var g = conditionCode.apply(tr.t, tr.y, tr.p);
        if (g == null) {
            throw new OdeException(label() + ": the condition returned null");
        }
        return tr.b.build(Map.of("g", g));
    }

    /** h traced over the problem's names, or the graph as given; null without a reset. */
    Graph resetGraph(OdeProblem problem) {
        if (reset != null || resetCode == null) {
            return reset;
        }
        Tracer tr = new Tracer(problem);
        Var[] h = resetCode.apply(tr.t, tr.y, tr.p);
        if (h == null || h.length != tr.y.length) {
            throw new OdeException(label() + ": the reset returned " + (h == null ? "null" : h.length + " values")
                    + " but the problem has " + tr.y.length + " states " + problem.stateNames());
        }
        Map<String, Var> out = new LinkedHashMap<>();
        for (int i = 0; i < h.length; i++) {
            if (h[i] != tr.y[i]) {
                out.put(problem.stateName(i), h[i]);
            }
        }
        if (out.isEmpty()) {
            out.put(problem.stateName(0), tr.y[0].mul(1.0));
        }
        return tr.b.build(out);
    }

    /** The symbolic inputs t, y, p of a traced condition or reset. */
    private static final class Tracer {
        final GraphBuilder b = GraphBuilder.tracing();
        final Var t;
        final Var[] y;
        final Var[] p;

        Tracer(OdeProblem problem) {
            t = b.input(OdeProblem.TIME);
            y = new Var[problem.stateCount()];
            for (int i = 0; i < y.length; i++) {
                y[i] = b.input(problem.stateName(i));
            }
            p = new Var[problem.parameterCount()];
            for (int j = 0; j < p.length; j++) {
                p[j] = b.input(problem.parameterName(j));
            }
        }
    }
}
