package dev.leibniz.models.spec;

import dev.leibniz.core.expr.Syntax;
import java.util.List;

/**
 * An event of a model file, checked:
 * <pre>
 * when h &lt; 0: v = -e*v            # a zero crossing: h − 0 falls through zero; reset v
 * when x &gt; 1: x = 0, y = y + b*x   # rises through; several states reset at once
 * when h &lt; 0: stop                # terminal: the solve ends there
 * at t = 0, 12: gut = gut + D      # time events (doses)
 * </pre>
 *
 * @param text      the statement up to its ':' as written (for labels: "the event 'when h &lt; 0'")
 * @param condition g = left − right of the comparison, for a zero crossing; null for a time event
 * @param direction −1 ({@code <}, {@code <=}: g falls through zero), +1 ({@code >}, {@code >=}), 0 ({@code ==})
 * @param times     the times of a time event, increasing; null for a zero crossing
 * @param resets    the states set, each a {@link Definition} (name = the state; expr reads the state before the event)
 * @param terminal  whether the event stops the solve
 * @param position  where the statement starts
 */
public record EventSpec(String text, Syntax condition, int direction, double[] times, List<Definition> resets,
                        boolean terminal, Position position) {
    public EventSpec {
        resets = List.copyOf(resets);
        times = times == null ? null : times.clone();
    }

    /** "file:line:column: the event 'when h &lt; 0'": how errors and the list of fired events name it. */
    public String label(String file) {
        return file + ":" + position + ": the event '" + text + "'";
    }
}
