package dev.leibniz.core.optim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Recorder;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * End to end: the model y = (x &gt; 0 ? a·x : b·x) with loss (y − 1)², trained by Adam on (a, b)
 * over the samples x = −1 then x = 2. Traced statically with {@code select}, the branch not taken
 * gives its parameter a zero gradient, so Adam still moves it with the momentum of earlier steps.
 * Recorded dynamically with a Java {@code if}, that parameter has no gradient at all and stays put.
 */
class StaticVersusDynamicTrainingTest {
    private static final double LR = 0.1;
    private static final double EPS = 1e-8;
    private static final double[] SAMPLES = {-1.0, 2.0};

    /** The traced model for one sample x (a constant), inputs a and b. */
    private static Graph traced(double x) {
        return Graph.trace(v -> {
            Var xv = v[0].constant(x);
            Var y = Var.select(xv.gt(0.0), v[0].mul(xv), v[1].mul(xv));
            return y.sub(1.0).square();
        }, "a", "b");
    }

    /** The same model recorded while it runs: the Java if records only one branch. */
    private static Gradient recorded(double x, double[] p) {
        Recorder rec = new Recorder();
        Var a = rec.parameter("a", p[0]);
        Var b = rec.parameter("b", p[1]);
        Var y = x > 0 ? a.mul(x) : b.mul(x);
        return rec.gradient(y.sub(1.0).square());
    }

    @Test
    void selectGivesZeroAndAdamStillMovesTheIfGivesAbsentAndAdamLeavesAlone() {
        double a0 = 0.25;
        double b0 = 0.5;

        // ---- static (select) ----
        Adam staticAdam = new Adam(LR, 0.9, 0.999, EPS);
        double[] ps = {a0, b0};
        Gradient s1 = traced(SAMPLES[0]).compile().gradient(ps);
        // x = −1: loss (−b − 1)², d/db = 2(b + 1) = 3; a is on the untaken branch: zero, present
        assertEquals(3.0, s1.get("b"), 0.0);
        assertTrue(s1.isPresent("a"));
        assertEquals(0.0, s1.get("a"), 0.0);
        staticAdam.step(ps, s1);
        double b1 = b0 - LR * 3.0 / (3.0 + EPS);                  // t = 1: m̂ = g, v̂ = g²
        assertEquals(a0, ps[0], 0.0);                             // m = 0, so a zero gradient moves nothing yet
        assertEquals(b1, ps[1], 1e-15);

        Gradient s2 = traced(SAMPLES[1]).compile().gradient(ps);
        // x = 2: loss (2a − 1)², d/da = 4(2a − 1) = −2; b now on the untaken branch: zero, present
        assertEquals(-2.0, s2.get("a"), 0.0);
        assertTrue(s2.isPresent("b"));
        assertEquals(0.0, s2.get("b"), 0.0);
        staticAdam.step(ps, s2);
        // b's second step with g = 0: m = 0.9·(0.1·3), v = 0.999·(0.001·9), t = 2
        double mB = 0.9 * 0.3;
        double vB = 0.999 * 0.009;
        double b2 = b1 - LR * (mB / (1 - 0.9 * 0.9)) / (Math.sqrt(vB / (1 - 0.999 * 0.999)) + EPS);
        assertEquals(b2, ps[1], 1e-14);
        assertNotEquals(b1, ps[1]);
        assertEquals(2, staticAdam.stepCount(1));
        // a's second step (its first was the zero one): m = 0.1·(−2), v = 0.001·4, t = 2
        double aStatic = a0 - LR * (-0.2 / (1 - 0.9 * 0.9)) / (Math.sqrt(0.004 / (1 - 0.999 * 0.999)) + EPS);
        assertEquals(aStatic, ps[0], 1e-14);

        // ---- dynamic (Java if) ----
        Adam dynamicAdam = new Adam(LR, 0.9, 0.999, EPS);
        double[] pd = {a0, b0};
        Gradient d1 = recorded(SAMPLES[0], pd);
        assertFalse(d1.isPresent("a"));
        assertEquals(3.0, d1.get("b"), 0.0);
        dynamicAdam.step(pd, d1);
        assertEquals(a0, pd[0], 0.0);
        assertEquals(b1, pd[1], 1e-15);
        assertEquals(0, dynamicAdam.stepCount(0));                // a took no step

        Gradient d2 = recorded(SAMPLES[1], pd);
        assertFalse(d2.isPresent("b"));
        double mBefore = dynamicAdam.firstMoment(1);
        double vBefore = dynamicAdam.secondMoment(1);
        dynamicAdam.step(pd, d2);
        assertEquals(b1, pd[1], 1e-15);                           // untouched: absent is not zero
        assertEquals(mBefore, dynamicAdam.firstMoment(1), 0.0);
        assertEquals(vBefore, dynamicAdam.secondMoment(1), 0.0);
        assertEquals(1, dynamicAdam.stepCount(1));
        assertEquals(1, dynamicAdam.stepCount(0));                // a's first step, counted as such
        double aDynamic = a0 - LR * -2.0 / (2.0 + EPS);              // t = 1: m̂ = g, v̂ = g²
        assertEquals(aDynamic, pd[0], 1e-15);
        assertTrue(Math.abs(aDynamic - aStatic) > 0.01, "the counted zero step changes a's bias correction");
    }

    @Test
    void momentumTellsTheTwoApartToo() {
        // same two samples, heavy ball: the zero gradient still moves b by lr·β·v, the absent one does not
        double[] ps = {0.25, 0.5};
        double[] pd = {0.25, 0.5};
        Momentum ms = new Momentum(LR, 0.9);
        Momentum md = new Momentum(LR, 0.9);
        for (double x : SAMPLES) {
            ms.step(ps, traced(x).compile().gradient(ps));
            md.step(pd, recorded(x, pd));
        }
        double b1 = 0.5 - LR * 3.0;
        assertEquals(b1 - LR * 0.9 * 3.0, ps[1], 1e-15);
        assertEquals(b1, pd[1], 0.0);
        // a: zero (static) or absent (dynamic) at first, when its velocity was still 0, then g = −2
        assertEquals(0.25 + LR * 2.0, ps[0], 1e-15);
        assertEquals(0.25 + LR * 2.0, pd[0], 1e-15);
    }
}
