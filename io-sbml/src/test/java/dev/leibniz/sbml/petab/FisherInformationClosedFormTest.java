package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.ode.SolverOptions;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The Fisher form of the negative log-likelihood (what the Levenberg–Marquardt fit minimises) on
 * the three small hand-written problems that have what Boehm lacks: pre-equilibration, time = inf
 * rows with a conservation law, and Laplace noise. Oracles are the closed-form solutions written
 * out below: the value is −ℓ, the gradient its central difference, and the curvature
 * <pre>  B = Σ w ∇r∇rᵀ + c Σ ∇ln σ ∇ln σᵀ,   w = 1, c = 2 (normal);  w = 1/|r|, c = 1 (Laplace),</pre>
 * with ∇r and ∇ln σ central differences of the closed-form residuals r = (h(m) − h(y))/σ and σ's.
 */
class FisherInformationClosedFormTest {
    private static final SolverOptions TIGHT = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-13);

    /** Per measurement (table order): r and σ at θ, from a closed form. */
    private record Terms(double[] r, double[] sigma) {
    }

    static Path laplace() {
        try {
            return Path.of(FisherInformationClosedFormTest.class.getResource("/petab-laplace/problem.yaml").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * petab-small at θ = (log10 kd, log10 scale, ln sd): S(t) = S₀e^{−kd t}; the third row is the
     * log10/Laplace one (σ = 0.2), the fourth starts at the pre-equilibrated 2/kd.
     */
    private static Terms small(double[] t) {
        double kd = Math.pow(10, t[0]);
        double scale = Math.pow(10, t[1]);
        double sd = Math.exp(t[2]);
        return new Terms(new double[] {(8 - 10 * Math.exp(-0.5 * kd)) / sd, (3 - 5 * Math.exp(-kd)) / sd,
            (Math.log10(50) - Math.log10(scale * 10 * Math.exp(-kd))) / 0.2, (2 - 2 / kd * Math.exp(-kd)) / sd},
                new double[] {sd, sd, 0.2, sd});
    }

    /** petab-steady at θ = (log10 kf, log10 kr, a0); see {@link SteadyStateMeasurementTest}. */
    private static Terms steady(double[] t) {
        double kf = Math.pow(10, t[0]);
        double kr = Math.pow(10, t[1]);
        double a0 = t[2];
        double aInf = a0 * kr / (kf + kr);
        double bInf = 4 * a0 * kf / (kf + kr);
        double aHalf = aInf + (a0 - aInf) * Math.exp(-(kf + kr) * 0.5);
        return new Terms(new double[] {(2.5 - aHalf) / 0.1, (1.2 - aInf) / 0.1, (10 - bInf) / 0.1, (9.5 - bInf) / 0.1},
                new double[] {0.1, 0.1, 0.1, 0.1});
    }

    /**
     * petab-laplace at θ = (log10 kp, log10 b), kd = 1: S' = kp − kd S. Rows 1–3 are the steady state
     * kp (rows 2 after pre-equilibration with kd = 2, which changes nothing at inf); row 4 starts at
     * the pre-equilibrated kp/2 and is kp(1 − ½e^{−t}) = 0.75 kp at t = ln 2. All Laplace, σ = b.
     */
    static double[] laplaceSimulated(double kp) {
        return new double[] {kp, kp, kp, 0.75 * kp};
    }

    static final double[] LAPLACE_DATA = {1.0, 1.3, 2.2, 1.2};

    private static Terms laplaceTerms(double[] t) {
        double kp = Math.pow(10, t[0]);
        double b = Math.pow(10, t[1]);
        double[] y = laplaceSimulated(kp);
        double[] r = new double[4];
        for (int i = 0; i < 4; i++) {
            r[i] = (LAPLACE_DATA[i] - y[i]) / b;
        }
        return new Terms(r, new double[] {b, b, b, b});
    }

    /** −ℓ of petab-laplace (lin: no Jacobian term). */
    static double laplaceNll(double[] t) {
        Terms x = laplaceTerms(t);
        double nll = 0;
        for (int i = 0; i < 4; i++) {
            nll += Math.log(2 * x.sigma()[i]) + Math.abs(x.r()[i]);
        }
        return nll;
    }

    @Test
    void preEquilibrationAndLaplaceNoiseOnLog10Scale() {
        double[] theta = {Math.log10(0.8), Math.log10(3), Math.log(0.3)};
        check(PetabProblem.read(PetabReaderTest.small()), theta, FisherInformationClosedFormTest::small,
                new boolean[] {false, false, true, false},
                t -> -PetabReaderTest.expected(Math.pow(10, t[0]), Math.pow(10, t[1]), Math.exp(t[2])));
    }

    @Test
    void steadyStateRowsWithAConservationLawAndPreEquilibration() {
        double[] theta = {Math.log10(3), Math.log10(0.5), 4};
        check(PetabProblem.read(SteadyStateMeasurementTest.steady()), theta, FisherInformationClosedFormTest::steady,
                new boolean[4],
                t -> -SteadyStateMeasurementTest.expected(Math.pow(10, t[0]), Math.pow(10, t[1]), t[2]));
    }

    @Test
    void laplaceNoiseAtSteadyStatesAndAfterPreEquilibration() {
        // residuals of both signs: 1.0 − 1.1 < 0 < 1.3 − 1.1
        double[] theta = {Math.log10(1.1), Math.log10(0.5)};
        check(PetabProblem.read(laplace()), theta, FisherInformationClosedFormTest::laplaceTerms,
                new boolean[] {true, true, true, true}, FisherInformationClosedFormTest::laplaceNll);
    }

    private static void check(PetabProblem p, double[] theta, Function<double[], Terms> closed, boolean[] isLaplace,
                              Function<double[], Double> nll) {
        PetabObjective f = new PetabObjective(p, TIGHT);
        int d = theta.length;
        double[] g = new double[d];
        double[][] b = new double[d][d];
        double value = new FisherInformation(f).valueGradientCurvature(theta, g, b);
        assertEquals(nll.apply(theta), value, 1e-8 * Math.max(1, Math.abs(value)), "value");
        double h = 1e-5;
        double[][] dr = new double[d][];
        double[][] dlns = new double[d][];
        for (int a = 0; a < d; a++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[a] += h;
            down[a] -= h;
            double fd = (nll.apply(up) - nll.apply(down)) / (2 * h);
            assertEquals(fd, g[a], 1e-6 * Math.max(1, Math.abs(fd)), "gradient " + a);
            Terms tu = closed.apply(up);
            Terms td = closed.apply(down);
            dr[a] = new double[tu.r().length];
            dlns[a] = new double[tu.r().length];
            for (int m = 0; m < tu.r().length; m++) {
                dr[a][m] = (tu.r()[m] - td.r()[m]) / (2 * h);
                dlns[a][m] = (Math.log(tu.sigma()[m]) - Math.log(td.sigma()[m])) / (2 * h);
            }
        }
        Terms r0 = closed.apply(theta);
        for (int a = 0; a < d; a++) {
            for (int c = 0; c < d; c++) {
                double expected = 0;
                for (int m = 0; m < isLaplace.length; m++) {
                    double weight = isLaplace[m] ? 1 / Math.abs(r0.r()[m]) : 1;
                    expected += weight * dr[a][m] * dr[c][m] + (isLaplace[m] ? 1 : 2) * dlns[a][m] * dlns[c][m];
                }
                assertEquals(expected, b[a][c], 1e-6 * Math.max(1, Math.abs(expected)), "B[" + a + "][" + c + "]");
            }
        }
    }
}
