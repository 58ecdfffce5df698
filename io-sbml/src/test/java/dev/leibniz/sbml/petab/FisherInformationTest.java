package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.ode.Ode;
import dev.leibniz.ode.SensitivityMethod;
import dev.leibniz.ode.Solution;
import org.junit.jupiter.api.Test;

/**
 * The Fisher form of Boehm's negative log-likelihood: its value and gradient against the
 * likelihood and the forward-sensitivity gradient (computed by another path: the ODE layer's
 * trajectory-loss gradient), and its curvature along a direction v against central differences of
 * the residuals and σ's themselves: vᵀBv = Σ (Dr·v)² + 2 Σ (D ln σ·v)².
 */
class FisherInformationTest {

    private static double[] point(PetabProblem p) {
        double[] theta = p.nominalOnScale();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += i % 2 == 0 ? 0.05 : -0.05;
        }
        return theta;
    }

    @Test
    void valueAndGradientAreTheNegativeLogLikelihoods() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Boehm_JProteomeRes2014"));
        PetabObjective f = new PetabObjective(p, BenchmarkProblemsTest.BOEHM);
        double[] theta = point(p);
        int d = theta.length;
        double[] g = new double[d];
        double[][] b = new double[d][d];
        double v = new FisherInformation(f).valueGradientCurvature(theta, g, b);
        PetabObjective.ValueAndGradient forward = f.gradient(theta, SensitivityMethod.FORWARD);
        assertEquals(-forward.logLikelihood(), v, 1e-9 * Math.abs(v));
        double scale = 0;
        for (double e : forward.gradient()) {
            scale = Math.max(scale, Math.abs(e));
        }
        for (int i = 0; i < d; i++) {
            assertEquals(-forward.gradient()[i], g[i], 1e-6 * Math.max(Math.abs(g[i]), 1e-3 * scale), p.estimated().get(i).id());
            for (int j = 0; j < d; j++) {
                assertEquals(b[i][j], b[j][i], 1e-12 * Math.abs(b[i][i] + b[j][j]), "symmetric");
            }
        }
    }

    @Test
    void curvatureAlongADirectionMatchesCentralDifferencesOfTheResiduals() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Boehm_JProteomeRes2014"));
        PetabObjective f = new PetabObjective(p, BenchmarkProblemsTest.BOEHM);
        double[] theta = point(p);
        int d = theta.length;
        double[] v = new double[d];
        for (int i = 0; i < d; i++) {
            v[i] = Math.cos(1.3 * i + 0.4);
        }
        double[] g = new double[d];
        double[][] b = new double[d][d];
        new FisherInformation(f).valueGradientCurvature(theta, g, b);
        double vbv = 0;
        for (int i = 0; i < d; i++) {
            for (int j = 0; j < d; j++) {
                vbv += v[i] * b[i][j] * v[j];
            }
        }
        double h = 1e-4;
        double[][] up = residualsAndSigmas(f, shifted(theta, v, h));
        double[][] down = residualsAndSigmas(f, shifted(theta, v, -h));
        double fd = 0;
        for (int m = 0; m < up[0].length; m++) {
            double dr = (up[0][m] - down[0][m]) / (2 * h);
            double dlns = (Math.log(up[1][m]) - Math.log(down[1][m])) / (2 * h);
            fd += dr * dr + 2 * dlns * dlns;
        }
        assertEquals(fd, vbv, 1e-5 * fd);
    }

    /**
     * LM takes every problem now (it refused Laplace noise and steady states before); the default
     * stays L-BFGS where some noise is Laplace (kinks) and is LM otherwise, pre-equilibration included.
     */
    @Test
    void defaultOptimizerIsLbfgsOnlyForLaplaceNoise() {
        PetabObjective small = new PetabObjective(PetabProblem.read(PetabReaderTest.small()));
        assertTrue(FisherInformation.hasLaplaceNoise(small));
        assertEquals(MultiStart.Optimizer.LBFGS, MultiStart.defaultOptimizer(small));
        PetabObjective conserved = new PetabObjective(PetabProblem.read(ConservationLawTest.conserved()));
        assertEquals(MultiStart.Optimizer.LEVENBERG_MARQUARDT, MultiStart.defaultOptimizer(conserved));
    }

    private static double[] shifted(double[] theta, double[] v, double h) {
        double[] t = theta.clone();
        for (int i = 0; i < t.length; i++) {
            t[i] += h * v[i];
        }
        return t;
    }

    /** Every measurement's r and σ, from a plain solve and the likelihood graph's extra outputs. */
    private static double[][] residualsAndSigmas(PetabObjective f, double[] theta) {
        double[] all = f.full(theta);
        int total = f.problem().measurements().size();
        double[][] out = new double[2][total];
        for (Simulation s : f.simulations()) {
            double[] p = PetabObjective.values(s.sources, all);
            Solution sol = Ode.solve(s.problem, p, s.finiteTimes, f.options());
            double[] o = s.llh.evaluate(PetabObjective.inputs(s, sol.states(), p, all));
            int m = s.measurements.size();
            for (int q = 0; q < m; q++) {
                out[0][s.measurements.get(q)] = o[2 + m + q];
                out[1][s.measurements.get(q)] = o[2 + 2 * m + q];
            }
        }
        return out;
    }
}
