package dev.leibniz.models.calibration.nist;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.models.calibration.Calibrator;
import dev.leibniz.models.calibration.FitResult;
import dev.leibniz.models.calibration.GeodesicLevenbergMarquardt;
import dev.leibniz.models.data.DataReader;
import dev.leibniz.models.data.DataSet;
import dev.leibniz.models.spec.ModelParser;
import dev.leibniz.models.spec.ModelSpec;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The CSV files of {@code examples/nist/} hold exactly the data of NIST's {@code .dat} files, and
 * BoxBOD fitted as an ODE model ({@code BoxBOD-ode.model}, dy/dx = b2 (b1 − y), y(0) = 0) reaches
 * NIST's certified values from both starts with the geodesic Levenberg–Marquardt, like the
 * algebraic model it is the solution of.
 */
class NistExamplesTest {
    @ParameterizedTest
    @ValueSource(strings = {"BoxBOD", "DanWood"})
    void csvHoldsTheDatFilesData(String name) {
        NistProblem prob = NistProblem.read(NistStrdTest.DIR.resolve(name + ".dat"));
        DataSet csv = new DataReader().withoutTime().read(NistStrdTest.DIR.resolve(name + ".csv"));
        assertEquals(prob.columns(), csv.columns());
        assertEquals(prob.data().length, csv.rowCount());
        for (int c = 0; c < prob.columns().size(); c++) {
            double[] expected = new double[prob.data().length];
            for (int r = 0; r < expected.length; r++) {
                expected[r] = prob.data()[r][c];
            }
            assertArrayEquals(expected, csv.column(c), 0.0);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {1, 2})
    void boxBodAsAnOdeReachesTheCertifiedValues(int which) {
        NistProblem prob = NistProblem.read(NistStrdTest.DIR.resolve("BoxBOD.dat"));
        ModelSpec ode = ModelParser.parse(NistStrdTest.DIR.resolve("BoxBOD-ode.model"));
        DataSet d = new DataReader().timeColumn(ode.timeColumn()).read(NistStrdTest.DIR.resolve("BoxBOD.csv"));
        // the geodesic LM: Hipparchus' LM (the ODE default) stops from start 1 on the plateau b2 → ∞, y ≡ b1
        FitResult r = Calibrator.of(ode, d).start(prob.start(which)).optimizer(new GeodesicLevenbergMarquardt()).fit();
        assertTrue(r.converged(), r.summary());
        for (int i = 0; i < 2; i++) {
            assertTrue(NistProblem.lre(r.values()[i], prob.certified()[i]) >= 6, r.summary());
            assertTrue(NistProblem.lre(r.standardErrors()[i], prob.certifiedSd()[i]) >= 3, r.summary());
        }
        assertTrue(NistProblem.lre(r.loss(), prob.rss()) >= 6, r.summary());
    }
}
