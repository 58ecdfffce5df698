package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test on real data: Lotka–Volterra fitted to the Hudson's Bay lynx–hare pelts
 * 1900–1920 with the sum of squares of logs. The reference optimum was found by an independent
 * solver (given in issue #7): α 0.5402, β 0.02717, γ 0.7964, δ 0.02369, hare₀ 34.60,
 * lynx₀ 5.845, loss 2.01866; each must be matched to 0.1%, by Levenberg–Marquardt and by L-BFGS.
 */
class LynxHareFitTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    static ModelSpec model() {
        return ModelParser.parse(EXAMPLES.resolve("lotka-volterra.model"));
    }

    static DataSet data(ModelSpec model) {
        return new DataReader().knownColumns(model.observableNames())
                .read(EXAMPLES.resolve("hudson-bay-lynx-hare.csv"));
    }

    /** Levenberg–Marquardt, the default for a least-squares loss with six parameters. */
    @Test
    void fitReachesTheIndependentOptimum() {
        ModelSpec model = model();
        DataSet data = data(model);
        FitResult r = fitted(Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS));
        assertEquals("Levenberg-Marquardt (Hipparchus)", r.optimizer());
        assertReferenceOptimum(r);
        FitResult again = Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit();
        assertArrayEquals(r.values(), again.values(), 0.0, "reproducible");
        assertArrayEquals(r.lossHistory(), again.lossHistory(), 0.0, "reproducible");
        for (String p : model.parameterNames()) {
            double se = r.standardError(p);
            assertTrue(se > 0 && se < r.value(p), p + " standard error " + se);
        }
    }

    /**
     * L-BFGS on the same loss, with the gradient only: the same optimum, the same Gauss–Newton
     * standard errors (they are computed at the optimum, whichever optimizer found it), and a
     * listener that sees every iteration.
     */
    @Test
    void lbfgsReachesTheIndependentOptimumToo() {
        ModelSpec model = model();
        DataSet data = data(model);
        FitResult lm = Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit();
        List<Progress> seen = new ArrayList<>();
        FitResult r = fitted(Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS)
                .optimizer(Optimizers.byName("lbfgs", 200)).onIteration(seen::add));
        assertEquals("L-BFGS", r.optimizer());
        assertReferenceOptimum(r);
        for (String p : model.parameterNames()) {
            assertEquals(lm.standardError(p), r.standardError(p), 1e-3 * lm.standardError(p), p);
        }
        assertEquals(r.iterations() + 1, seen.size());
        for (int k = 0; k < seen.size(); k++) {
            assertEquals(k, seen.get(k).iteration());
            assertEquals(r.lossHistory()[k], seen.get(k).loss(), 0.0);
            if (k > 0) {
                assertTrue(seen.get(k).bestLoss() <= seen.get(k - 1).bestLoss(), "best loss never increases");
            }
        }
        assertArrayEquals(r.values(), seen.get(seen.size() - 1).bestParameters(), 0.0);
        FitResult again = Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS)
                .optimizer(Optimizers.byName("lbfgs", 200)).fit();
        assertArrayEquals(r.values(), again.values(), 0.0, "reproducible");
        assertArrayEquals(r.lossHistory(), again.lossHistory(), 0.0, "reproducible");
    }

    /** The fit; its time is measured by LynxHareFitBenchmark, not in a test. */
    private static FitResult fitted(Calibrator c) {
        return c.fit();
    }

    private static void assertReferenceOptimum(FitResult r) {
        assertTrue(r.converged(), r.reason());
        assertEquals(42, r.observations());
        assertEquals(0.5402, r.value("alpha"), 0.5402e-3);
        assertEquals(0.02717, r.value("beta"), 0.02717e-3);
        assertEquals(0.7964, r.value("gamma"), 0.7964e-3);
        assertEquals(0.02369, r.value("delta"), 0.02369e-3);
        assertEquals(34.60, r.value("hare0"), 34.60e-3);
        assertEquals(5.845, r.value("lynx0"), 5.845e-3);
        assertEquals(2.01866, r.loss(), 2.01866e-3);
        assertTrue(r.gradientNorm() < 1e-4, "gradient norm " + r.gradientNorm());
        assertEquals(r.iterations() + 1, r.lossHistory().length);
    }
}
