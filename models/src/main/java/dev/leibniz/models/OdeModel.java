package dev.leibniz.models;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import dev.leibniz.models.spec.Parameter;
import dev.leibniz.ode.OdeProblem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A scientific model as an initial-value problem with tunable parameters and observables:
 *
 * <pre>
 *   y'(t) = f(t, y, θ),   y(t₀) = y₀(θ),   z(t) = g(t, y, θ)
 * </pre>
 *
 * Written once, either as a model file (a {@link dev.leibniz.models.spec.ModelSpec}) or in
 * Java; both emit graph operations into any {@link GraphBuilder}, so the same model can be
 * solved by ad-ode ({@link #problem()}), differentiated, and calibrated against data.
 */
public interface OdeModel {
    /** A short name (the file name of a model file). */
    String name();

    /** The tunable parameters θ, with initial guesses and bounds. */
    List<Parameter> parameters();

    List<String> stateNames();

    /** Observables besides the states (may be empty). */
    default List<String> outputNames() {
        return List.of();
    }

    /** When the initial values hold. */
    default double t0() {
        return 0.0;
    }

    /** f(t, y, θ), one derivative per state. */
    Var[] derivatives(GraphBuilder b, Var t, Var[] y, Var[] p);

    /** y₀(θ), one value per state. */
    Var[] initialValues(GraphBuilder b, Var[] p);

    /** g(t, y, θ), one value per output. */
    default Var[] outputs(GraphBuilder b, Var t, Var[] y, Var[] p) {
        return new Var[0];
    }

    default List<String> parameterNames() {
        return parameters().stream().map(Parameter::name).toList();
    }

    default double[] initialParameterValues() {
        return parameters().stream().mapToDouble(Parameter::initial).toArray();
    }

    /** States, then outputs: everything a data column may name. */
    default List<String> observableNames() {
        List<String> all = new java.util.ArrayList<>(stateNames());
        all.addAll(outputNames());
        return all;
    }

    /** The ad-ode problem: f traced over inputs {@code t, states…, params…}, y₀ traced over the params. */
    default OdeProblem problem() {
        List<String> states = stateNames();
        List<String> params = parameterNames();
        GraphBuilder b = GraphBuilder.tracing();
        Var t = b.input("t");
        Var[] y = Models.inputs(b, states);
        Var[] p = Models.inputs(b, params);
        Graph rhs = Models.build(b, states, derivatives(b, t, y, p));
        GraphBuilder b0 = GraphBuilder.tracing();
        Var[] p0 = Models.inputs(b0, params);
        Graph initial = Models.build(b0, states, initialValues(b0, p0));
        return OdeProblem.of(rhs, states.toArray(new String[0]), params.toArray(new String[0]), t0(), initial);
    }

    /** g as a graph with inputs {@code t, states…, params…}, or null when there are no outputs. */
    default Graph outputGraph() {
        if (outputNames().isEmpty()) {
            return null;
        }
        GraphBuilder b = GraphBuilder.tracing();
        Var t = b.input("t");
        Var[] y = Models.inputs(b, stateNames());
        Var[] p = Models.inputs(b, parameterNames());
        return Models.build(b, outputNames(), outputs(b, t, y, p));
    }

    /** Small helpers for the default methods. */
    final class Models {
        private Models() {
        }

        static Var[] inputs(GraphBuilder b, List<String> names) {
            Var[] v = new Var[names.size()];
            for (int i = 0; i < v.length; i++) {
                v[i] = b.input(names.get(i));
            }
            return v;
        }

        static Graph build(GraphBuilder b, List<String> names, Var[] vars) {
            if (vars.length != names.size()) {
                throw new dev.leibniz.core.GraphException("expected " + names.size() + " values " + names + ", got "
                        + vars.length);
            }
            Map<String, Var> m = new LinkedHashMap<>();
            for (int i = 0; i < vars.length; i++) {
                m.put(names.get(i), vars[i]);
            }
            return b.build(m);
        }
    }
}
