package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** The Poisson deviance where a count and the model are both zero (an epidemic before it starts). */
class PoissonAtZeroTest {

    @Test
    void zeroCountAtZeroModelIsTheLimitNotANaN() {
        Loss l = Losses.POISSON_DEVIANCE;
        // d(μ) = 2·(y·log(y/μ) − (y − μ)) with y = 0 is 2μ: value 0 and slope 2 at μ = 0
        assertEquals(0.0, l.value(0.0, 0.0), 0.0);
        assertEquals(2.0, l.derivative(0.0, 0.0), 0.0);
        assertEquals(2 * 1e-3, l.value(1e-3, 0.0), 1e-18);
        // a positive count that the model says is impossible stays infeasible
        assertTrue(Double.isNaN(l.value(0.0, 3.0)));
        // elsewhere the closed form: y = 4, μ = 2
        assertEquals(2 * (4 * Math.log(2) - 2), l.value(2.0, 4.0), 1e-15);
        assertEquals(2 * (1 - 4 / 2.0), l.derivative(2.0, 4.0), 1e-15);
    }
}
