package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.data.DataSet;
import java.util.List;
import java.util.Random;
import org.hipparchus.linear.Array2DRowRealMatrix;
import org.hipparchus.linear.ArrayRealVector;
import org.hipparchus.linear.RealMatrix;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresFactory;
import org.hipparchus.optim.nonlinear.vector.leastsquares.LeastSquaresProblem;
import org.hipparchus.util.Pair;
import org.junit.jupiter.api.Test;

/**
 * The covariance σ²(JᵀJ)⁻¹ that {@link FitResult#covariance()} reports, against oracles that do
 * not share its SVD: the closed form of a straight-line regression, and Hipparchus's
 * least-squares covariance (a QR decomposition of J).
 */
class CovarianceTest {
    private static final double[] T = CalibratorTest.T;

    /**
     * z = a + b t is linear in (a, b): Cov = s²(XᵀX)⁻¹ with X = [1 t], s² = SSR/(n − 2), in
     * closed form Var b = s²/Sxx, Var a = s²(1/n + t̄²/Sxx), Cov(a, b) = −s² t̄/Sxx.
     */
    @Test
    void straightLineMatchesTheClosedForm() {
        DataSet d = CalibratorTest.data(1, 0, 1.5, -0.25, 0.2, 11).select(List.of("z"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(1.0, 0.0, 0.0, 0.0, 0.0), d).fix("A", "k").fit();
        int n = T.length;
        double mean = 0;
        for (double t : T) {
            mean += t / n;
        }
        double sxx = 0;
        double ssr = 0;
        for (int i = 0; i < n; i++) {
            sxx += (T[i] - mean) * (T[i] - mean);
            double e = d.value(i, 0) - r.value("a") - r.value("b") * T[i];
            ssr += e * e;
        }
        double s2 = ssr / (n - 2);
        int a = r.parameterNames().indexOf("a");
        int b = r.parameterNames().indexOf("b");
        double[][] cov = r.covariance();
        assertEquals(s2 * (1.0 / n + mean * mean / sxx), cov[a][a], 1e-12);
        assertEquals(s2 / sxx, cov[b][b], 1e-12);
        assertEquals(-s2 * mean / sxx, cov[a][b], 1e-12);
        assertEquals(cov[a][b], cov[b][a], 0.0, "symmetric");
        assertEquals(Math.sqrt(cov[a][a]), r.standardError("a"), 1e-15, "the standard error is √Cov_aa");
        double[][] c = r.correlation();
        assertEquals(1.0, c[a][a], 0.0);
        assertEquals(1.0, c[b][b], 0.0);
        assertEquals(-mean / Math.sqrt(sxx / n + mean * mean), c[a][b], 1e-12, "corr(a, b) = −t̄/√(Sxx/n + t̄²)");
        for (String fixed : List.of("A", "k")) {
            int i = r.parameterNames().indexOf(fixed);
            for (int j = 0; j < 4; j++) {
                assertTrue(Double.isNaN(cov[i][j]) && Double.isNaN(cov[j][i]), "fixed " + fixed + " has a NaN row and column");
                assertTrue(Double.isNaN(c[i][j]) && Double.isNaN(c[j][i]));
            }
        }
    }

    /**
     * A parameter held at its bound is left out of the covariance (NaN row and column), and the
     * other's variance is that given it: s²/Σ(∂y/∂k)² with s² = SSR/(n − 1).
     */
    @Test
    void aParameterAtABoundHasNoRowAndTheOthersAreConditionalOnIt() {
        DataSet d = CalibratorTest.data(2.0, 0.3, 0, 0, 0.05, 3).select(List.of("y"));
        FitResult r = Calibrator.of(new ClosedFormSimulator(3.0, 0.2, 0, 0, 2.5), d).fix("a", "b").fit();
        int ia = r.parameterNames().indexOf("A");
        int ik = r.parameterNames().indexOf("k");
        assertTrue(r.atBound()[ia], "A ends at its bound 2.5: " + r.value("A"));
        double[][] cov = r.covariance();
        for (int j = 0; j < 4; j++) {
            assertTrue(Double.isNaN(cov[ia][j]) && Double.isNaN(cov[j][ia]));
        }
        double aHat = r.value("A");
        double k = r.value("k");
        double ssr = 0;
        double jj = 0;
        for (int i = 0; i < T.length; i++) {
            double e = d.value(i, 0) - aHat * Math.exp(k * T[i]);
            ssr += e * e;
            double dk = aHat * T[i] * Math.exp(k * T[i]);
            jj += dk * dk;
        }
        assertEquals(ssr / (T.length - 1) / jj, cov[ik][ik], 1e-9 * cov[ik][ik]);
        assertEquals(1.0, r.correlation()[ik][ik], 0.0);
    }

    /** Random well-conditioned Jacobians: the SVD covariance equals Hipparchus's QR-based one times σ². */
    @Test
    void matchesHipparchusLeastSquaresCovariance() {
        Random rnd = new Random(5);
        for (int trial = 0; trial < 20; trial++) {
            int p = 1 + rnd.nextInt(5);
            int n = p + 1 + rnd.nextInt(10);
            double[][] jac = new double[n][p];
            for (double[] row : jac) {
                for (int j = 0; j < p; j++) {
                    row[j] = rnd.nextGaussian() * Math.pow(10, j - 2); // columns of different scales
                }
            }
            double sigma2 = 0.1 + rnd.nextDouble();
            RealMatrix jm = new Array2DRowRealMatrix(jac);
            LeastSquaresProblem problem = LeastSquaresFactory.create(
                    point -> new Pair<>(jm.operate(point), jm),
                    new ArrayRealVector(n), new ArrayRealVector(p), null, 100, 100);
            RealMatrix oracle = problem.evaluate(new ArrayRealVector(p)).getCovariances(1e-14).scalarMultiply(sigma2);
            double[][] cov = StandardErrors.covariance(jac, sigma2);
            double[] se = StandardErrors.of(jac, sigma2);
            double[][] corr = StandardErrors.correlation(cov);
            for (int i = 0; i < p; i++) {
                assertEquals(Math.sqrt(cov[i][i]), se[i], 0.0);
                assertEquals(1.0, corr[i][i], 0.0);
                for (int j = 0; j < p; j++) {
                    double o = oracle.getEntry(i, j);
                    double scale = Math.sqrt(oracle.getEntry(i, i) * oracle.getEntry(j, j));
                    assertEquals(o, cov[i][j], 1e-10 * scale, "trial " + trial + " (" + i + "," + j + ")");
                    assertEquals(cov[i][j], cov[j][i], 0.0, "symmetric");
                    assertTrue(Math.abs(corr[i][j]) <= 1.0);
                }
            }
        }
    }

    @Test
    void rankDeficientOrNoDegreeOfFreedomIsAllNaN() {
        double[][] collinear = {{1, 2}, {2, 4}, {3, 6}};
        for (double[] row : StandardErrors.covariance(collinear, 1.0)) {
            for (double v : row) {
                assertTrue(Double.isNaN(v));
            }
        }
        double[][] square = {{1, 0}};
        assertTrue(Double.isNaN(StandardErrors.covariance(square, 1.0)[0][0]));
    }
}
