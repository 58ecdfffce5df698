package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The discrete adjoint of every registered explicit method against central differences of the
 * solver itself. With a step sequence that does not depend on p, the computed loss is a smooth
 * function of p and the discrete adjoint is its exact gradient, so the two agree to the
 * differences' own accuracy (~1e-8 relative). The adaptive methods are made to take constant
 * steps (initial step = maximum step, a tolerance every step meets), so that outputs between
 * steps come from the dense output and its adjoint branch is checked exactly too.
 */
class DiscreteAdjointTest {
    /** Output times off the step grid, two of them equal, and one at the start. */
    private static final double[] TIMES = {0, 0.93, 2.5, 2.5, 4.04, 7.77, 10};
    private static final TrajectoryLoss LOSS = TrajectoryLoss.sumOfSquares(Problems.lvData(TIMES));

    static Stream<Method> explicitMethods() {
        return Stream.of(Method.values()).filter(Method::isExplicit);
    }

    /** Constant steps of 0.05 for every explicit method. */
    private static SolverOptions constantSteps(Method m) {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withStep(0.05);
        // a tolerance no step violates: the controller always proposes more than maxStep
        return m.isAdaptive() ? o.withTolerances(1.0, 1e6).withInitialStep(0.05).withMaxStep(0.05) : o;
    }

    private static double loss(double[] p, SolverOptions o) {
        Solution s = Ode.solve(Problems.lotkaVolterra(), p, TIMES, o);
        return LOSS.evaluate(TIMES, s.states(), p, new double[TIMES.length][2], new double[p.length]);
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void isTheExactGradientOfTheComputedSolution(Method m) {
        SolverOptions o = constantSteps(m);
        double[] p = Problems.LV_PARAMS;
        LossGradient g = Ode.gradient(Problems.lotkaVolterra(), p, TIMES, LOSS, SensitivityMethod.DISCRETE_ADJOINT, o);
        assertEquals(loss(p, o), g.value(), 0.0, "the adjoint's loss is the plain solve's, bit for bit");
        if (m.isAdaptive()) {
            assertEquals(0, g.statistics().rejectedSteps(), "constant steps: nothing rejected");
        }
        double[] fd = Problems.centralDifference(q -> loss(q, o), p, 1e-6);
        Problems.assertClose(fd, g.gradient(), 1e-7, m + " discrete adjoint vs differences of the " + m + " solution");
        double[] fdY0 = Problems.centralDifference(y0 -> {
            OdeProblem pr = OdeProblem.of(Problems.lotkaVolterra().rhs(), new String[] {"hare", "lynx"},
                    new String[] {"alpha", "beta", "gamma", "delta"}, 0.0, y0);
            Solution s = Ode.solve(pr, p, TIMES, o);
            return LOSS.evaluate(TIMES, s.states(), p, new double[TIMES.length][2], new double[4]);
        }, Problems.LV_Y0, 1e-6);
        Problems.assertClose(fdY0, g.initialStateGradient(), 1e-7, m + " dL/dy0");
    }

    @ParameterizedTest
    @MethodSource("explicitMethods")
    void agreesWithForwardSensitivitiesAndTheContinuousAdjointWhenAdaptive(Method m) {
        if (!m.isAdaptive()) {
            return;
        }
        // with real step control all three differentiate (nearly) the same solution
        SolverOptions o = SolverOptions.DEFAULT.withMethod(m).withTolerances(1e-9, 1e-9);
        double[] p = Problems.LV_PARAMS;
        double[] fd = Problems.centralDifference(q -> loss(q, SolverOptions.DEFAULT.withTolerances(1e-12, 1e-12)), p,
                1e-5);
        for (SensitivityMethod s : new SensitivityMethod[] {SensitivityMethod.FORWARD,
            SensitivityMethod.DISCRETE_ADJOINT, SensitivityMethod.CONTINUOUS_ADJOINT}) {
            LossGradient g = Ode.gradient(Problems.lotkaVolterra(), p, TIMES, LOSS, s, o);
            Problems.assertClose(fd, g.gradient(), 1e-6, m + " " + s);
        }
    }
}
