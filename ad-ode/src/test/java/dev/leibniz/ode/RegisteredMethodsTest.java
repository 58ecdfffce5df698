package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Var;
import java.util.Arrays;
import java.util.stream.Stream;
import org.hipparchus.ode.ODEIntegrator;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ButcherArrayProvider;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54Integrator;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.hipparchus.ode.nonstiff.EulerIntegrator;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The registry against Hipparchus (test scope): the tables Hipparchus also has are the same
 * numbers; the fixed-step methods take the same steps as Hipparchus's; every adaptive method,
 * including the ones Hipparchus does not have (Bogacki–Shampine, Tsitouras), solves nonlinear
 * problems to the accuracy its tolerance asks, against Hipparchus's Dormand–Prince 8(5,3) at
 * 1e-13. And the registry's names and properties are what the solver uses.
 */
class RegisteredMethodsTest {
    static Stream<Method> adaptiveExplicitMethods() {
        return Stream.of(Method.values()).filter(m -> m.isExplicit() && m.isAdaptive());
    }

    private static final OrdinaryDifferentialEquation LOTKA_VOLTERRA = new OrdinaryDifferentialEquation() {
        public int getDimension() {
            return 2;
        }

        public double[] computeDerivatives(double t, double[] y) {
            return Problems.lvRhs(y, Problems.LV_PARAMS);
        }
    };

    /** Forced Duffing oscillator x'' + 0.2 x' − x + x³ = 0.3 cos(1.2 t): nonlinear and non-autonomous. */
    private static final OdeProblem DUFFING = OdeProblem.builder().states("x", "v").parameters("d", "g", "w")
            .rhs((t, y, p) -> new Var[] {y[1],
                t.mul(p[2]).cos().mul(p[1]).sub(p[0].mul(y[1])).add(y[0]).sub(y[0].mul(y[0]).mul(y[0]))})
            .initial(0.5, 0).build();
    private static final double[] DUFFING_PARAMS = {0.2, 0.3, 1.2};

    private static final OrdinaryDifferentialEquation DUFFING_HIPPARCHUS = new OrdinaryDifferentialEquation() {
        public int getDimension() {
            return 2;
        }

        public double[] computeDerivatives(double t, double[] y) {
            return new double[] {y[1], 0.3 * Math.cos(1.2 * t) - 0.2 * y[1] + y[0] - y[0] * y[0] * y[0]};
        }
    };

    private static double[] reference(ODEIntegrator integrator, OrdinaryDifferentialEquation ode, double[] y0,
                                      double t) {
        return t == 0 ? y0.clone() : integrator.integrate(ode, new ODEState(0, y0), t).getPrimaryState();
    }

    private static DormandPrince853Integrator tight() {
        return new DormandPrince853Integrator(1e-12, 10, 1e-13, 1e-13);
    }

    @Test
    void tablesHipparchusAlsoHasAreTheSameNumbers() {
        assertSameTable(ButcherTableau.EULER, new EulerIntegrator(0.1));
        assertSameTable(ButcherTableau.RK4, new ClassicalRungeKuttaIntegrator(0.1));
        assertSameTable(ButcherTableau.DOPRI5, new DormandPrince54Integrator(1e-6, 1, 1e-6, 1e-6));
    }

    /** Hipparchus leaves out the first node (0) and the first, empty row of a. */
    private static void assertSameTable(ButcherTableau t, ButcherArrayProvider h) {
        double[] c = Arrays.copyOfRange(t.c(), 1, t.stages());
        assertArrayEquals(h.getC(), c, 1e-16, t.name() + " c");
        for (int i = 1; i < t.stages(); i++) {
            assertArrayEquals(h.getA()[i - 1], t.a()[i], 1e-16, t.name() + " row " + i + " of a");
        }
        assertArrayEquals(h.getB(), t.b(), 1e-16, t.name() + " b");
    }

