package dev.leibniz.models.nn;

import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.core.Gradient;

/**
 * Central finite differences of a scalar graph with respect to every element of the named
 * inputs, compared with reverse mode. With h = 1e-6 and the smooth, O(1) functions of these
 * tests the difference errs by ~1e-9; a wrong rule errs by O(1), so 1e-6 relative-or-absolute
 * is strict enough and not flaky.
 */
final class GradientCheck {
    private GradientCheck() {
    }

    static final double H = 1e-6;
    static final double TOLERANCE = 1e-6;

    /** Checks ∂f/∂input for the named inputs at {@code inputs} (one row-major array per graph input). */
    static Gradient check(Graph f, double[][] inputs, String... names) {
        Program p = f.compile();
        Gradient g = p.gradient(inputs);
        int checked = 0;
        for (String name : names) {
            int j = f.inputIndex(name);
            double[] exact = g.array(name);
            for (int e = 0; e < inputs[j].length; e++) {
                double keep = inputs[j][e];
                inputs[j][e] = keep + H;
                double plus = p.evaluate(inputs)[0][0];
                inputs[j][e] = keep - H;
                double minus = p.evaluate(inputs)[0][0];
                inputs[j][e] = keep;
                double fd = (plus - minus) / (2 * H);
                assertTrue(Math.abs(fd - exact[e]) <= TOLERANCE * Math.max(1, Math.abs(fd)),
                        "d/d" + name + "[" + e + "]: finite difference " + fd + ", reverse mode " + exact[e]);
                checked++;
            }
        }
        assertTrue(checked > 0);
        return g;
    }

    /** The graph inputs in order: parameter values by name, other inputs from {@code data} in order. */
    static double[][] inputs(Graph f, Parameters p, double[]... data) {
        double[][] in = new double[f.inputCount()][];
        int d = 0;
        for (int j = 0; j < f.inputCount(); j++) {
            String name = f.inputName(j);
            in[j] = p.names().contains(name) ? p.values(name).clone() : data[d++].clone();
        }
        return in;
    }
}
