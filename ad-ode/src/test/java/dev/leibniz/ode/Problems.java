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
}
