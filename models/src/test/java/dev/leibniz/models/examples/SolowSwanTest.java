package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class SolowSwanTest {
    static final double[] TRUTH = {0.25, 0.35, 0.06, 0.8};
    static final double[] TIMES = SyntheticData.times(2, 2, 40);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new SolowSwan(), ModelChecks.file("solow-swan.model"), 4);
    }

    @Test
    void solverMatchesClosedFormAndApproachesSteadyState() {
        Solution s = new OdeSimulator(new SolowSwan()).solve(TRUTH, TIMES);
        for (int k = 0; k < s.size(); k++) {
            double exact = SolowSwan.closedForm(TRUTH, TIMES[k]);
            assertEquals(exact, s.value(k, 0), 1e-9 * exact, "t = " + TIMES[k]);
        }
        Solution late = new OdeSimulator(new SolowSwan()).solve(TRUTH, new double[] {2000});
        assertEquals(SolowSwan.steadyState(TRUTH), late.value(0, 0), 1e-8 * SolowSwan.steadyState(TRUTH));
    }

    @Test
    void recoversFromCapitalAndOutputWithoutNoise() {
        ModelChecks.assertRecovers(new SolowSwan(), TRUTH, TIMES, List.of("k", "y"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new SolowSwan(), TRUTH, TIMES, List.of("k", "y"), 0.1, 0.01);
    }
}
