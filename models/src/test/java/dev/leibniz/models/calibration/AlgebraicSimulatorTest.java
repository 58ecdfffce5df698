package dev.leibniz.models.calibration;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.data.DataFileException;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelFileException;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Algebraic model files fitted through the calibration path, with exact Jacobians from the graph. */
class AlgebraicSimulatorTest {
    static final ModelSpec LINE = ModelParser.parse("line.model", "input x\nparam a = 0\nparam b = 0\noutput y = a + b*x");
    static final ModelSpec DECAY = ModelParser.parse("decay.model",
            "input x1, x2\nparam a = 2\nparam k = 0.5\noutput y = a*exp(-k*x1) + x2");

    static DataSet rows(List<String> columns, double[][] values) {
        double[] rowNumbers = new double[values.length];
        for (int r = 0; r < rowNumbers.length; r++) {
            rowNumbers[r] = r + 1;
        }
        return DataSet.of("data.csv", rowNumbers, columns, values);
    }

    @Test
    void jacobianAgreesWithCentralDifferences() {
        double[][] x = {{0.3, 1}, {1.7, -2}, {4, 0.5}};
        AlgebraicSimulator sim = AlgebraicSimulator.of(DECAY, x);
        double[] theta = {1.3, 0.7};
        double[][] v = new double[3][1];
        double[][][] jac = new double[3][1][2];
        sim.evaluate(theta, x, new int[] {0}, v, jac);
        for (int k = 0; k < 3; k++) {
            assertEquals(1.3 * Math.exp(-0.7 * x[k][0]) + x[k][1], v[k][0], 1e-14);
            for (int p = 0; p < 2; p++) {
                double h = 1e-6;
                double[] up = theta.clone();
                double[] dn = theta.clone();
                up[p] += h;
                dn[p] -= h;
                double[][] vu = new double[3][1];
                double[][] vd = new double[3][1];
                sim.evaluate(up, x, new int[] {0}, vu, null);
                sim.evaluate(dn, x, new int[] {0}, vd, null);
                assertEquals((vu[k][0] - vd[k][0]) / (2 * h), jac[k][0][p], 1e-8);
            }
        }
    }

    @Test
    void straightLineFitIsOrdinaryLeastSquares() {
        // rows in no particular order, a repeated x: the rows are cases, not times
        double[] xs = {3, 1, 2, 2, 5, 4};
        double[] ys = {7.1, 2.9, 5.2, 4.8, 11.3, 8.7};
        double[][] values = new double[xs.length][];
        for (int i = 0; i < xs.length; i++) {
            values[i] = new double[] {ys[i], xs[i]};
        }
        FitResult r = Calibrator.of(LINE, rows(List.of("y", "x"), values)).fit();
        // closed form: b = Sxy/Sxx, a = ȳ − b x̄; se(b)² = s²/Sxx, s² = RSS/(n − 2)
        int n = xs.length;
        double mx = 0;
        double my = 0;
        for (int i = 0; i < n; i++) {
            mx += xs[i] / n;
            my += ys[i] / n;
        }
        double sxx = 0;
        double sxy = 0;
        for (int i = 0; i < n; i++) {
            sxx += (xs[i] - mx) * (xs[i] - mx);
            sxy += (xs[i] - mx) * (ys[i] - my);
        }
        double b = sxy / sxx;
        double a = my - b * mx;
        double rss = 0;
        for (int i = 0; i < n; i++) {
            rss += Math.pow(ys[i] - a - b * xs[i], 2);
        }
        assertTrue(r.converged(), r.summary());
        assertEquals(b, r.value("b"), 1e-12);
        assertEquals(a, r.value("a"), 1e-12);
        assertEquals(rss, r.loss(), 1e-12);
        assertEquals(Math.sqrt(rss / (n - 2) / sxx), r.standardError("b"), 1e-12);
        assertEquals(n, r.observations());
    }

    @Test
    void inputThatIsNotADataColumnIsAnErrorAtTheInputLine() {
        DataSet d = rows(List.of("y", "z"), new double[][] {{1, 2}, {3, 4}});
        ModelFileException e = assertThrows(ModelFileException.class, () -> Calibrator.of(DECAY, d));
        assertEquals("decay.model:1:7: input 'x1' is not a column of data.csv (its columns: y, z)", e.getMessage());
    }

    @Test
    void dataColumnThatIsNeitherInputNorOutput() {
        DataSet d = rows(List.of("y", "x", "w"), new double[][] {{1, 2, 0}, {3, 4, 0}});
        DataFileException e = assertThrows(DataFileException.class, () -> Calibrator.of(LINE, d));
        assertEquals("data.csv: column 'w': is neither an input nor an output of the model line.model (inputs: x;"
                + " outputs: y)", e.getMessage());
    }

    @Test
    void missingInputCellNamesTheRow() {
        DataSet d = rows(List.of("y", "x"), new double[][] {{1, 2}, {3, Double.NaN}});
        DataFileException e = assertThrows(DataFileException.class, () -> Calibrator.of(LINE, d));
        assertEquals("data.csv:2: column 'x': the input is missing; every row needs the values of all inputs",
                e.getMessage());
    }

    @Test
    void parameterAtABoundIsMarkedAndGetsNoStandardError() {
        // the data fall with x, but the slope is bounded to [0, 1]: the least-squares slope sits at 0,
        // and the intercept given b = 0 is the mean of y with se s/√n, s² = RSS/(n − 1)
        ModelSpec m = ModelParser.parse("bounded.model", "input x\nparam a = 1\nparam b = 0.5 in [0, 1]\noutput y = a + b*x");
        double[] ys = {5.2, 3.9, 3.1, 2.2, 0.8};
        double[][] values = new double[ys.length][];
        for (int i = 0; i < ys.length; i++) {
            values[i] = new double[] {ys[i], i};
        }
        FitResult r = Calibrator.of(m, rows(List.of("y", "x"), values)).fit();
        double mean = (5.2 + 3.9 + 3.1 + 2.2 + 0.8) / 5;
        double rss = 0;
        for (double y : ys) {
            rss += (y - mean) * (y - mean);
        }
        assertTrue(r.atBound()[1], r.summary());
        assertTrue(!r.atBound()[0], r.summary());
        assertTrue(r.value("b") < 1e-6, r.summary());
        assertEquals(mean, r.value("a"), 1e-5);
        assertTrue(Double.isNaN(r.standardError("b")), r.summary());
        assertEquals(Math.sqrt(rss / 4 / 5), r.standardError("a"), 1e-5);
        assertTrue(r.summary().contains("b   ") && r.summary().contains("(at a bound: no standard error)"), r.summary());
    }

    @Test
    void conditionNumberOfTheScaledJacobian() {
        FitResult r = Calibrator.of(LINE, rows(List.of("y", "x"), new double[][] {{1, 0}, {3, 1}, {5, 1}})).fit();
        // three rows x = 0, 1, 1: columns (1,1,1)/√3 and (0,1,1)/√2; Gram matrix [[1, √(2/3)], [√(2/3), 1]]
        double g = Math.sqrt(2.0 / 3);
        assertEquals(Math.sqrt((1 + g) / (1 - g)), r.conditionNumber(), 1e-9);
        assertEquals(-Math.log10(Math.ulp(1.0) * r.conditionNumber()), r.reliableDigits(), 1e-12);
    }
}
