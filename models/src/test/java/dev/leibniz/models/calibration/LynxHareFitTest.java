package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * The acceptance test on real data: Lotka–Volterra fitted to the Hudson's Bay lynx–hare pelts
 * 1900–1920 with the sum of squares of logs. The reference optimum was found by an independent
 * solver (given in issue #7): α 0.5402, β 0.02717, γ 0.7964, δ 0.02369, hare₀ 34.60,
 * lynx₀ 5.845, loss 2.01866; each must be matched to 0.1%.
 */
class LynxHareFitTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void fitReachesTheIndependentOptimum() {
        ModelSpec model = ModelParser.parse(EXAMPLES.resolve("lotka-volterra.model"));
        DataSet data = new DataReader().knownColumns(model.observableNames())
                .read(EXAMPLES.resolve("hudson-bay-lynx-hare.csv"));
        long start = System.nanoTime();
        FitResult r = Calibrator.of(model, data).loss(Losses.SUM_OF_SQUARES_OF_LOGS).fit();
        double seconds = (System.nanoTime() - start) * 1e-9;
        System.out.printf("lynx-hare fit in %.2f s:%n%s", seconds, r.summary());

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
        for (String p : model.parameterNames()) {
            double se = r.standardError(p);
            assertTrue(se > 0 && se < r.value(p), p + " standard error " + se);
        }
    }
}
