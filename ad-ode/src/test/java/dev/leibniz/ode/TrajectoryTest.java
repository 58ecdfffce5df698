package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** Trajectories against Hipparchus's DormandPrince853Integrator and against closed forms. */
class TrajectoryTest {
    private static double[] hipparchus(OrdinaryDifferentialEquation ode, double t0, double[] y0, double t) {
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 10, 1e-13, 1e-13);
        if (t == t0) {
            return y0.clone();
        }
        ODEStateAndDerivative s = dp.integrate(ode, new ODEState(t0, y0), t);
        return s.getPrimaryState();
    }

    @Test
    void lotkaVolterraMatchesDormandPrince853() {
        double[] times = Problems.linspace(0, 20, 41);
        Solution sol = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                SolverOptions.DEFAULT.withTolerances(1e-10, 1e-10));
        OrdinaryDifferentialEquation lv = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 2;
            }

            public double[] computeDerivatives(double t, double[] y) {
                return Problems.lvRhs(y, Problems.LV_PARAMS);
            }
        };
        for (int k = 0; k < times.length; k++) {
            double[] ref = hipparchus(lv, 0, Problems.LV_Y0, times[k]);
            for (int i = 0; i < 2; i++) {
                assertEquals(ref[i], sol.value(k, i), 1e-7 * Math.abs(ref[i]), "t = " + times[k] + " state " + i);
            }
        }
        assertTrue(sol.statistics().steps() > 10);
    }

    @Test
    void nonAutonomousForcedOscillatorMatchesDormandPrince853() {
        // x'' + 0.3 x' + x = cos(1.7 t), with t read by the graph
        OdeProblem forced = OdeProblem.builder().states("x", "v").parameters("c", "w")
                .rhs((t, y, p) -> new Var[] {y[1], t.mul(p[1]).cos().sub(y[0]).sub(p[0].mul(y[1]))})
                .initial(1, 0).startTime(0.5).build();
        double[] params = {0.3, 1.7};
        double[] times = {0.5, 1, 2.25, 7, 7, 13.5};
        Solution sol = Ode.solve(forced, params, times, SolverOptions.DEFAULT.withTolerances(1e-10, 1e-12));
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 2;
            }

            public double[] computeDerivatives(double t, double[] y) {
                return new double[] {y[1], Math.cos(1.7 * t) - y[0] - 0.3 * y[1]};
            }
        };
        for (int k = 0; k < times.length; k++) {
            double[] ref = hipparchus(ode, 0.5, new double[] {1, 0}, times[k]);
            assertEquals(ref[0], sol.value(k, "x"), 1e-8, "x at " + times[k]);
            assertEquals(ref[1], sol.value(k, "v"), 1e-8, "v at " + times[k]);
        }
    }

    @Test
    void denseOutputIsAccurateBetweenSteps() {
        // output far denser than the steps: every value interpolated, checked against the closed form
        double[] times = Problems.linspace(0, 5, 501);
        Solution sol = Ode.solve(Problems.decay(), new double[] {0.8, 3.0}, times,
                SolverOptions.DEFAULT.withTolerances(1e-9, 1e-12));
        assertTrue(sol.statistics().steps() < 100, "steps " + sol.statistics().steps());
        for (int k = 0; k < times.length; k++) {
            assertEquals(3.0 * Math.exp(-0.8 * times[k]), sol.value(k, 0), 1e-8);
        }
    }

    @Test
    void fixedStepMethodsConvergeAtTheirOrder() {
        double exact = 3.0 * Math.exp(-0.8 * 2.0);
        double[] params = {0.8, 3.0};
        double[] times = {2.0};
        double e1 = err(Method.EULER, 0.01, params, times, exact);
        double e2 = err(Method.EULER, 0.005, params, times, exact);
        assertEquals(2.0, e1 / e2, 0.05, "Euler is first order");
        double r1 = err(Method.RK4, 0.1, params, times, exact);
        double r2 = err(Method.RK4, 0.05, params, times, exact);
        assertEquals(16.0, r1 / r2, 0.8, "RK4 is fourth order");
    }

    private static double err(Method m, double h, double[] params, double[] times, double exact) {
        Solution s = Ode.solve(Problems.decay(), params, times, SolverOptions.DEFAULT.withMethod(m).withStep(h));
        return Math.abs(s.value(0, 0) - exact);
    }

    @Test
    void fixedStepsLandOnOutputTimes() {
        // h does not divide the output times; every output must still be an RK4 value, close to exact
        double[] times = {0.33, 1.0, 1.7};
        Solution s = Ode.solve(Problems.decay(), new double[] {0.8, 3.0}, times,
                SolverOptions.DEFAULT.withMethod(Method.RK4).withStep(0.01));
        for (int k = 0; k < times.length; k++) {
            assertEquals(3.0 * Math.exp(-0.8 * times[k]), s.value(k, 0), 1e-9);
        }
    }

    @Test
    void butcherTableauxAreConsistent() {
        for (ButcherTableau t : new ButcherTableau[] {ButcherTableau.EULER, ButcherTableau.RK4, ButcherTableau.DOPRI5}) {
            double sb = 0;
            for (double b : t.b()) {
                sb += b;
            }
            assertEquals(1.0, sb, 1e-15, t.name());
            for (int i = 0; i < t.stages(); i++) {
                double row = 0;
                for (double a : t.a()[i]) {
                    row += a;
                }
                assertEquals(t.c()[i], row, 1e-14, t.name() + " row " + i);
            }
        }
        double[] w = new double[7];
        ButcherTableau.DOPRI5.denseWeights(1.0, w);
        for (int i = 0; i < 7; i++) {
            assertEquals(ButcherTableau.DOPRI5.b()[i], w[i], 1e-14);
        }
        double se = 0;
        for (double e : ButcherTableau.DOPRI5.errorWeights()) {
            se += e;
        }
        assertEquals(0.0, se, 1e-15);
    }
}
