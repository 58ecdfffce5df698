package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Subgradients;
import org.junit.jupiter.api.Test;

/**
 * Issue 13, defect 6: {@code Linear2} (the class of {@code add} and {@code sub}) computed
 * {@code a ± b} from the sign of its second coefficient and ignored the first, so its value and
 * its declared partial ∂a = c_a disagreed for any c_a ≠ 1. The old code gives 1 + 10 = 11 below.
 */
class Linear2Test {
    private static final Subgradients P = Subgradients.DEFAULT;

    @Test
    void valueUsesBothCoefficients() {
        Arithmetic.Linear2 lin = new Arithmetic.Linear2("lin", 2, 3, false);
        assertEquals(32.0, lin.apply(1.0, 10.0, P), 0.0);
        Arithmetic.Linear2 minus = new Arithmetic.Linear2("minus", -0.5, -1, false);
        assertEquals(-0.5 * 4.0 - 6.0, minus.apply(4.0, 6.0, P), 0.0);
    }

    /** The value agrees with the declared constant partials: f(a + h, b) − f(a, b) = c_a·h exactly here. */
    @Test
    void valueAgreesWithItsPartials() {
        Arithmetic.Linear2 lin = new Arithmetic.Linear2("lin", 2, 3, false);
        double h = 0.25;
        assertEquals(lin.partialA(1, 10, 0, P) * h, lin.apply(1 + h, 10, P) - lin.apply(1, 10, P), 0.0);
        assertEquals(lin.partialB(1, 10, 0, P) * h, lin.apply(1, 10 + h, P) - lin.apply(1, 10, P), 0.0);
    }

    /** add and sub keep the bits of a + b and a − b, signed zeros and non-finite values included. */
    @Test
    void addAndSubAreBitwiseThePlainOperators() {
        double[] xs = {0.0, -0.0, 1.5, -2.25, Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY,
                Double.MIN_VALUE, Double.MAX_VALUE};
        for (double a : xs) {
            for (double b : xs) {
                assertEquals(Double.doubleToLongBits(a + b),
                        Double.doubleToLongBits(Arithmetic.ADD.apply(a, b, P)), a + " + " + b);
                assertEquals(Double.doubleToLongBits(a - b),
                        Double.doubleToLongBits(Arithmetic.SUB.apply(a, b, P)), a + " - " + b);
            }
        }
    }
}
