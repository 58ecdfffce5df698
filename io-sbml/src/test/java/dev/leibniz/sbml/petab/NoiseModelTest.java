package dev.leibniz.sbml.petab;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * PEtab's noise models are densities of the measurement itself: exp(ℓ(m | y, σ)) integrates to 1
 * over m for every distribution and transformation (the ln|h'(m)| term makes it so for log and
 * log10), and the normal/lin case is the textbook value.
 */
class NoiseModelTest {
    private static double llh(NoiseModel n, double m, double y, double sigma) {
        GraphBuilder b = GraphBuilder.tracing();
        Var l = n.logLikelihood(m, b.constant(y), b.constant(sigma));
        return l.graph().build("l", l).evaluate()[0];
    }

    @ParameterizedTest
    @CsvSource({"NORMAL, LIN", "NORMAL, LOG", "NORMAL, LOG10", "LAPLACE, LIN", "LAPLACE, LOG", "LAPLACE, LOG10"})
    void theDensityOfTheMeasurementIntegratesToOne(NoiseModel.Distribution d, Scale t) {
        NoiseModel n = new NoiseModel(d, t);
        double y = 3;
        double sigma = 0.3;
        // integrate over u = h(m) on a fine grid (m = h⁻¹(u), dm = m·c du), Simpson's rule
        double center = t == Scale.LIN ? y : t == Scale.LOG ? Math.log(y) : Math.log10(y);
        double width = 40 * sigma;
        int k = 20_000;
        double hstep = 2 * width / k;
        double sum = 0;
        for (int i = 0; i <= k; i++) {
            double u = center - width + i * hstep;
            double m = t.unscale(u);
            double dmdu = t.derivative(u);
            double w = i == 0 || i == k ? 1 : i % 2 == 1 ? 4 : 2;
            sum += w * Math.exp(llh(n, m, y, sigma)) * dmdu;
        }
        assertEquals(1.0, sum * hstep / 3, 1e-6, d + " " + t);
    }

    @ParameterizedTest
    @CsvSource({"2, 3, 0.5", "10, 9.5, 2"})
    void normalOnLinearScaleIsTheTextbookValue(double m, double y, double sigma) {
        double expected = -0.5 * Math.log(2 * Math.PI * sigma * sigma) - 0.5 * Math.pow((m - y) / sigma, 2);
        assertEquals(expected, llh(new NoiseModel(NoiseModel.Distribution.NORMAL, Scale.LIN), m, y, sigma), 1e-14);
    }
}
