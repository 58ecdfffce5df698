package dev.leibniz.ode;

import dev.leibniz.core.Var;

/** Test problems shared by the test classes. */
final class Problems {
    private Problems() {
    }

    static final double[] LV_PARAMS = {0.55, 0.028, 0.80, 0.024};
    static final double[] LV_Y0 = {33, 6.2};

    /** Lotka–Volterra: hare' = αh − βhl, lynx' = δhl − γl. */
    static OdeProblem lotkaVolterra() {
        return OdeProblem.builder()
                .states("hare", "lynx")
                .parameters("alpha", "beta", "gamma", "delta")
                .rhs((t, y, p) -> new Var[] {
                    y[0].mul(p[0]).sub(p[1].mul(y[0]).mul(y[1])),
                    p[3].mul(y[0]).mul(y[1]).sub(p[2].mul(y[1]))})
                .initial(LV_Y0)
                .build();
    }

    /** y' = −k y, y(0) = y0 (a parameter too). */
    static OdeProblem decay() {
        return OdeProblem.builder()
                .states("y")
                .parameters("k", "y0")
                .rhs((t, y, p) -> new Var[] {p[0].mul(y[0]).neg()})
                .initial(p -> new Var[] {p[1]})
                .build();
    }

    static double[] linspace(double a, double b, int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = a + (b - a) * i / (n - 1);
        }
        return x;
    }

    /** Hand-written Lotka–Volterra right-hand side, for the external oracles. */
    static double[] lvRhs(double[] y, double[] p) {
        return new double[] {p[0] * y[0] - p[1] * y[0] * y[1], p[3] * y[0] * y[1] - p[2] * y[1]};
    }

    /** Hand-written ∂f/∂y of Lotka–Volterra. */
    static double[][] lvJacobian(double[] y, double[] p) {
        return new double[][] {{p[0] - p[1] * y[1], -p[1] * y[0]}, {p[3] * y[1], p[3] * y[0] - p[2]}};
    }

    /** Hand-written ∂f/∂p_j of Lotka–Volterra. */
    static double[] lvParameterJacobian(double[] y, int j) {
        return switch (j) {
            case 0 -> new double[] {y[0], 0};
            case 1 -> new double[] {-y[0] * y[1], 0};
            case 2 -> new double[] {0, -y[1]};
            default -> new double[] {0, y[0] * y[1]};
        };
    }

    /** Synthetic observations near the Lotka–Volterra cycle, for sum-of-squares losses. */
    static double[][] lvData(double[] times) {
        double[][] d = new double[times.length][2];
        for (int k = 0; k < times.length; k++) {
            d[k][0] = 30 + 10 * Math.sin(0.4 * times[k]);
            d[k][1] = 12 + 6 * Math.cos(0.35 * times[k]);
        }
        return d;
    }

    /** Central difference of a scalar function of a vector, with relative step. */
    static double[] centralDifference(java.util.function.ToDoubleFunction<double[]> f, double[] x, double rel) {
        double[] g = new double[x.length];
        for (int j = 0; j < x.length; j++) {
            double e = rel * Math.max(Math.abs(x[j]), 1e-3);
            double[] a = x.clone();
            double[] b = x.clone();
            a[j] += e;
            b[j] -= e;
            g[j] = (f.applyAsDouble(a) - f.applyAsDouble(b)) / (2 * e);
        }
        return g;
    }

    static void assertClose(double[] expected, double[] actual, double rel, String what) {
        for (int j = 0; j < expected.length; j++) {
            double tol = rel * Math.max(Math.abs(expected[j]), 1e-300);
            org.junit.jupiter.api.Assertions.assertEquals(expected[j], actual[j], tol,
                    what + " component " + j + ": expected " + java.util.Arrays.toString(expected) + " got "
                            + java.util.Arrays.toString(actual));
        }
    }
}
