package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.ode.SensitivityMethod;
import org.junit.jupiter.api.Test;

/**
 * Boehm's log-likelihood gradient on the parameter scales (log10) against central differences of
 * the log-likelihood (step 1e-4), by forward sensitivities and the continuous adjoint, at a point
 * 0.05 (in log10) off the nominal parameters: at the nominal values, an optimum, the gradient's
 * entries are ~1e-2 and central differences of a solver at rtol 1e-10 cannot resolve them to
 * 1e-5. Entries far below the gradient's scale (k_imp_homo's is 3e-5 against 55) are compared
 * to 1e-5 of a tenth of the largest entry.
 *
 * <p>Crauste has no such test: a change of 1e-4 (log10) in ten of its twelve parameters makes its
 * pathogen state blow up before day 22 (the solver reports the finite-time singularity), so its
 * nominal point sits on a knife edge where finite differences do not exist; forward and both
 * adjoints agree there to 4e-4 relative.
 */
class BenchmarkGradientTest {
    @Test
    void boehmGradientMatchesCentralDifferencesByForwardAndAdjointSensitivities() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Boehm_JProteomeRes2014"));
        PetabObjective f = new PetabObjective(p, BenchmarkProblemsTest.BOEHM);
        double[] theta = p.nominalOnScale();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += i % 2 == 0 ? 0.05 : -0.05;
        }
        double h = 1e-4;
        double[] fd = new double[theta.length];
        double scale = 0;
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            fd[i] = (f.evaluate(up).logLikelihood() - f.evaluate(down).logLikelihood()) / (2 * h);
            scale = Math.max(scale, Math.abs(fd[i]));
        }
        double[] forward = f.gradient(theta, SensitivityMethod.FORWARD).gradient();
        double[] adjoint = f.gradient(theta, SensitivityMethod.CONTINUOUS_ADJOINT).gradient();
        for (int i = 0; i < theta.length; i++) {
            String id = p.estimated().get(i).id();
            double tol = 1e-5 * Math.max(Math.abs(fd[i]), 0.1 * scale);
            assertEquals(fd[i], forward[i], tol, "forward " + id);
            assertEquals(fd[i], adjoint[i], tol, "adjoint " + id);
            assertEquals(forward[i], adjoint[i], 1e-5 * Math.max(Math.abs(forward[i]), 1e-3 * scale), "forward vs adjoint " + id);
        }
    }

    /**
     * Fujita (9 states, 19 estimated parameters, 6 conditions, log10 scales) by forward
     * sensitivities against central differences (step 1e-4 in log10), with Rodas5P at the
     * tolerances of its likelihood test, at the nominal point moved by ±0.05 like Boehm's.
     * Run with the order-2 Rosenbrock method this gradient took 150–200 s; with Rodas5P under a
     * second. The continuous adjoint is not in this test: its backward solve takes ~60 times the
     * forward solve's steps with the Rodas methods (≈ 20 s here; docs/benchmarks.md, PEtab).
     */
    @Test
    void fujitaGradientMatchesCentralDifferencesByForwardSensitivities() {
        PetabProblem p = PetabProblem.read(BenchmarkProblemsTest.problem("Fujita_SciSignal2010"));
        PetabObjective f = new PetabObjective(p, BenchmarkProblemsTest.FUJITA);
        double[] theta = p.nominalOnScale();
        for (int i = 0; i < theta.length; i++) {
            theta[i] += i % 2 == 0 ? 0.05 : -0.05;
        }
        double h = 1e-4;
        double[] fd = new double[theta.length];
        double scale = 0;
        for (int i = 0; i < theta.length; i++) {
            double[] up = theta.clone();
            double[] down = theta.clone();
            up[i] += h;
            down[i] -= h;
            fd[i] = (f.evaluate(up).logLikelihood() - f.evaluate(down).logLikelihood()) / (2 * h);
            scale = Math.max(scale, Math.abs(fd[i]));
        }
        double[] forward = f.gradient(theta, SensitivityMethod.FORWARD).gradient();
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < theta.length; i++) {
            all.append(String.format("%n%s fd %.10g forward %.10g", p.estimated().get(i).id(), fd[i], forward[i]));
        }
        for (int i = 0; i < theta.length; i++) {
            String id = p.estimated().get(i).id();
            double tol = 1e-5 * Math.max(Math.abs(fd[i]), 0.1 * scale);
            assertEquals(fd[i], forward[i], tol, "forward " + id + all);
        }
    }
}
