package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.models.OdeModel;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Loss;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import dev.leibniz.models.spec.Parameter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;

/** Shared checks of the shipped models: Java twin = model file, and synthetic recovery. */
final class ModelChecks {
    static final Path EXAMPLES = Path.of("..", "examples");

    private ModelChecks() {
    }

    static ModelSpec file(String name) {
        return ModelParser.parse(EXAMPLES.resolve(name));
    }

    /**
     * The model file and the Java model define the same problem: same names and bounds, and the
     * same f, y₀ and g at random points (each evaluated by its own graph).
     */
    static void assertSameModel(OdeModel twin, ModelSpec file, long seed) {
        assertEquals(twin.stateNames(), file.stateNames(), "states");
        assertEquals(twin.parameterNames(), file.parameterNames(), "parameters");
        assertEquals(twin.outputNames(), file.outputNames(), "outputs");
        assertEquals(twin.t0(), file.t0(), "t0");
        for (int i = 0; i < twin.parameters().size(); i++) {
            Parameter a = twin.parameters().get(i);
            Parameter b = file.parameters().get(i);
            assertEquals(a.lower(), b.lower(), a.name() + " lower bound");
            assertEquals(a.upper(), b.upper(), a.name() + " upper bound");
            assertEquals(a.initial(), b.initial(), a.name() + " initial guess");
        }
        Graph fj = twin.problem().rhs();
        Graph ff = file.problem().rhs();
        Graph g0j = twin.problem().initialGraph();
        Graph g0f = file.problem().initialGraph();
        Graph oj = twin.outputGraph();
        Graph of = file.outputGraph();
        Random rnd = new Random(seed);
        int n = twin.stateNames().size();
        int p = twin.parameters().size();
        for (int trial = 0; trial < 5; trial++) {
            double[] in = new double[1 + n + p];
            for (int i = 0; i < in.length; i++) {
                in[i] = 0.2 + rnd.nextDouble();
            }
            assertArrayEquals(eval(fj, in, twin), eval(ff, in, file), 1e-12 * (1 + norm(eval(fj, in, twin))), "f");
            double[] theta = Arrays.copyOfRange(in, 1 + n, in.length);
            assertArrayEquals(g0j.evaluate(byName(g0j, twin.parameterNames(), theta)),
                    g0f.evaluate(byName(g0f, file.parameterNames(), theta)), 1e-12, "y0");
            if (oj != null) {
                assertArrayEquals(oj.evaluate(in), of.evaluate(in), 1e-12, "outputs");
            }
        }
    }

    /** f's graph evaluated at t, y, θ given in that order (the graph's inputs are named). */
    private static double[] eval(Graph f, double[] in, OdeModel m) {
        List<String> names = new ArrayList<>();
        names.add("t");
        names.addAll(m.stateNames());
        names.addAll(m.parameterNames());
        return f.evaluate(byName(f, names, in));
    }

    private static double[] byName(Graph g, List<String> names, double[] values) {
        double[] in = new double[g.inputCount()];
        for (int j = 0; j < in.length; j++) {
            in[j] = values[names.indexOf(g.inputName(j))];
        }
        return in;
    }

    private static double norm(double[] v) {
        double s = 0;
        for (double x : v) {
            s = Math.max(s, Math.abs(x));
        }
        return s;
    }

    /**
     * Simulates data from {@code truth}, fits from a start perturbed by ±{@code perturb}
     * (alternating signs), and returns the fit.
     */
    static FitResult recover(OdeModel model, double[] truth, double[] times, List<String> columns, double perturb,
                             Loss loss, SyntheticData.NoiseKind noise, double sigma) {
        OdeSimulator sim = new OdeSimulator(model);
        DataSet data = SyntheticData.simulate(sim, truth, times, columns, noise, sigma, 20240607L);
        double[] start = truth.clone();
        for (int i = 0; i < start.length; i++) {
            start[i] *= 1 + (i % 2 == 0 ? perturb : -perturb);
        }
        return Calibrator.of(sim, data).loss(loss).start(start).fit();
    }

    /** Noise-free recovery: every parameter back to 1e-4 relative. */
    static FitResult assertRecovers(OdeModel model, double[] truth, double[] times, List<String> columns, double perturb) {
        FitResult r = recover(model, truth, times, columns, perturb, Losses.SUM_OF_SQUARES, SyntheticData.NoiseKind.NONE, 0);
        assertTrue(r.converged(), model.name() + ": " + r.reason());
        for (int i = 0; i < truth.length; i++) {
            assertEquals(truth[i], r.values()[i], 1e-4 * Math.abs(truth[i]),
                    model.name() + " " + r.parameterNames().get(i) + "\n" + r.summary());
        }
        return r;
    }

    /**
     * Noisy recovery: the fit converges, its loss is about the noise's (N σ² within a factor 3),
     * and every parameter is within 4 standard errors of the truth.
     */
    static FitResult assertRecoversWithNoise(OdeModel model, double[] truth, double[] times, List<String> columns,
                                             double perturb, double sigma) {
        FitResult r = recover(model, truth, times, columns, perturb, Losses.SUM_OF_SQUARES,
                SyntheticData.NoiseKind.ADDITIVE, sigma);
        assertTrue(r.converged(), model.name() + ": " + r.reason());
        double expected = r.observations() * sigma * sigma;
        assertTrue(r.loss() > expected / 3 && r.loss() < expected * 3, "loss " + r.loss() + " vs N sigma^2 " + expected);
        for (int i = 0; i < truth.length; i++) {
            double se = r.standardErrors()[i];
            assertTrue(Double.isFinite(se) && se > 0, r.parameterNames().get(i) + " standard error " + se);
            assertTrue(Math.abs(r.values()[i] - truth[i]) < 4 * se, model.name() + " " + r.parameterNames().get(i)
                    + " = " + r.values()[i] + " vs truth " + truth[i] + " (se " + se + ")");
        }
        return r;
    }
}
