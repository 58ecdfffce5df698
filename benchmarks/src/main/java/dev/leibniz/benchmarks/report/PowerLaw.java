package dev.leibniz.benchmarks.report;

/**
 * The exponent b of a power law y ≈ a·x^b fitted by least squares to log y against log x: the
 * report's measure of "grows linearly" (b ≈ 1) or "stays flat" (b ≈ 0).
 */
public final class PowerLaw {
    private PowerLaw() {
    }

    /** The fitted exponent over the points where both are positive and finite; NaN with fewer than two. */
    public static double exponent(double[] x, double[] y) {
        int n = 0;
        double sx = 0;
        double sy = 0;
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < x.length; i++) {
            if (x[i] > 0 && y[i] > 0 && Double.isFinite(x[i]) && Double.isFinite(y[i])) {
                double lx = Math.log(x[i]);
                double ly = Math.log(y[i]);
                n++;
                sx += lx;
                sy += ly;
                sxx += lx * lx;
                sxy += lx * ly;
            }
        }
        double d = n * sxx - sx * sx;
        if (n < 2 || d == 0) {
            return Double.NaN;
        }
        return (n * sxy - sx * sy) / d;
    }
}
