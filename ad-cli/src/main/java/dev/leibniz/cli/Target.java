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
    @Option(names = "--expr", paramLabel = "\"f1; f2; ...\"", description = "Expressions separated by ';' (instead of MODEL).")
    String expr;

    @Option(names = "--at", paramLabel = "x=1,y=2", description = "The point. Variables not given are 1.")
    String at;

    /** The graph, the point and a description for messages. */
    record Resolved(Graph graph, double[] point, String description) {
    }

    Resolved resolve() {
        if (expr == null) {
            throw new LeibnizException("give the function with --expr \"f1; f2; ...\"");
        }
        Map<String, Double> values = Assignments.parse("--at", at);
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
