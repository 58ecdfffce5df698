package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Subgradients;
import org.junit.jupiter.api.Test;

/**
 * The table and the product of {@link Flow}. The forward lanes ({@code ad-forward}) apply only the
 * strong zero, not the NONE table; they agree with the reverse sweeps because every NONE edge's
 * numeric partial is an exact zero at every point, poisoned ones included — checked here.
 */
class FlowTableTest {
    private static final double INF = Double.POSITIVE_INFINITY;
    private static final double[] POISONED = {Double.NaN, INF, -INF, 0.0, -0.0, -1.0, 1.0};

    @Test
    void flowsExactlyWhereTheDependenceIsNotNone() {
        int none = 0;
        for (Primitive p : Primitives.all()) {
            int n = p.arity() < 0 ? 70 : p.arity();
            for (int k = 0; k < n; k++) {
                boolean isNone = p.dependence(Math.min(k, 63)) == Dependence.NONE;
                none += isNone ? 1 : 0;
                assertEquals(!isNone, Flow.flows(p.code(), k), p.name() + " argument " + k);
                assertEquals(isNone, (Flow.noFlowMask(p.code()) & (1L << Math.min(k, 63))) != 0, p.name() + " mask " + k);
            }
        }
        assertTrue(none >= 9, "comparisons, select's condition and the steps have NONE edges");
    }

    @Test
    void everyNoneEdgeHasAnExactZeroPartialEvenAtPoisonedPoints() {
        Subgradients pol = Subgradients.DEFAULT;
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            int n = p.arity() < 0 ? 3 : p.arity();
            int points = (int) Math.pow(POISONED.length, n);
            double[] x = new double[n];
            for (int k = 0; k < n; k++) {
                if (p.dependence(k) != Dependence.NONE) {
                    continue;
                }
                for (int c = 0; c < points; c++) {
                    for (int j = 0, r = c; j < n; j++, r /= POISONED.length) {
                        x[j] = POISONED[r % POISONED.length];
                    }
                    double y = p.apply(x.clone(), n, 0.0, pol);
                    double d = p.partial(k, x.clone(), n, y, 0.0, pol);
                    assertEquals(0.0, Math.abs(d), p.name() + " argument " + k + " at " + java.util.Arrays.toString(x));
                }
            }
        }
    }

    @Test
    void timesIsTheStrongZeroProduct() {
        assertEquals(0.0, Flow.times(INF, 0.0));
        assertEquals(0.0, Flow.times(0.0, INF));
        assertEquals(0.0, Flow.times(Double.NaN, 0.0));
        assertEquals(0.0, Flow.times(-0.0, Double.NaN));
        assertEquals(-INF, Flow.times(INF, -2.0));
        assertEquals(Double.NaN, Flow.times(Double.NaN, 1.0));
        assertEquals(0.1 * 0.3, Flow.times(0.1, 0.3));
    }
}
