package dev.leibniz.core.prim;

import static org.junit.jupiter.api.Assertions.fail;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.Var;
import dev.leibniz.core.prim.PrimitiveDomains.Domain;
import dev.leibniz.core.prim.PrimitiveDomains.Point;
import java.util.Arrays;
import java.util.SplittableRandom;

/**
 * One primitive at one point, for the contract tests: its value and numeric partials called
 * directly, central differences, and the primitive as a one-node graph.
 */
final class PrimitivePoints {
    private PrimitivePoints() {
    }

    static SplittableRandom random(Primitive p, int test) {
        return new SplittableRandom(p.name().hashCode() * 31L + test);
    }

    static double value(Primitive p, double[] x, double param, Subgradients pol) {
        return p.apply(x.clone(), x.length, param, pol);
    }

    static double partial(Primitive p, int k, Point pt, Subgradients pol) {
        double y = value(p, pt.x(), pt.param(), pol);
        return p.partial(k, pt.x().clone(), pt.arity(), y, pt.param(), pol);
    }

    static double step(double x) {
        return 1e-6 * Math.max(1, Math.abs(x));
    }

    static Point shifted(Point pt, int k, double h) {
        double[] x = pt.x().clone();
        x[k] += h;
        return new Point(x, pt.param());
    }

    static double centralDifference(Primitive p, Point pt, int k, double h, Subgradients pol) {
        double[] plus = shifted(pt, k, h).x();
        double[] minus = shifted(pt, k, -h).x();
        // divide by the step actually taken (x ± h is rounded)
        return (value(p, plus, pt.param(), pol) - value(p, minus, pt.param(), pol)) / (plus[k] - minus[k]);
    }

    static double minKinkDistance(Domain d, double[] x) {
        double m = Double.POSITIVE_INFINITY;
        for (int k = 0; k < x.length; k++) {
            m = Math.min(m, d.kinkDistance(x, k));
        }
        return m;
    }

    static double maxAbs(double[] x) {
        double m = 0;
        for (double v : x) {
            m = Math.max(m, Math.abs(v));
        }
        return m;
    }

    static Var[] inputs(GraphBuilder b, int n) {
        Var[] xs = new Var[n];
        for (int i = 0; i < n; i++) {
            xs[i] = b.input("x" + i);
        }
        return xs;
    }

    static Graph oneNodeGraph(Primitive p, Point pt) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] xs = inputs(b, pt.arity());
        return b.build("y", b.apply(p, pt.param(), xs));
    }

    static double[] concat(double[] x, double u) {
        double[] all = Arrays.copyOf(x, x.length + 1);
        all[x.length] = u;
        return all;
    }

    /** |actual − expected| ≤ tol·max(1, |expected|) for finite values; identical otherwise. */
    static void assertClose(double expected, double actual, double tol, String what) {
        if (!Double.isFinite(expected) || !Double.isFinite(actual)) {
            if (Double.compare(expected, actual) != 0) {
                fail(what + ": expected " + expected + ", got " + actual);
            }
            return;
        }
        double bound = tol * Math.max(1, Math.abs(expected));
        if (!(Math.abs(actual - expected) <= bound)) {
            fail(what + ": expected " + expected + ", got " + actual + " (difference " + Math.abs(actual - expected)
                    + " > " + bound + ")");
        }
    }
}