    @Test
    void fixedStepMethodsTakeHipparchussStepsOnLotkaVolterra() {
        double[] times = {0, 1, 2.5, 7, 20};
        for (Method m : new Method[] {Method.EULER, Method.RK4}) {
            Solution s = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                    SolverOptions.DEFAULT.withMethod(m).withStep(0.05));
            ODEIntegrator h = m == Method.EULER ? new EulerIntegrator(0.05) : new ClassicalRungeKuttaIntegrator(0.05);
            for (int k = 0; k < times.length; k++) {
                double[] ref = reference(h, LOTKA_VOLTERRA, Problems.LV_Y0, times[k]);
                for (int i = 0; i < 2; i++) {
                    // the same arithmetic up to the last steps' lengths (each lands on an output time)
                    assertEquals(ref[i], s.value(k, i), 1e-11 * Math.abs(ref[i]), m + " at t = " + times[k]);
                }
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adaptiveExplicitMethods")
    void adaptiveMethodsSolveLotkaVolterraToTheirTolerance(Method m) {
        double[] times = Problems.linspace(0, 20, 41); // most outputs inside steps: dense output
        Solution sol = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times,
                SolverOptions.DEFAULT.withMethod(m).withTolerances(1e-10, 1e-10));
        assertEquals(m, sol.method());
        for (int k = 0; k < times.length; k++) {
            double[] ref = reference(tight(), LOTKA_VOLTERRA, Problems.LV_Y0, times[k]);
            for (int i = 0; i < 2; i++) {
                assertEquals(ref[i], sol.value(k, i), 1e-7 * Math.abs(ref[i]), m + " at t = " + times[k] + " state " + i);
            }
        }
    }

    @ParameterizedTest
    @MethodSource("adaptiveExplicitMethods")
    void adaptiveMethodsSolveTheForcedDuffingOscillator(Method m) {
        double[] times = {0, 0.7, 3, 6.25, 10};
        for (double rtol : new double[] {1e-6, 1e-9}) {
            Solution sol = Ode.solve(DUFFING, DUFFING_PARAMS, times,
                    SolverOptions.DEFAULT.withMethod(m).withTolerances(rtol, rtol));
            double worst = 0;
            for (int k = 0; k < times.length; k++) {
                double[] ref = reference(tight(), DUFFING_HIPPARCHUS, new double[] {0.5, 0}, times[k]);
                worst = Math.max(worst, Math.max(Math.abs(ref[0] - sol.value(k, 0)), Math.abs(ref[1] - sol.value(k, 1))));
            }
            // global error within two orders of magnitude of the local tolerance over 10 time units
            assertTrue(worst < 100 * rtol, m + " at rtol " + rtol + ": error " + worst);
        }
    }

    @Test
    void namesAreTheLowerCaseConstantsAndAreFoundIgnoringCase() {
        assertEquals(Arrays.stream(Method.values()).map(m -> m.name().toLowerCase(java.util.Locale.ROOT)).toList(),
                Method.names());
        for (Method m : Method.values()) {
            assertEquals(m, Method.byName(m.id()));
            assertEquals(m, Method.byName(" " + m.name() + " "));
        }
        assertEquals(Method.RK4, Method.byName("Rk4"));
        OdeException e = assertThrows(OdeException.class, () -> Method.byName("rk45"));
        assertTrue(e.getMessage().contains("'rk45'") && e.getMessage().contains(String.join(", ", Method.names())),
                e.getMessage());
        assertThrows(OdeException.class, () -> Method.byName(null));
    }

    @Test
    void propertiesComeFromTheMethod() {
        for (Method m : Method.values()) {
            assertEquals(m.isExplicit(), !m.forStiffProblems(), m + ": the explicit methods are the non-stiff ones here");
            if (m.isExplicit()) {
                assertEquals(m.tableau().order(), m.order());
                assertEquals(m.tableau().hasErrorEstimate(), m.isAdaptive());
            } else {
                OdeException e = assertThrows(OdeException.class, m::tableau);
                assertTrue(e.getMessage().contains(m.id()), e.getMessage());
            }
            assertTrue(!m.summary().isBlank());
        }
        assertEquals(java.util.List.of(Method.ROSENBROCK, Method.RODAS5P, Method.RODAS4, Method.RADAU5, Method.AUTO), Method.stiffMethods());
        assertEquals(2, Method.ROSENBROCK.order());
        assertEquals(5, Method.RODAS5P.order());
        assertEquals(4, Method.RODAS5P.errorOrder());
        assertEquals(4, Method.RODAS4.order());
        assertTrue(Method.ROSENBROCK.isAdaptive());
    }
}
