package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import org.junit.jupiter.api.Test;

/**
 * SGD and momentum against hand-computed steps, and the contract every step optimizer shares:
 * checked arguments, state sized once, a rejected step changes nothing.
 */
class StepOptimizersTest {

    @Test
    void sgdStepsOnlyPresentParameters() {
        Sgd sgd = new Sgd(0.1);
        double[] x = {1.0, -2.0, 3.0};
        sgd.step(x, new double[] {0.5, 0.25, -1.0}, new boolean[] {true, false, true});
        assertArrayEquals(new double[] {1.0 - 0.1 * 0.5, -2.0, 3.0 + 0.1 * 1.0}, x, 0.0);
        sgd.step(x, new double[] {0.0, 4.0, 0.0});
        assertArrayEquals(new double[] {1.0 - 0.1 * 0.5, -2.0 - 0.1 * 4.0, 3.0 + 0.1 * 1.0}, x, 0.0);
        assertEquals(2, sgd.steps());
    }

    @Test
    void momentumKeepsMovingOnAZeroGradient() {
        double lr = 0.1;
        double beta = 0.9;
        Momentum opt = new Momentum(lr, beta);
        double[] x = {1.0};
        opt.step(x, new double[] {2.0});
        double v1 = 2.0;                  // v ← 0.9·0 + 2
        double x1 = 1.0 - lr * v1;        // 0.8
        assertEquals(x1, x[0], 1e-16);
        assertEquals(v1, opt.velocity(0), 0.0);

        opt.step(x, new double[] {0.0});  // present but zero
        double v2 = beta * v1;            // 1.8
        assertEquals(v2, opt.velocity(0), 1e-16);
        assertEquals(lr * beta * v1, x1 - x[0], 1e-15); // moved by lr·β·v = 0.18
        assertEquals(0.8 - 0.18, x[0], 1e-15);
    }

    @Test
    void momentumLeavesAnAbsentParameterAndItsVelocityAlone() {
        Momentum opt = new Momentum(0.1, 0.9);
        double[] x = {1.0, 1.0};
        opt.step(x, new double[] {2.0, 2.0});
        opt.step(x, new double[] {0.0, 0.0}, new boolean[] {true, false});
        assertEquals(1.0 - 0.1 * 2.0 - 0.1 * 0.9 * 2.0, x[0], 1e-15);
        assertEquals(1.0 - 0.1 * 2.0, x[1], 0.0);
        assertEquals(2.0, opt.velocity(1), 0.0);
        // the next present step decays the velocity once, not twice
        opt.step(x, new double[] {0.0, 0.0});
        assertEquals(0.9 * 2.0, opt.velocity(1), 1e-16);
    }

    @Test
    void stepFromAGradientObjectHonoursPresence() {
        Sgd sgd = new Sgd(0.5);
        double[] x = {1.0, 2.0};
        Gradient g = new Gradient(0.0, new String[] {"a", "b"}, new double[] {1.0, 0.0}, new boolean[] {true, false});
        sgd.step(x, g);
        assertArrayEquals(new double[] {0.5, 2.0}, x, 0.0);
    }

    @Test
    void hyperparametersAreValidated() {
        assertThrows(OptimizationException.class, () -> new Sgd(0.0));
        assertThrows(OptimizationException.class, () -> new Sgd(-0.1));
        assertThrows(OptimizationException.class, () -> new Sgd(Double.NaN));
        assertThrows(OptimizationException.class, () -> new Sgd(Double.POSITIVE_INFINITY));
        assertThrows(OptimizationException.class, () -> new Momentum(0.1, 1.0));
        assertThrows(OptimizationException.class, () -> new Momentum(0.1, -0.1));
        assertThrows(OptimizationException.class, () -> new Adam(0.1, 1.0, 0.999, 1e-8));
        assertThrows(OptimizationException.class, () -> new Adam(0.1, 0.9, 1.5, 1e-8));
        assertThrows(OptimizationException.class, () -> new Adam(0.1, 0.9, 0.999, 0.0));
        OptimizationException e = assertThrows(OptimizationException.class, () -> new Adam(0.1, 0.9, Double.NaN, 1e-8));
        assertEquals("Adam: beta2 must lie in [0, 1), got NaN", e.getMessage());
    }

    @Test
    void mismatchedOrChangingLengthsAreErrors() {
        Adam adam = new Adam(0.1);
        assertThrows(OptimizationException.class, () -> adam.step(new double[2], new double[3]));
        assertThrows(OptimizationException.class, () -> adam.step(new double[2], new double[2], new boolean[1]));
        assertThrows(OptimizationException.class, () -> adam.step(null, new double[2]));
        assertThrows(OptimizationException.class, () -> adam.step(new double[2], (double[]) null));
        assertThrows(OptimizationException.class, () -> adam.step(new double[2], (Gradient) null));
        assertThrows(OptimizationException.class, () -> adam.stepCount(0)); // no state yet
        adam.step(new double[2], new double[] {1, 1});
        OptimizationException e = assertThrows(OptimizationException.class,
                () -> adam.step(new double[3], new double[] {1, 1, 1}));
        assertTrue(e.getMessage().contains("state is for 2 parameters, got 3"), e.getMessage());
        assertThrows(OptimizationException.class, () -> adam.stepCount(2));
        adam.reset();
        adam.step(new double[3], new double[] {1, 1, 1});
        assertEquals(1, adam.stepCount(2));
    }

    @Test
    void aNonFiniteGradientIsRejectedBeforeAnythingChanges() {
        Momentum opt = new Momentum(0.1, 0.9);
        double[] x = {1.0, 2.0};
        opt.step(x, new double[] {1.0, 1.0});
        double[] before = x.clone();
        OptimizationException e = assertThrows(OptimizationException.class,
                () -> opt.step(x, new double[] {1.0, Double.NaN}));
        assertEquals("Momentum: the gradient of parameter 1 is NaN at step 2; no parameter was changed", e.getMessage());
        assertArrayEquals(before, x, 0.0);
        assertEquals(1.0, opt.velocity(0), 0.0);
        assertEquals(1, opt.steps());
        // an absent entry may hold anything
        opt.step(x, new double[] {1.0, Double.NaN}, new boolean[] {true, false});
        assertEquals(before[1], x[1], 0.0);
    }
}
