package dev.leibniz.models.examples;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.calibration.SyntheticData;
import dev.leibniz.ode.Solution;
import java.util.List;
import org.junit.jupiter.api.Test;

class DampedOscillatorTest {
    static final double[] TRUTH = {2.5, 0.15, 1.2, -0.4};
    static final double[] TIMES = SyntheticData.times(0.25, 0.25, 40);

    @Test
    void fileAndJavaAgree() {
        ModelChecks.assertSameModel(new DampedOscillator(), ModelChecks.file("damped-oscillator.model"), 3);
    }

    @Test
    void solverMatchesClosedForm() {
        Solution s = new OdeSimulator(new DampedOscillator()).solve(TRUTH, TIMES);
        for (int k = 0; k < s.size(); k++) {
            assertEquals(DampedOscillator.closedForm(TRUTH, TIMES[k]), s.value(k, 0), 1e-9, "t = " + TIMES[k]);
        }
        Solution f = new OdeSimulator(ModelChecks.file("damped-oscillator.model")).solve(TRUTH, TIMES);
        assertEquals(DampedOscillator.closedForm(TRUTH, 10.0), f.value(TIMES.length - 1, 0), 1e-9);
    }

    @Test
    void recoversFromPositionsWithoutNoise() {
        ModelChecks.assertRecovers(new DampedOscillator(), TRUTH, TIMES, List.of("x"), 0.1);
    }

    @Test
    void recoversWithNoise() {
        ModelChecks.assertRecoversWithNoise(new DampedOscillator(), TRUTH, TIMES, List.of("x"), 0.1, 0.02);
    }
}
