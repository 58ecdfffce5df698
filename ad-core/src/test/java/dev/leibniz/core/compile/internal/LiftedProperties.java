package dev.leibniz.core.compile.internal;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Shape;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Every scalar primitive lifted to matrices gives, element by element, the bits of its scalar
 * rules: the value {@code p.apply} and the adjoint {@code Flow.times(ḡ, ∂p/∂x_k)} — at ordinary
 * points, at poison points (NaN, ±∞, ±0) and with poison adjoints (0, ∞, NaN), same shape and
 * broadcast (a 1×1 argument against a 2×3 one receives the sum of its six contributions, in
 * row-major order).
 */
class LiftedProperties {
    private static final double[] POISON = {Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY, 0.0, -0.0,
        1.0, -1.0, 2.0};
    private static final double[] ADJOINTS = {1.0, 0.0, Double.POSITIVE_INFINITY, Double.NaN, -0.75};

    @Test
    void liftedLoopsGiveTheScalarRulesBits() {
        Random rnd = new Random(20261204L);
        int checked = 0;
        for (Primitive p : Primitives.all()) {
            if (p instanceof TensorPrimitive || p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT
                    || p.hasParam()) {
                continue;
            }
            int n = p.arity() < 0 ? 3 : p.arity();
            for (int trial = 0; trial < 200; trial++) {
                double[] x = new double[n];
                for (int k = 0; k < n; k++) {
                    x[k] = trial < 64 ? POISON[(trial >> (k * 3)) & 7] : rnd.nextGaussian() * 3;
                }
                double gy = ADJOINTS[trial % ADJOINTS.length];
                checkOneElement(p, x, gy);
                checked++;
            }
        }
        assertEquals(true, checked > 1000, "points checked: " + checked);
    }

    private static void checkOneElement(Primitive p, double[] x, double gy) {
        int n = x.length;
        TensorArgs a = new TensorArgs(n);
        a.n = n;
        for (int k = 0; k < n; k++) {
            a.x[k] = new double[] {x[k]};
            a.xs[k] = Shape.SCALAR;
            a.gx[k] = new double[] {0.0};
            a.need[k] = true;
        }
        a.y = new double[1];
        a.ys = Shape.SCALAR;
        a.gy = new double[] {gy};
        a.policy = Subgradients.DEFAULT;
        Lifted kernel = Lifted.of(p);
        kernel.forward(a);
        double y = p.apply(x.clone(), n, 0.0, Subgradients.DEFAULT);
        assertBits(y, a.y[0], p.name() + " value at " + java.util.Arrays.toString(x));
        kernel.backward(a);
        for (int k = 0; k < n; k++) {
            double expected = gy != 0 && Flow.flows(p.code(), k)
                    ? 0.0 + Flow.times(gy, p.partial(k, x.clone(), n, y, 0.0, Subgradients.DEFAULT)) : 0.0;
            assertBits(expected, a.gx[k][0], p.name() + " adjoint " + k + " at " + java.util.Arrays.toString(x)
                    + " with ḡ = " + gy);
        }
    }

    @Test
    void aBroadcastArgumentReceivesTheSumOfItsContributionsInRowMajorOrder() {
        Random rnd = new Random(5);
        for (Primitive p : Primitives.all()) {
            if (p.arity() != 2 || p instanceof TensorPrimitive || p.hasParam()) {
                continue;
            }
            double s = rnd.nextGaussian();
            double[] m = new double[6];
            double[] g = new double[6];
            for (int e = 0; e < 6; e++) {
                m[e] = rnd.nextGaussian();
                g[e] = rnd.nextGaussian();
            }
            TensorArgs a = new TensorArgs(2);
            a.n = 2;
            a.x[0] = new double[] {s};
            a.xs[0] = Shape.SCALAR;
            a.x[1] = m;
            a.xs[1] = new Shape(2, 3);
            a.gx[0] = new double[1];
            a.gx[1] = new double[6];
            a.need[0] = true;
            a.need[1] = true;
            a.y = new double[6];
            a.ys = new Shape(2, 3);
            a.gy = g;
            Lifted.of(p).forward(a);
            Lifted.of(p).backward(a);
            double sum = 0.0;
            for (int e = 0; e < 6; e++) {
                double[] pt = {s, m[e]};
                double y = p.apply(pt, 2, 0.0, Subgradients.DEFAULT);
                assertBits(y, a.y[e], p.name() + " value " + e);
                if (Flow.flows(p.code(), 0)) {
                    sum += Flow.times(g[e], p.partial(0, pt, 2, y, 0.0, Subgradients.DEFAULT));
                }
                double gb = Flow.flows(p.code(), 1)
                        ? 0.0 + Flow.times(g[e], p.partial(1, pt, 2, y, 0.0, Subgradients.DEFAULT)) : 0.0;
                assertBits(gb, a.gx[1][e], p.name() + " adjoint of the matrix, element " + e);
            }
            assertBits(sum, a.gx[0][0], p.name() + " adjoint of the broadcast scalar");
        }
    }

    /** Bitwise equality, except that +0 and −0 are one value and every NaN is NaN. */
    private static void assertBits(double expected, double actual, String what) {
        if (Double.isNaN(expected) || Double.isNaN(actual) || expected == 0 || actual == 0) {
            assertEquals(expected, actual, 0.0, what);
        } else {
            assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what);
        }
    }
}
