package dev.leibniz.forward;

import static dev.leibniz.forward.RandomForwardGraphs.close;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.forward.RandomForwardGraphs.Case;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * k-lane duals on random expressions against Hipparchus' Gradient with k free parameters: an
 * input seeded with lanes s_i is the Gradient with value x_i and gradient s_i, so lane l of the
 * result must equal component l of the Gradient's gradient (the Jacobian times the seed matrix).
 */
class DualVectorProperties {
    private static final double TOL = 1e-9;

    @Property(tries = 200)
    void lanesEqualJacobianTimesSeeds(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        int k = 1 + rnd.nextInt(5);
        Case c = RandomForwardGraphs.random(rnd, n, 1, 4);
        double[] x = RandomForwardGraphs.point(rnd, n);
        DualVector[] xv = new DualVector[n];
        Gradient[] xg = new Gradient[n];
        for (int i = 0; i < n; i++) {
            double[] s = RandomForwardGraphs.point(rnd, k);
            xv[i] = DualVector.of(x[i], s);
            xg[i] = new Gradient(x[i], s);
        }
        DualVector d = c.outputs()[0].eval(new LaneOps(k), xv);
        Gradient g = c.outputs()[0].eval(new ExprOps.FieldOps<>(Gradient.constant(k, 0.0)), xg);
        String where = c + " at " + java.util.Arrays.toString(x);
        assertTrue(close(g.getValue(), d.value(), TOL), "value: " + where);
        for (int l = 0; l < k; l++) {
            assertTrue(close(g.getGradient()[l], d.tangent(l), TOL),
                    "lane " + l + ": " + d.tangent(l) + " vs " + g.getGradient()[l] + ", " + where);
        }
    }

    /** k-lane duals, half the operations written in place (output = first argument) to exercise aliasing. */
    static final class LaneOps implements ExprOps<DualVector> {
        private final int k;

        LaneOps(int k) {
            this.k = k;
        }

        public DualVector constant(double c) {
            return DualVector.constant(c, k);
        }

        public DualVector add(DualVector a, DualVector b) {
            return DualVectorOps.add(a, b, a.copy());
        }

        public DualVector sub(DualVector a, DualVector b) {
            return a.sub(b);
        }

        public DualVector mul(DualVector a, DualVector b) {
            DualVector out = b.copy();
            return DualVectorOps.mul(a, out, out);
        }

        public DualVector div(DualVector a, DualVector b) {
            return a.div(b);
        }

        public DualVector neg(DualVector a) {
            return a.neg();
        }

        public DualVector square(DualVector a) {
            DualVector out = a.copy();
            return DualVectorOps.square(out, out);
        }

        public DualVector powi(DualVector a, int n) {
            return a.pow(n);
        }

        public DualVector pow(DualVector a, DualVector b) {
            return a.pow(b);
        }

        public DualVector sqrt(DualVector a) {
            return a.sqrt();
        }

        public DualVector exp(DualVector a) {
            return a.exp();
        }

        public DualVector log(DualVector a) {
            return a.log();
        }

        public DualVector log1p(DualVector a) {
            return a.log1p();
        }

        public DualVector expm1(DualVector a) {
            return a.expm1();
        }

        public DualVector sin(DualVector a) {
            DualVector out = a.copy();
            return DualVectorOps.sin(out, out);
        }

        public DualVector cos(DualVector a) {
            return a.cos();
        }

        public DualVector tan(DualVector a) {
            return a.tan();
        }

        public DualVector tanh(DualVector a) {
            return a.tanh();
        }

        public DualVector sigmoid(DualVector a) {
            return a.sigmoid();
        }

        public DualVector softplus(DualVector a) {
            return a.softplus();
        }

        public DualVector relu(DualVector a) {
            return a.relu();
        }

        public DualVector abs(DualVector a) {
            return a.abs();
        }

        public DualVector max(DualVector a, DualVector b) {
            return a.max(b);
        }

        public DualVector min(DualVector a, DualVector b) {
            return a.min(b);
        }

        public DualVector hypot(DualVector a, DualVector b) {
            return a.hypot(b);
        }

        public DualVector selectGreater(DualVector a, DualVector b, DualVector t, DualVector f) {
            DualVector cond = DualVectorOps.apply(Comparisons.GT, 0, new DualVector[] {a, b}, new DualVector(k),
                    Subgradients.DEFAULT);
            return DualVectorOps.select(cond, t, f, new DualVector(k));
        }

        public DualVector logsumexp(DualVector a, DualVector b, DualVector c) {
            return DualVectorOps.logsumexp(new DualVector(k), a, b, c);
        }
    }
}
