package dev.leibniz.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.expr.Expressions;
import java.io.PrintWriter;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import picocli.CommandLine.Model.CommandSpec;

/** {@code leibniz grad EXPR --at x=1,y=2}: value and exact gradient of an expression. */
@Command(name = "grad", mixinStandardHelpOptions = true,
        description = {"Value and exact gradient of an expression at a point.",
            "Example: leibniz grad \"sin(x^2)*exp(y)\" --at x=1.5,y=0.5"})
final class GradCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Mixin
    CommonOptions common;

    @Parameters(index = "0", paramLabel = "EXPR",
            description = "The expression, e.g. \"sin(x^2)*exp(y)\" (operators + - * / ^, functions such as sin, exp, log, atan2, erf, max; all in docs/expressions.md).")
    String expression;

    @Option(names = "--at", paramLabel = "x=1,y=2", description = "The point: a value for every variable of the expression.")
    String at;

    @Option(names = "--mode", paramLabel = "reverse|forward", defaultValue = "reverse",
            description = "reverse (one backward sweep) or forward (one sweep per variable). Default: ${DEFAULT-VALUE}.")
    Mode mode;

    enum Mode { reverse, forward }

    @Override
    public Integer call() {
        Graph f = Expressions.parse(expression);
        double[] x = Points.values(f, Assignments.parse("--at", at));
        Gradient g = mode == Mode.reverse ? f.compile().gradient(x) : ForwardGradient.of(f, x);
        PrintWriter out = spec.commandLine().getOut();
        // one rule in both modes (NonFinite): a non-finite value or derivative is a failure, exit 1
        NonFinite.require("f", g.value(), f, x);
        for (int i = 0; i < g.size(); i++) {
            NonFinite.require("df/d" + g.name(i), g.get(i), f, x);
        }
        if (common.json) {
            ObjectNode doc = Json.object();
            doc.put("value", g.value());
            ObjectNode grad = doc.putObject("gradient");
            for (int i = 0; i < g.size(); i++) {
                grad.put(g.name(i), g.get(i));
            }
            Json.print(out, doc);
        } else {
            out.println("f = " + g.value());
            for (int i = 0; i < g.size(); i++) {
                out.println("df/d" + g.name(i) + " = " + g.get(i));
            }
        }
        return ExitCode.OK;
    }

    /** Checks --at against the graph's inputs. */
    static final class Points {
        private Points() {
        }

        static double[] values(Graph f, Map<String, Double> at) {
            for (String name : at.keySet()) {
                if (!f.inputNames().contains(name)) {
                    throw new LeibnizException("--at: the expression has no variable '" + name + "'; its variables are "
                            + f.inputNames());
                }
            }
            double[] x = new double[f.inputCount()];
            for (int i = 0; i < x.length; i++) {
                Double v = at.get(f.inputName(i));
                if (v == null) {
                    throw new LeibnizException("--at: no value for variable '" + f.inputName(i) + "' (give e.g. --at "
                            + f.inputName(i) + "=1)");
                }
                x[i] = v;
            }
            return x;
        }
    }
}
