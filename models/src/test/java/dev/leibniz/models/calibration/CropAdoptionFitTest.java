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
 * {@code examples/us-ge-crop-adoption.model} (five logistic ODEs, 15 parameters) fitted to the USDA
 * data: the sum of squares its README gives from two independent fitters, 2459.830939, and the
 * same sum recomputed at the fitted parameters from the logistic's closed form
 * x(t) = K / (1 + (K/x₀ − 1) e^{−rt}), with no ODE solver.
 */
class CropAdoptionFitTest {
    static final Path EXAMPLES = Path.of("..", "examples");

    @Test
    void fiveLogisticCurvesReachTheReferenceSumOfSquares() {
        ModelSpec m = ModelParser.parse(EXAMPLES.resolve("us-ge-crop-adoption.model"));
        DataSet d = new DataReader().knownColumns(m.observableNames()).read(EXAMPLES.resolve("us-ge-crop-adoption.csv"));
        FitResult r = Calibrator.of(m, d).fit();
        assertTrue(r.converged(), r.summary());
        assertEquals(2459.830939, r.loss(), 2459.830939 * 1e-8, r.summary());
        String[] series = {"hts", "htc", "btc", "htco", "btco"};
        double sse = 0;
        for (int c = 0; c < series.length; c++) {
            double rate = r.value("r_" + series[c]);
            double k = r.value("K_" + series[c]);
            double x0 = r.value("x0_" + series[c]);
            int col = d.columnIndex(m.stateNames().get(c));
            for (int row = 0; row < d.rowCount(); row++) {
                double x = k / (1 + (k / x0 - 1) * Math.exp(-rate * d.time(row)));
                sse += Math.pow(x - d.value(row, col), 2);
            }
        }
        assertEquals(r.loss(), sse, sse * 1e-8);
        // the soybean ceiling: 93.49 % of planted acres
        assertEquals(93.4889, r.value("K_hts"), 1e-4);
    }
}
