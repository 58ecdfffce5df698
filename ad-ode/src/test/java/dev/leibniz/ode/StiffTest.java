package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/** Robertson's chemical kinetics: stiff, solved by the Rosenbrock method. */
class StiffTest {
    static final double[] RATES = {0.04, 3e7, 1e4};

    static OdeProblem robertson() {
        return OdeProblem.builder().states("y1", "y2", "y3").parameters("k1", "k2", "k3")
                .rhs((t, y, p) -> {
                    Var r1 = p[0].mul(y[0]);
                    Var r2 = p[1].mul(y[1].square());
                    Var r3 = p[2].mul(y[1]).mul(y[2]);
                    return new Var[] {r3.sub(r1), r1.sub(r3).sub(r2), r2};
                })
                .initial(1, 0, 0).build();
    }

    static double[] hipparchusRobertson(double t) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 3;
            }

            public double[] computeDerivatives(double tt, double[] y) {
                double r1 = 0.04 * y[0];
                double r2 = 3e7 * y[1] * y[1];
                double r3 = 1e4 * y[1] * y[2];
                return new double[] {r3 - r1, r1 - r3 - r2, r2};
            }
        };
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-14, 10, 1e-14, 1e-10);
        return dp.integrate(ode, new ODEState(0, new double[] {1, 0, 0}), t).getPrimaryState();
    }

    private static final SolverOptions ROS = SolverOptions.DEFAULT.withMethod(Method.ROSENBROCK).withTolerances(1e-6, 1e-10);

    @Test
    void robertsonMatchesHipparchusAtTheEnd() {
        Solution s = Ode.solve(robertson(), RATES, new double[] {40}, ROS);
        double[] ref = hipparchusRobertson(40);
        Solution explicit = Ode.solve(robertson(), RATES, new double[] {40},
                SolverOptions.DEFAULT.withMethod(Method.DOPRI5).withTolerances(1e-6, 1e-10));
        System.out.println("Robertson [0, 40] by Rosenbrock: " + s.statistics() + "; by DOPRI5: "
                + explicit.statistics());
        assertTrue(explicit.statistics().steps() > 10 * s.statistics().steps());
        for (int i = 0; i < 3; i++) {
            assertEquals(ref[i], s.value(0, i), 1e-4 * Math.abs(ref[i]), "y" + (i + 1));
        }
        assertEquals(1.0, s.value(0, 0) + s.value(0, 1) + s.value(0, 2), 1e-9, "mass is conserved");
    }

    @Test
    void explicitMethodNeedsOrdersOfMagnitudeMoreSteps() {
        double[] times = {1e4};
        Solution s = Ode.solve(robertson(), RATES, times, ROS);
        int implicitSteps = s.statistics().steps();
        System.out.println("Robertson [0, 1e4] by Rosenbrock: " + s.statistics());
        int budget = 100 * implicitSteps;
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(robertson(), RATES, times,
                SolverOptions.DEFAULT.withMethod(Method.DOPRI5).withTolerances(1e-6, 1e-10).withMaxSteps(budget)));
        System.out.println("DOPRI5 with " + budget + " step attempts: " + e.getMessage());
        assertEquals(OdeException.Reason.TOO_MANY_STEPS, e.reason());
        assertTrue(e.time() < 1e4 && e.time() > 0);
    }

    /** L = y1(4) + 1e4 y2(1) + y3(0.5). */
    private static final TrajectoryLoss LOSS = (times, states, params, dStates, dParams) -> {
        dStates[2][0] = 1;
        dStates[1][1] = 1e4;
        dStates[0][2] = 1;
        return states[2][0] + 1e4 * states[1][1] + states[0][2];
    };

    @Test
    void stiffSensitivitiesAgreeWithFiniteDifferences() {
        double[] times = {0.5, 1, 4};
        SolverOptions o = ROS.withTolerances(1e-8, 1e-12);
        SolverOptions fine = ROS.withTolerances(1e-10, 1e-14);
        double[] fd = Problems.centralDifference(p -> {
            double[][] y = Ode.solve(robertson(), p, times, fine).states();
            return y[2][0] + 1e4 * y[1][1] + y[0][2];
        }, RATES, 1e-4);
        for (SensitivityMethod m : new SensitivityMethod[] {SensitivityMethod.FORWARD, SensitivityMethod.CONTINUOUS_ADJOINT,
            SensitivityMethod.DISCRETE_ADJOINT}) {
            LossGradient g = Ode.gradient(robertson(), RATES, times, LOSS, m, o);
            System.out.println("Robertson " + m + ": " + java.util.Arrays.toString(g.gradient()) + " fd "
                    + java.util.Arrays.toString(fd) + "; " + g.statistics());
            Problems.assertClose(fd, g.gradient(), 1e-4, m.name());
        }
    }

    /** Van der Pol x'' − μ(1 − x²)x' + x = 0 with μ = 1000, as a first-order system. */
    static OdeProblem vanDerPol() {
        return OdeProblem.builder().states("x", "v").parameters("mu")
                .rhs((t, y, p) -> new Var[] {y[1],
                    p[0].mul(y[0].square().neg().add(1)).mul(y[1]).sub(y[0])})
                .initial(2, 0).build();
    }

    @Test
    void vanDerPolRelaxationPeriodMatchesTheAsymptoticFormula() {
        double mu = 1000;
        double[] times = Problems.linspace(0, 3500, 3501);
        Solution s = Ode.solve(vanDerPol(), new double[] {mu}, times, ROS.withTolerances(1e-6, 1e-6));
        System.out.println("van der Pol mu = 1000 on [0, 3500] by Rosenbrock: " + s.statistics());
        // downward zero crossings of x, one period apart
        java.util.List<Double> crossings = new java.util.ArrayList<>();
        for (int k = 1; k < times.length; k++) {
            double a = s.value(k - 1, 0);
            double b = s.value(k, 0);
            if (a > 0 && b <= 0) {
                crossings.add(times[k - 1] + (times[k] - times[k - 1]) * a / (a - b));
            }
        }
        assertEquals(2, crossings.size(), crossings.toString());
        double period = crossings.get(1) - crossings.get(0);
        // T = (3 − 2 ln 2) μ + 7.014 μ^(−1/3) + O(ln μ / μ) (Dorodnitsyn 1947)
        double asymptotic = (3 - 2 * Math.log(2)) * mu + 7.014 * Math.pow(mu, -1.0 / 3);
        assertEquals(asymptotic, period, 1e-3 * asymptotic, "period");
        int budget = 100 * s.statistics().steps();
        OdeException e = assertThrows(OdeException.class, () -> Ode.solve(vanDerPol(), new double[] {mu}, times,
                SolverOptions.DEFAULT.withMethod(Method.DOPRI5).withTolerances(1e-6, 1e-6).withMaxSteps(budget)));
        assertEquals(OdeException.Reason.TOO_MANY_STEPS, e.reason());
        System.out.println("DOPRI5 with " + budget + " step attempts stops at t = " + e.time());
    }
}
