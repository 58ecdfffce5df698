package dev.leibniz.cli;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Var;
import dev.leibniz.models.spec.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The right-hand side f(t, y, θ) of a model file as a graph of either the states or the
 * parameters, the other quantities held at fixed values: the model's own (initial parameter
 * guesses, initial state, t₀) unless {@code --at} gives them.
 */
final class ModelTargets {
    private ModelTargets() {
    }

    /** What the Jacobian is taken with respect to. */
    enum Wrt { states, params }

    static Target.Resolved resolve(Path file, Wrt wrt, Map<String, Double> at) {
        ModelSpec spec = Limits.model(file);
        if (spec.isAlgebraic()) {
            throw new LeibnizException("model " + spec.name() + " has no states, so no right-hand side der(…) to"
                    + " differentiate: it is algebraic, a function of its inputs " + spec.inputNames()
                    + "; fit it with 'leibniz fit', or differentiate its formula with 'leibniz grad'");
        }
        Map<String, Double> point = defaults(spec);
        for (Map.Entry<String, Double> e : at.entrySet()) {
            if (!point.containsKey(e.getKey())) {
                throw new LeibnizException("--at: the model " + spec.name() + " has no state or parameter '" + e.getKey()
                        + "'; it has t, " + spec.stateNames() + " and " + spec.parameterNames());
            }
            int param = spec.parameterNames().indexOf(e.getKey());
            if (param >= 0) {
                ModelRun.checkBounds(spec, spec.parameters().get(param), e.getValue(), "--at");
            }
            point.put(e.getKey(), e.getValue());
        }
        List<String> variables = wrt == Wrt.states ? spec.stateNames() : spec.parameterNames();
        GraphBuilder b = GraphBuilder.tracing();
        Map<String, Var> env = new LinkedHashMap<>();
        for (String v : variables) {
            env.put(v, b.input(v));
        }
        Var t = b.constant(point.get("t"));
        Var[] y = vars(b, env, spec.stateNames(), point);
        Var[] p = vars(b, env, spec.parameterNames(), point);
        Var[] f = spec.derivatives(b, t, y, p);
        Map<String, Var> outs = new LinkedHashMap<>();
        for (int i = 0; i < f.length; i++) {
            outs.put("der(" + spec.stateNames().get(i) + ")", f[i]);
        }
        Graph g = b.build(outs);
        double[] x = new double[variables.size()];
        for (int i = 0; i < x.length; i++) {
            x[i] = point.get(variables.get(i));
        }
        return new Target.Resolved(g, x, "model " + spec.name() + " (right-hand side w.r.t. " + wrt + ")");
    }

    private static Var[] vars(GraphBuilder b, Map<String, Var> env, List<String> names, Map<String, Double> point) {
        List<Var> vs = new ArrayList<>();
        for (String n : names) {
            Var v = env.get(n);
            vs.add(v != null ? v : b.constant(point.get(n)));
        }
        return vs.toArray(new Var[0]);
    }

    /** t₀, the parameters' initial guesses and the initial state they give. */
    static Map<String, Double> defaults(ModelSpec spec) {
        Map<String, Double> point = new LinkedHashMap<>();
        point.put("t", spec.t0());
        double[] p = spec.initialParameterValues();
        for (int i = 0; i < p.length; i++) {
            point.put(spec.parameterNames().get(i), p[i]);
        }
        double[] y0 = spec.initialGraph().evaluate(p);
        for (int i = 0; i < y0.length; i++) {
            point.put(spec.stateNames().get(i), y0[i]);
        }
        return point;
    }
}
