package dev.leibniz.models.examples;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.models.OdeModel;
import java.util.List;

/** ∂f/∂y of a model's right-hand side by one reverse sweep per row, and by central differences. */
final class Jacobians {
    private Jacobians() {
    }

    /** Inputs of f's graph for t, y, θ (matched by name). */
    static double[] inputs(Graph f, OdeModel m, double t, double[] y, double[] theta) {
        double[] in = new double[f.inputCount()];
        for (int j = 0; j < in.length; j++) {
            String name = f.inputName(j);
            int s = m.stateNames().indexOf(name);
            in[j] = name.equals("t") ? t : s >= 0 ? y[s] : theta[m.parameterNames().indexOf(name)];
        }
        return in;
    }

    /** J[i][k] = ∂f_i/∂y_k, with a flag per entry: whether f_i's graph reaches y_k at all. */
    static double[][] reverse(OdeModel m, double[] y, double[] theta, boolean[][] reached) {
        Graph f = m.problem().rhs();
        Program prog = f.compile();
        double[] in = inputs(f, m, 0.0, y, theta);
        List<String> states = m.stateNames();
        int n = states.size();
        double[][] jac = new double[n][n];
        for (int i = 0; i < n; i++) {
            Gradient g = prog.gradient(i, EvalOptions.DEFAULT, in);
            for (int k = 0; k < n; k++) {
                int j = f.inputNames().indexOf(states.get(k));
                if (j >= 0) {
                    jac[i][k] = g.get(j);
                    reached[i][k] = g.isPresent(j);
                }
            }
        }
        return jac;
    }

    /** Central differences of f. */
    static double[][] finiteDifferences(OdeModel m, double[] y, double[] theta, double h) {
        Graph f = m.problem().rhs();
        int n = y.length;
        double[][] jac = new double[n][n];
        for (int k = 0; k < n; k++) {
            double[] up = y.clone();
            double[] dn = y.clone();
            up[k] += h;
            dn[k] -= h;
            double[] fu = f.evaluate(inputs(f, m, 0.0, up, theta));
            double[] fd = f.evaluate(inputs(f, m, 0.0, dn, theta));
            for (int i = 0; i < n; i++) {
                jac[i][k] = (fu[i] - fd[i]) / (2 * h);
            }
        }
        return jac;
    }
}
