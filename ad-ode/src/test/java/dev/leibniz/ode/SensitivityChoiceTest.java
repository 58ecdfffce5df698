package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.ode.testset.StiffTestSet;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The rule of {@link SensitivityMethod#AUTO} ({@code Ode.choose}): the discrete adjoint for every
 * method, at 6 lanes (Robertson, 3 log rates) as at 20 (POLLU's initial states), except the
 * order-2 Rosenbrock method at up to 8 lanes, where forward sensitivities were measured cheaper. Regression: RADAU5 used to get forward sensitivities at any size
 * (12x the discrete adjoint's time on POLLU), Rodas the continuous adjoint above 8 lanes.
 */
class SensitivityChoiceTest {

    @ParameterizedTest
    @EnumSource(Method.class)
    void everyMethodGetsItsCheapestExactGradient(Method m) {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m);
        SensitivityMethod small = Ode.choose(new Setup(RodasGradientTest.logRobertson(), RodasGradientTest.THETA,
                RodasGradientTest.TIMES, o));
        SensitivityMethod large = Ode.choose(new Setup(StiffTestSet.pollution().problem(), new double[0],
                new double[] {1, 10}, o));
        if (m == Method.ROSENBROCK) {
            assertEquals(SensitivityMethod.FORWARD, small);
            assertEquals(SensitivityMethod.DISCRETE_ADJOINT, large);
        } else {
            assertEquals(SensitivityMethod.DISCRETE_ADJOINT, small);
            assertEquals(SensitivityMethod.DISCRETE_ADJOINT, large);
        }
    }
}
