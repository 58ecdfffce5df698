package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Var;
import dev.leibniz.core.expr.ExpressionSyntaxException;
import dev.leibniz.core.expr.Expressions;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * Right-hand sides and initial states written as expression strings (ad-core's
 * {@link Expressions} syntax), turned into the Java-code forms {@link OdeProblem.RightHandSide}
 * and {@link OdeProblem.InitialState} that the builder traces. Each expression is parsed into
 * the tracing builder with an environment of {@code t}, the states and the parameters, so the
 * graph is the one the equivalent Java code would trace. Every error names the state whose
 * expression failed; a syntax error keeps the column (and the {@link ExpressionSyntaxException}
 * as its cause).
 */
final class ExpressionProblem {
    private ExpressionProblem() {
    }

    static OdeProblem.RightHandSide rhs(String[] states, String[] params, Map<String, String> derivatives) {
        String[] texts = perState(states, derivatives, "derivative");
        return (t, y, p) -> {
            Map<String, Var> env = new LinkedHashMap<>();
            env.put(OdeProblem.TIME, t);
            for (int i = 0; i < states.length; i++) {
                env.put(states[i], y[i]);
            }
            for (int j = 0; j < params.length; j++) {
                env.put(params[j], p[j]);
            }
            Var[] out = new Var[states.length];
            for (int i = 0; i < states.length; i++) {
                out[i] = parse(texts[i], env, t.graph(), "d" + states[i] + "/dt");
            }
            return out;
        };
    }

    static OdeProblem.InitialState initial(String[] states, String[] params, Map<String, String> initial) {
        String[] texts = perState(states, initial, "initial value");
        return p -> {
            Map<String, Var> env = new LinkedHashMap<>();
            for (int j = 0; j < params.length; j++) {
                env.put(params[j], p[j]);
            }
            // without parameters every valid initial expression is a constant and never traced
            // (constantInitial); parsing into a scratch builder then only reports the error
            GraphBuilder b = p.length > 0 ? p[0].graph() : GraphBuilder.tracing();
            Var[] out = new Var[states.length];
            for (int i = 0; i < states.length; i++) {
                out[i] = parse(texts[i], env, b, states[i] + "(t0)");
            }
            if (p.length == 0) {
                throw new IllegalStateException("constant initial values are not traced");
            }
            return out;
        };
    }

    /**
     * The initial values when every expression is a constant (uses no name), else {@code null}:
     * then y₀ is fixed numbers, exactly as {@link OdeProblem.Builder#initial(double...)} gives.
     */
    static double[] constantInitial(String[] states, Map<String, String> initial) {
        String[] texts = perState(states, initial, "initial value");
        double[] y0 = new double[states.length];
        for (int i = 0; i < states.length; i++) {
            Graph g;
            try {
                g = Expressions.parse(texts[i]);
            } catch (ExpressionSyntaxException e) {
                return null; // reported with the state's name when traced
            }
            if (g.inputCount() > 0) {
                return null;
            }
            y0[i] = g.evaluate()[0];
        }
        return y0;
    }

    private static Var parse(String text, Map<String, Var> env, GraphBuilder b, String what) {
        try {
            return Expressions.parseInto(text, env, b);
        } catch (ExpressionSyntaxException e) {
            OdeException o = new OdeException(what + " = \"" + text + "\": " + e.getMessage());
            o.initCause(e);
            throw o;
        } catch (LeibnizException e) {
            throw new OdeException(what + " = \"" + text + "\": " + e.getMessage());
        }
    }

    /** The expressions in state order; every state needs one, and no other key is allowed. */
    private static String[] perState(String[] states, Map<String, String> byState, String what) {
        if (byState == null) {
            throw new OdeException("the " + what + " expressions are null");
        }
        List<String> names = Arrays.asList(states);
        TreeSet<String> unknown = new TreeSet<>();
        for (String key : byState.keySet()) {
            if (!names.contains(key)) {
                unknown.add(String.valueOf(key));
            }
        }
        if (!unknown.isEmpty()) {
            throw new OdeException("the " + what + " expressions name " + unknown + ", which are not states " + names);
        }
        String[] texts = new String[states.length];
        for (int i = 0; i < states.length; i++) {
            texts[i] = byState.get(states[i]);
            if (texts[i] == null || texts[i].isBlank()) {
                throw new OdeException("no " + what + " expression for state '" + states[i] + "'; give one for each of "
                        + names);
            }
        }
        return texts;
    }
}
