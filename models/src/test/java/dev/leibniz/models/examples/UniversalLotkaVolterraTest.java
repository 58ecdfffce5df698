package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.models.calibration.AdamOptimizer;
import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.Losses;
import dev.leibniz.models.calibration.Objective;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.ode.SensitivityMethod;
import java.nio.file.Files;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The universal differential equation: Lotka–Volterra whose predation term is a 2→12→12→1
 * network (205 weights). Its weights are not identifiable (many networks draw the same curve),
 * so "recovery" is of the function: trained on noise-free Lotka–Volterra data with the known
 * rates α, γ, δ held fixed, the network must reproduce the trajectory and learn β·hare·lynx.
 */
class UniversalLotkaVolterraTest {
    static final UniversalLotkaVolterra MODEL = new UniversalLotkaVolterra(12, 1);
    static final double[] LV = {0.54, 0.027, 0.80, 0.024, 34.6, 5.8};
    static final double[] TIMES = SyntheticData.times(0.25, 0.25, 16);

    static DataSet data() {
        return SyntheticData.exact(new OdeSimulator(new LotkaVolterra()), LV, TIMES, List.of("hare", "lynx"));
    }

    /** Known mechanistic rates; the network starts from its seeded random draw. */
    static double[] start() {
        double[] th = MODEL.initialParameterValues();
        th[0] = LV[0];
        th[1] = LV[2];
        th[2] = LV[3];
        th[3] = LV[4];
        th[4] = LV[5];
        return th;
    }

    static Calibrator calibrator() {
        return Calibrator.of(MODEL, data()).loss(Losses.SUM_OF_SQUARES_OF_LOGS).start(start())
                .fix("alpha", "gamma", "delta", "hare0", "lynx0");
    }

    @Test
    void shippedFileIsTheGeneratorsOutputAndAgreesWithJava() throws Exception {
        assertEquals(MODEL.modelFile(), Files.readString(ModelChecks.EXAMPLES.resolve("ude-lotka-volterra.model")));
        ModelChecks.assertSameModel(MODEL, ModelChecks.file("ude-lotka-volterra.model"), 11);
        assertEquals(210, MODEL.parameters().size());
    }

    /**
     * With 205 fitted weights AUTO chooses the discrete adjoint, and its gradient equals the one
     * from 207 lanes of forward sensitivities (the oracle: a different method of ad-ode) and
     * central differences on a few weights.
     */
    @Test
    void adjointGradientMatchesForwardSensitivities() {
        Objective adjoint = calibrator().optimizer(new AdamOptimizer(1, 0.01, 0)).objective();
        Objective forward = calibrator().optimizer(new AdamOptimizer(1, 0.01, 0)).sensitivity(SensitivityMethod.FORWARD).objective();
        double[] u = adjoint.free(start());
        double[] ga = new double[u.length];
        double[] gf = new double[u.length];
        double va = adjoint.valueAndGradient(u, ga);
        double vf = forward.valueAndGradient(u, gf);
        assertEquals(vf, va, 1e-9 * vf);
        double scale = 0;
        for (double g : gf) {
            scale = Math.max(scale, Math.abs(g));
        }
        for (int i = 0; i < u.length; i++) {
            assertEquals(gf[i], ga[i], 1e-5 * scale, "weight " + i);
        }
        for (int i : new int[] {0, 17, 100, u.length - 1}) {
            double h = 1e-6;
            double[] up = u.clone();
            double[] dn = u.clone();
            up[i] += h;
            dn[i] -= h;
            assertEquals((adjoint.value(up) - adjoint.value(dn)) / (2 * h), ga[i], 1e-5 * scale, "weight " + i);
        }
    }

    /**
     * With 205 fitted weights the default optimizer is L-BFGS (too many parameters for
     * Levenberg–Marquardt's full Jacobian). 100 iterations take the loss down by more than five
     * orders of magnitude; Adam (lr 0.02) needed 600 iterations, at the same cost per iteration,
     * for about four.
     */
    @Test
    void trainingLearnsThePredationTerm() {
        FitResult r = calibrator().maxIterations(100).fit();
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, r.sensitivity());
        assertEquals("L-BFGS", r.optimizer());
        assertEquals(100, r.iterations());
        double first = r.lossHistory()[0];
        // the learned interaction against β·hare·lynx at the observed states
        Graph g = MODEL.outputGraph();
        DataSet d = data();
        double err2 = 0, true2 = 0;
        for (int k = 0; k < d.rowCount(); k++) {
            double hare = d.value(k, 0), lynx = d.value(k, 1);
            double[] in = new double[3 + r.values().length];
            in[0] = TIMES[k];
            in[1] = hare;
            in[2] = lynx;
            System.arraycopy(r.values(), 0, in, 3, r.values().length);
            double learned = g.evaluate(in)[2 * MODEL.hidden()];
            double truth = LV[1] * hare * lynx;
            err2 += (learned - truth) * (learned - truth);
            true2 += truth * truth;
        }
        double relative = Math.sqrt(err2 / true2);
        System.out.printf("UDE training: loss %.4g -> %.4g in %d L-BFGS iterations; learned predation term off by %.1f%% (rms)%n",
                first, r.loss(), r.iterations(), 100 * relative);
        assertTrue(r.loss() < first * 1e-5, "loss " + first + " -> " + r.loss());
        assertTrue(relative < 0.05, "learned interaction relative rms error " + relative);
    }
}
