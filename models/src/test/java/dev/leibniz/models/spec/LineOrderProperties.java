package dev.leibniz.models.spec;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/** Any order of the lines gives the same model: same names (as sets) and the same equations. */
class LineOrderProperties {
    private static final List<String> LINES = List.of(
            "param a = 0.3 in [0, 1]",
            "param b = 2",
            "const c = a * b + d   # uses d, defined somewhere",
            "const d = exp(b) / 10",
            "state x = c",
            "state y = b - 1",
            "der(x) = a*x - c*x*y + sin(t)",
            "der(y) = -d*y + q",
            "output q = x / (1 + y)",
            "output r = q^2 + t",
            "t0 = 0.25");

    @Property(tries = 50)
    void everyPermutationGivesTheSameModel(@ForAll long seed) {
        List<String> shuffled = new ArrayList<>(LINES);
        Collections.shuffle(shuffled, new Random(seed));
        ModelSpec ref = ModelParser.parse("ref.model", String.join("\n", LINES));
        ModelSpec m = ModelParser.parse("shuffled.model", String.join("\n", shuffled));
        assertEquals(0.25, m.t0());
        assertEquals(sorted(ref.parameterNames()), sorted(m.parameterNames()));
        assertEquals(sorted(ref.stateNames()), sorted(m.stateNames()));
        double a = 0.4, b = 1.5, t = 0.7, x = 1.2, y = 0.8;
        double d = Math.exp(b) / 10, c = a * b + d, q = x / (1 + y);
        double[] expectDer = {a * x - c * x * y + Math.sin(t), -d * y + q};
        double[] inputs = inputs(m, t, x, y, a, b);
        double[] got = m.rhsGraph().evaluate(inputs);
        for (int i = 0; i < 2; i++) {
            String state = m.stateNames().get(i);
            assertEquals(expectDer[state.equals("x") ? 0 : 1], got[i], 1e-14);
        }
        double[] out = m.outputGraph().evaluate(inputs);
        for (int i = 0; i < 2; i++) {
            assertEquals(m.outputNames().get(i).equals("q") ? q : q * q + t, out[i], 1e-14);
        }
        double[] init = m.initialGraph().evaluate(Arrays.copyOfRange(inputs, 3, 5));
        double[] expectInit = new double[2];
        for (int i = 0; i < 2; i++) {
            expectInit[i] = m.stateNames().get(i).equals("x") ? c : b - 1;
        }
        assertArrayEquals(expectInit, init, 1e-14);
    }

    private static double[] inputs(ModelSpec m, double t, double x, double y, double a, double b) {
        double[] in = new double[5];
        in[0] = t;
        for (int i = 0; i < 2; i++) {
            in[1 + i] = m.stateNames().get(i).equals("x") ? x : y;
            in[3 + i] = m.parameterNames().get(i).equals("a") ? a : b;
        }
        return in;
    }

    private static List<String> sorted(List<String> l) {
        List<String> s = new ArrayList<>(l);
        Collections.sort(s);
        return s;
    }
}
