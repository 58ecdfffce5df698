package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.Var;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The graphs an {@link OdeProblem} is made of, and the checks on its names: tracing the
 * right-hand side and the initial state from Java code, putting graph outputs in state order, and
 * validating state and parameter names. Every failure is an {@link OdeException} naming the
 * offending state, parameter or graph, so that a problem is rejected when it is built rather
 * than in the middle of a solve.
 */
final class ProblemGraphs {
    private ProblemGraphs() {
    }

    /** Traces f(t, y, p) into a graph with inputs t, the states and the parameters, one output per state. */
    static Graph traceRhs(OdeProblem.RightHandSide f, String[] states, String[] parameters) {
        GraphBuilder b = GraphBuilder.tracing();
        Var t = b.input(OdeProblem.TIME);
        Var[] y = new Var[states.length];
        for (int i = 0; i < y.length; i++) {
            y[i] = b.input(states[i]);
        }
        Var[] p = new Var[parameters.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = b.input(parameters[j]);
        }
        Var[] dy = f.apply(t, y, p);
        return build(b, dy, states, "right-hand side");
    }

    /** Traces y₀(p) into a graph with the parameters as inputs, one output per state. */
    static Graph traceInitial(OdeProblem.InitialState f, String[] states, String[] parameters) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] p = new Var[parameters.length];
        for (int j = 0; j < p.length; j++) {
            p[j] = b.input(parameters[j]);
        }
        return build(b, f.apply(p), states, "initial state");
    }

    private static Graph build(GraphBuilder b, Var[] out, String[] states, String what) {
        if (out == null || out.length != states.length) {
            throw new OdeException("the " + what + " returned " + (out == null ? "null" : out.length + " values")
                    + " but the problem has " + states.length + " states " + Arrays.toString(states));
        }
        Map<String, Var> m = new LinkedHashMap<>();
        for (int i = 0; i < out.length; i++) {
            if (out[i] == null) {
                throw new OdeException("the " + what + " returned null for state '" + states[i] + "'");
            }
            m.put(states[i], out[i]);
        }
        try {
            return b.build(m);
        } catch (GraphException e) {
            throw new OdeException("the " + what + ": " + e.getMessage());
        }
    }

    /** Checks a right-hand-side graph has one output per state and puts outputs named after the states in state order. */
    static Graph normalizeOutputs(Graph g, String[] states) {
        if (g.outputCount() != states.length) {
            throw new OdeException("the right-hand-side graph has " + g.outputCount() + " outputs " + g.outputNames()
                    + " but the problem has " + states.length + " states " + Arrays.toString(states));
        }
        return Set.copyOf(g.outputNames()).equals(Set.of(states)) ? g.withOutputs(states) : g;
    }

    /** As {@link #normalizeOutputs} for the initial-state graph. */
    static Graph normalizeInitial(Graph g, String[] states) {
        if (g.outputCount() != states.length) {
            throw new OdeException("the initial-state graph has " + g.outputCount() + " outputs " + g.outputNames()
                    + " but the problem has " + states.length + " states " + Arrays.toString(states));
        }
        return Set.copyOf(g.outputNames()).equals(Set.of(states)) ? g.withOutputs(states) : g;
    }

    static void requireGraph(Graph g, String what) {
        if (g == null) {
            throw new OdeException("the " + what + " graph is null");
        }
    }

    /** A copy of the names, none of them null or blank. */
    static String[] copyNames(String[] names, String what) {
        if (names == null) {
            throw new OdeException("the " + what + " names are null");
        }
        for (String s : names) {
            if (s == null || s.isBlank()) {
                throw new OdeException("a " + what + " name is empty");
            }
        }
        return names.clone();
    }

    /** Rejects the reserved name {@code t} and any name used twice among states and parameters. */
    static void checkNames(String[] states, String[] parameters) {
        Set<String> seen = new HashSet<>();
        List<String> all = new ArrayList<>(List.of(states));
        all.addAll(List.of(parameters));
        for (String s : all) {
            if (OdeProblem.TIME.equals(s)) {
                throw new OdeException("'t' is the time input; name states and parameters otherwise");
            }
            if (!seen.add(s)) {
                throw new OdeException("the name '" + s + "' is used twice among states " + Arrays.toString(states)
                        + " and parameters " + Arrays.toString(parameters));
            }
        }
    }

    /** The index of {@code s} in {@code names}, or −1. */
    static int indexOf(String[] names, String s) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(s)) {
                return i;
            }
        }
        return -1;
    }
}
