package dev.leibniz.models.spec;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.ode.Event;
import dev.leibniz.ode.HybridProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A model file's events and input functions as an ad-ode {@link HybridProblem}: each
 * {@code when} line an {@link Event#when} whose condition graph is left − right of its comparison,
 * each {@code at} line an {@link Event#at}, their resets one graph each (outputs named after the
 * states set, every right-hand side reading the state before the event), {@code stop} a terminal
 * event; the input functions' switch times (all of them, merged) cut time into intervals, and the
 * right-hand side on each is traced with every input function replaced by its piece there. Events
 * are labelled {@code file:line:column: the event 'when h < 0'}, so a solver error names the line.
 */
final class ModelEvents {
    private ModelEvents() {
    }

    static HybridProblem hybridProblem(ModelSpec spec) {
        HybridProblem hp = HybridProblem.of(spec.problem());
        List<InputFunction> functions = spec.inputFunctions();
        TreeSet<Double> all = new TreeSet<>();
        for (InputFunction f : functions) {
            for (double t : f.from()) {
                all.add(t);
            }
        }
        if (!all.isEmpty()) {
            double[] switches = all.stream().mapToDouble(Double::doubleValue).toArray();
            Graph[] pieces = new Graph[switches.length + 1];
            for (int k = 0; k < pieces.length; k++) {
                int[] active = new int[functions.size()];
                for (int i = 0; i < active.length; i++) {
                    active[i] = k == 0 ? 0 : functions.get(i).pieceAt(switches[k - 1]);
                }
                pieces[k] = rhs(spec, active);
            }
            hp = hp.switching(switches, pieces);
        }
        for (EventSpec e : spec.events()) {
            Event ev = e.condition() != null ? Event.when(condition(spec, e), e.direction()) : Event.at(e.times());
            if (e.terminal()) {
                ev = ev.thenStop();
            } else if (!e.resets().isEmpty()) {
                ev = ev.thenReset(reset(spec, e));
            }
            hp = hp.with(ev.labelled(e.label(spec.fileName())));
        }
        return hp;
    }

    /** The symbolic t, states and params of a traced graph. */
    private record Inputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        static Inputs of(ModelSpec spec) {
            GraphBuilder b = GraphBuilder.tracing();
            Var t = b.input("t");
            Var[] y = spec.stateNames().stream().map(b::input).toArray(Var[]::new);
            Var[] p = spec.parameterNames().stream().map(b::input).toArray(Var[]::new);
            return new Inputs(b, t, y, p);
        }
    }

    private static Graph rhs(ModelSpec spec, int[] active) {
        Inputs in = Inputs.of(spec);
        Var[] f = spec.derivatives(in.b(), in.t(), in.y(), in.p(), active);
        Map<String, Var> out = new LinkedHashMap<>();
        for (int i = 0; i < f.length; i++) {
            out.put(spec.stateNames().get(i), f[i]);
        }
        return in.b().build(out);
    }

    private static Graph condition(ModelSpec spec, EventSpec e) {
        Inputs in = Inputs.of(spec);
        return in.b().build(Map.of("g", spec.lower(in.b(), in.t(), in.y(), in.p(), e.condition())));
    }

    private static Graph reset(ModelSpec spec, EventSpec e) {
        Inputs in = Inputs.of(spec);
        Map<String, Var> out = new LinkedHashMap<>();
        for (Definition r : e.resets()) {
            // an output that is an input node of the graph (v = h) is made a node of its own
            out.put(r.name(), spec.lower(in.b(), in.t(), in.y(), in.p(), r.expr()).mul(1.0));
        }
        return in.b().build(out);
    }
}
