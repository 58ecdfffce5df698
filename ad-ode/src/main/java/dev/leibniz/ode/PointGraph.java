package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import java.util.Arrays;

/**
 * A graph of (t, y, p) — an event's condition g or its reset h — compiled once, with its value and
 * its Jacobian with respect to t, every state and every parameter (one backward sweep per output).
 * The graph's inputs are named {@code t}, state names and parameter names, each optional, in any
 * order (as a right-hand side's); each output is either a state's name (a reset) or anything (a
 * condition's one output).
 */
final class PointGraph {
    private final Program program;
    private final int[] source;
    private final int n;
    private final int p;

    PointGraph(Graph g, OdeProblem problem, String what) {
        this.program = g.compile();
        this.n = problem.stateCount();
        this.p = problem.parameterCount();
        this.source = new int[g.inputCount()];
        for (int j = 0; j < source.length; j++) {
            String name = g.inputName(j);
            int s = OdeProblem.TIME.equals(name) ? -1 : problem.stateNames().indexOf(name);
            if (s < 0 && !OdeProblem.TIME.equals(name)) {
                int q = problem.parameterNames().indexOf(name);
                if (q < 0) {
                    throw new OdeException(what + " reads '" + name + "', which is neither 't', a state "
                            + problem.stateNames() + " nor a parameter " + problem.parameterNames());
                }
                s = n + q;
            }
            source[j] = s;
        }
    }

    int outputCount() {
        return program.graph().outputCount();
    }

    String outputName(int k) {
        return program.graph().outputName(k);
    }

    private double[] inputs(double t, double[] y, double[] params) {
        double[] in = new double[source.length];
        for (int j = 0; j < in.length; j++) {
            int s = source[j];
            in[j] = s < 0 ? t : s < n ? y[s] : params[s - n];
        }
        return in;
    }

    double[] value(double t, double[] y, double[] params) {
        return program.evaluate(inputs(t, y, params));
    }

    /**
     * Row k of the Jacobian of output k, laid out {@code [∂/∂t, ∂/∂y (n), ∂/∂p (p)]}: absent inputs
     * (not read by the graph, or with no path to the output) are 0.
     */
    double[][] jacobian(double t, double[] y, double[] params) {
        double[] in = inputs(t, y, params);
        int m = outputCount();
        double[][] jac = new double[m][1 + n + p];
        for (int k = 0; k < m; k++) {
            double[] ct = new double[m];
            ct[k] = 1;
            double[] adj = program.vjp(in, ct);
            for (int j = 0; j < source.length; j++) {
                jac[k][1 + source[j]] += adj[j];
            }
        }
        return jac;
    }

    @Override
    public String toString() {
        return "PointGraph" + Arrays.toString(source);
    }
}
