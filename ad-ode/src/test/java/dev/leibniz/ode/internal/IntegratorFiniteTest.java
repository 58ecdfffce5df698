package dev.leibniz.ode.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * The integrator's branch-free finiteness test of a trial state ({@code Integrator.allFinite})
 * against {@link Double#isFinite} entry by entry, the oracle, at every kind of double and every
 * position of a non-finite entry among finite ones.
 */
class IntegratorFiniteTest {
    private static final double[] KINDS = {0.0, -0.0, Double.MIN_VALUE, -Double.MIN_VALUE, Double.MIN_NORMAL, 1.0,
        -3.5e300, Double.MAX_VALUE, -Double.MAX_VALUE, Math.nextDown(Double.POSITIVE_INFINITY),
        Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, Double.NaN,
        Double.longBitsToDouble(0xfff8_0000_0000_0001L), Double.longBitsToDouble(0x7ff0_0000_0000_0001L)};

    private static boolean oracle(double[] v) {
        for (double x : v) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    @Test
    void agreesWithIsFiniteForEveryKindAtEveryPosition() {
        assertEquals(true, Integrator.allFinite(new double[0]), "empty");
        for (int len = 1; len <= 17; len++) {
            for (int at = 0; at < len; at++) {
                for (double kind : KINDS) {
                    double[] v = new double[len];
                    for (int i = 0; i < len; i++) {
                        v[i] = i % 3 == 0 ? 1.25 * i : -Double.MAX_VALUE / (i + 1);
                    }
                    v[at] = kind;
                    assertEquals(oracle(v), Integrator.allFinite(v), "length " + len + ", " + kind + " at " + at);
                }
            }
        }
    }
}
