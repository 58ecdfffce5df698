package dev.leibniz.ode;

import dev.leibniz.ode.testset.StiffTestSet;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * {@link Method#AUTO}: DOPRI5 on a non-stiff problem, step for step; a switch to Rodas5P where a
 * problem turns stiff, reported per method; gradients through the switch.
 */
class AutoSwitchTest {
    @Test
    void nonStiffProblemTakesExactlyDormandPrincesSteps() {
        double[] times = Problems.linspace(0, 20, 11);
        Solution a = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                SolverOptions.DEFAULT.withMethod(Method.AUTO));
        Solution d = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                SolverOptions.DEFAULT.withMethod(Method.DOPRI5));
        assertEquals(Map.of("dopri5", d.statistics().steps()), a.statistics().stepsByMethod());
        for (int k = 0; k < times.length; k++) {
            assertEquals(d.value(k, 0), a.value(k, 0), 0.0);
            assertEquals(d.value(k, 1), a.value(k, 1), 0.0);
        }
        assertTrue(d.statistics().stepsByMethod().isEmpty());
    }

    /**
     * The discrete adjoint differentiates AUTO's steps as DOPRI5's while it stays explicit (bit for
     * bit), and through the switch on a stiff problem (see SwitchAdjointTest for its accuracy).
     */
    @Test
    void discreteAdjointWhileExplicitAndAfterTheSwitch() {
        double[] times = Problems.linspace(0, 20, 21);
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(Problems.lvData(times));
        LossGradient a = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss,
                SensitivityMethod.DISCRETE_ADJOINT, SolverOptions.DEFAULT.withMethod(Method.AUTO));
        LossGradient d = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, times, loss,
                SensitivityMethod.DISCRETE_ADJOINT, SolverOptions.DEFAULT.withMethod(Method.DOPRI5));
        org.junit.jupiter.api.Assertions.assertArrayEquals(d.gradient(), a.gradient(), 0.0);
        LossGradient r = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, RodasGradientTest.TIMES,
                RodasGradientTest.LOSS, SensitivityMethod.DISCRETE_ADJOINT, SolverOptions.DEFAULT.withMethod(Method.AUTO));
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, r.method());
        assertTrue(r.statistics().stepsByMethod().getOrDefault("rodas5p", 0) > 0, r.statistics().toString());
    }

    /** Robertson: the fast transient is non-stiff for a few steps, then the explicit steps hit the stability limit. */
    @Test
    void robertsonSwitchesToRodas5pAndReportsBoth() {
        Solution s = Ode.solve(StiffTest.robertson(), StiffTest.RATES, new double[] {40},
                SolverOptions.DEFAULT.withMethod(Method.AUTO).withTolerances(1e-6, 1e-10));
        Map<String, Integer> by = s.statistics().stepsByMethod();
        System.out.println("Robertson [0, 40] by auto: " + s.statistics());
        assertEquals(s.statistics().steps(), by.get("dopri5") + by.get("rodas5p"));
        assertTrue(by.get("dopri5") >= 15, "the test needs 15 stiff explicit steps: " + by);
        assertTrue(s.statistics().toString().contains("(dopri5 " + by.get("dopri5") + ", rodas5p " + by.get("rodas5p")
                + ")"), s.statistics().toString());
        double[] ref = StiffTest.hipparchusRobertson(40);
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], s.value(0, i), 1e-4 * Math.abs(ref[i]), "y" + (i + 1));
        }
    }

    /** Forward sensitivities and the continuous adjoint through the switch agree with each other and with differences. */
    @Test
    void gradientsThroughTheSwitch() {
        SolverOptions o = SolverOptions.DEFAULT.withMethod(Method.AUTO).withTolerances(1e-10, 1e-14);
        double[] times = RodasGradientTest.TIMES;
        LossGradient fwd = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.FORWARD, o);
        LossGradient adj = Ode.gradient(RodasGradientTest.logRobertson(), RodasGradientTest.THETA, times,
                RodasGradientTest.LOSS, SensitivityMethod.CONTINUOUS_ADJOINT, o);
        System.out.println("auto: forward " + fwd.statistics() + "; adjoint " + adj.statistics());
        Problems.assertClose(fwd.gradient(), adj.gradient(), 1e-6, "forward vs adjoint through the switch");
        double[] fd = Problems.centralDifference(th -> {
            // the oracle names the stiff method: at 1e-12 the stiffness test misses the switch (see AutoSwitch)
            double[][] y = Ode.solve(RodasGradientTest.logRobertson(), th, times,
                    o.withMethod(Method.RODAS5P).withTolerances(1e-12, 1e-16)).states();
            return RodasGradientTest.LOSS.evaluate(times, y, th, new double[y.length][3], new double[3]);
        }, RodasGradientTest.THETA, 1e-5);
        Problems.assertClose(fd, fwd.gradient(), 1e-5, "forward vs central differences");
    }

    /**
     * SensitivityMethod.AUTO with the auto method on a problem with more than 8 lanes: the discrete
     * adjoint, also when the forward pass switched (POLLU, 20 states), with the gradient that
     * forward sensitivities give.
     */
    @Test
    void automaticSensitivityKeepsTheDiscreteAdjointThroughTheSwitch() {
        StiffTestSet p = StiffTestSet.pollution();
        double[] times = {1, 10};
        TrajectoryLoss loss = (ts, states, params, dStates, dParams) -> {
            double l = 0;
            for (int k = 0; k < ts.length; k++) {
                for (int i = 0; i < states[k].length; i++) {
                    l += states[k][i] * states[k][i];
                    dStates[k][i] = 2 * states[k][i];
                }
            }
            return l;
        };
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-9, 1e-12);
        assertEquals(Method.AUTO, o.method());
        LossGradient auto = Ode.gradient(p.problem(), new double[0], times, loss, SensitivityMethod.AUTO, o);
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, auto.method());
        assertTrue(auto.solution().statistics().stepsByMethod().getOrDefault("rodas5p", 0) > 0);
        LossGradient fwd = Ode.gradient(p.problem(), new double[0], times, loss, SensitivityMethod.FORWARD, o);
        Problems.assertClose(fwd.initialStateGradient(), auto.initialStateGradient(), 1e-5, "adjoint vs forward");
        // a non-stiff problem keeps the exact discrete adjoint
        double[] lvTimes = Problems.linspace(0, 20, 21);
        LossGradient lv = Ode.gradient(Problems.lotkaVolterra(), Problems.LV_PARAMS, lvTimes,
                TrajectoryLoss.sumOfSquares(Problems.lvData(lvTimes)), SensitivityMethod.AUTO, o);
        assertEquals(SensitivityMethod.DISCRETE_ADJOINT, lv.method());
    }
}
