package dev.leibniz.cli;

import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.expr.Expressions;
import java.util.Map;
import picocli.CommandLine.Option;

/**
 * What {@code jacobian} and {@code modes} differentiate: a list of expressions ({@code --expr})
 * or the right-hand side of a model file, at a point ({@code --at}).
 */
final class Target {
    @picocli.CommandLine.Parameters(index = "0", arity = "0..1", paramLabel = "MODEL",
            description = "A model file; the right-hand side of its der(...) lines is differentiated.")
    java.nio.file.Path model;

    @Option(names = "--wrt", paramLabel = "states|params", defaultValue = "states",
            description = "For a model: with respect to the states or the parameters. Default: ${DEFAULT-VALUE}.")
    ModelTargets.Wrt wrt;

    @Option(names = "--expr", paramLabel = "\"f1; f2; ...\"", description = "Expressions separated by ';' (instead of MODEL).")
    String expr;

    @Option(names = "--at", paramLabel = "x=1,y=2",
            description = "The point. Expression variables not given are 1; a model's are its own initial values.")
    String at;

    /** The graph, the point and a description for messages. */
    record Resolved(Graph graph, double[] point, String description) {
    }

    Resolved resolve() {
        if ((model == null) == (expr == null)) {
            throw new LeibnizException(model == null ? "give a MODEL file or --expr \"f1; f2; ...\" to differentiate"
                    : "give either a MODEL file or --expr, not both");
        }
        Map<String, Double> values = Assignments.parse("--at", at);
        if (model != null) {
            return ModelTargets.resolve(model, wrt, values);
        }
        Graph g = Expressions.parseAll(expr);
        for (String name : values.keySet()) {
            if (!g.inputNames().contains(name)) {
                throw new LeibnizException("--at: the expressions have no variable '" + name + "'; their variables are "
                        + g.inputNames());
            }
        }
        double[] x = new double[g.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = values.getOrDefault(g.inputName(i), 1.0);
        }
        return new Resolved(g, x, "expressions " + g.outputNames());
    }
}
