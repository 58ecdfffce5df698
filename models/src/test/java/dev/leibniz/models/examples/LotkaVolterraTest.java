package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class LotkaVolterraTest {
    static final double[] TRUTH = {0.54, 0.027, 0.80, 0.024, 34.6, 5.8};
    static final double[] TIMES = SyntheticData.times(1, 1, 20);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new LotkaVolterra(), ModelChecks.file("lotka-volterra.model"), 1);
    }

    @Test
    void invariantIsConservedBySolver() {
        Solution s = new OdeSimulator(new LotkaVolterra()).solve(TRUTH, SyntheticData.times(0, 1, 21));
        double v0 = LotkaVolterra.invariant(TRUTH, TRUTH[4], TRUTH[5]);
        for (int k = 0; k < s.size(); k++) {
            assertEquals(v0, LotkaVolterra.invariant(TRUTH, s.value(k, 0), s.value(k, 1)), 1e-7 * Math.abs(v0));
        }
    }

    @Test
    void recoversWithoutNoise() {
        ModelChecks.assertRecovers(new LotkaVolterra(), TRUTH, TIMES, List.of("hare", "lynx"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new LotkaVolterra(), TRUTH, TIMES, List.of("hare", "lynx"), 0.1, 1.0);
    }

    @Test
    void modelFileRecoversToo() {
        ModelChecks.assertRecovers(ModelChecks.file("lotka-volterra.model"), TRUTH, TIMES, List.of("hare", "lynx"), 0.1);
    }
}
