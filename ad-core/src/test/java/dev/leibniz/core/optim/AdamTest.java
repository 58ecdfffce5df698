package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/**
 * Adam on three parameters over steps with present, zero and absent gradients, every number
 * written out from the update formulas: m ← β₁m + (1−β₁)g, v ← β₂v + (1−β₂)g²,
 * x ← x − lr·(m/(1−β₁ᵗ)) / (√(v/(1−β₂ᵗ)) + ε), with t counted per parameter.
 */
class AdamTest {
    private static final double LR = 0.01;
    private static final double B1 = 0.9;
    private static final double B2 = 0.999;
    private static final double EPS = 1e-8;

    /** The hand values use 0.1 and 0.001 for 1 − β₁ and 1 − β₂, which differ from the doubles 1 − 0.9, 1 − 0.999 in the last bits. */
    private static void assertRelative(double expected, double actual) {
        assertEquals(expected, actual, 1e-14 * Math.abs(expected));
    }

    @Test
    void presentZeroAndAbsentGradients() {
        Adam adam = new Adam(LR, B1, B2, EPS);
        double[] x = {1.0, 2.0, 3.0};

        // step 1: every gradient present. With t = 1, m̂ = g and v̂ = g², so x moves by lr·g/(|g| + ε).
        adam.step(x, new double[] {0.5, -0.2, 1.0});
        double x0 = 1.0 - LR * 0.5 / (0.5 + EPS);
        double x1 = 2.0 - LR * -0.2 / (0.2 + EPS);
        double x2 = 3.0 - LR * 1.0 / (1.0 + EPS);
        assertEquals(x0, x[0], 1e-15);
        assertEquals(x1, x[1], 1e-15);
        assertEquals(x2, x[2], 1e-15);
        double m0 = 0.1 * 0.5;
        double v0 = 0.001 * 0.25;
        double m1 = 0.1 * -0.2;
        double v1 = 0.001 * 0.04;
        double m2 = 0.1 * 1.0;
        double v2 = 0.001 * 1.0;
        assertRelative(m0, adam.firstMoment(0));
        assertRelative(v1, adam.secondMoment(1));
        double m2Before = adam.firstMoment(2);
        double v2Before = adam.secondMoment(2);
        assertRelative(m2, m2Before);
        assertRelative(v2, v2Before);

        // step 2: parameter 0 present (0.3), parameter 1 present but zero, parameter 2 absent
        adam.step(x, new double[] {0.3, 0.0, 123.0}, new boolean[] {true, true, false});
        m0 = 0.9 * 0.05 + 0.1 * 0.3;                 // 0.075
        v0 = 0.999 * 0.00025 + 0.001 * 0.09;         // 0.00033975
        double c1 = 1 - 0.9 * 0.9;                   // 1 − β₁² = 0.19
        double c2 = 1 - 0.999 * 0.999;               // 1 − β₂² = 0.001999
        x0 -= LR * (m0 / c1) / (Math.sqrt(v0 / c2) + EPS);
        assertEquals(x0, x[0], 1e-15);
        assertRelative(0.075, adam.firstMoment(0));
        assertRelative(0.00033975, adam.secondMoment(0));

        // the zero gradient decays the moments and still moves the parameter
        m1 = 0.9 * -0.02;                            // −0.018
        v1 = 0.999 * 0.00004;                        // 0.00003996
        double moved = LR * (m1 / c1) / (Math.sqrt(v1 / c2) + EPS);
        x1 -= moved;
        assertEquals(x1, x[1], 1e-15);
        assertRelative(-0.018, adam.firstMoment(1));
        assertRelative(0.00003996, adam.secondMoment(1));
        assertTrue(Math.abs(moved) > 1e-3, "a zero gradient still moves the parameter: " + moved);
        assertEquals(2, adam.stepCount(1));

        // the absent gradient leaves the parameter and all of its state untouched
        assertEquals(x2, x[2], 0.0);
        assertEquals(m2Before, adam.firstMoment(2), 0.0);
        assertEquals(v2Before, adam.secondMoment(2), 0.0);
        assertEquals(1, adam.stepCount(2));

        // step 3: parameter 2 is present again; its bias correction uses its own count t = 2, not 3
        adam.step(x, new double[] {0.0, 0.0, 0.4});
        m2 = 0.9 * 0.1 + 0.1 * 0.4;                  // 0.13
        v2 = 0.999 * 0.001 + 0.001 * 0.16;           // 0.001159
        double own = LR * (m2 / c1) / (Math.sqrt(v2 / c2) + EPS);
        double global = LR * (m2 / (1 - 0.9 * 0.9 * 0.9)) / (Math.sqrt(v2 / (1 - 0.999 * 0.999 * 0.999)) + EPS);
        assertEquals(x2 - own, x[2], 1e-15);
        assertEquals(2, adam.stepCount(2));
        assertEquals(3, adam.stepCount(0));
        assertEquals(3, adam.steps());
        assertTrue(Math.abs(own - global) > 1e-4, "the two bias corrections differ: " + own + " vs " + global);
    }

    @Test
    void firstStepMovesEveryParameterByTheLearningRate() {
        // with t = 1 the step is lr·g/(|g| + ε) ≈ lr·sign(g), whatever the scale of g
        Adam adam = new Adam(0.05);
        double[] x = {0.0, 0.0};
        adam.step(x, new double[] {1e-3, -1e3});
        assertEquals(-0.05 * 1e-3 / (1e-3 + 1e-8), x[0], 1e-16);
        assertEquals(0.05 * 1e3 / (1e3 + 1e-8), x[1], 1e-16);
    }
}
