package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.LaneJvpGraph;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.ode.internal.RhsCode;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.OrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * Forward sensitivities of a hot problem run as compiled k-lane code (the lane JVP graph of f,
 * {@code RhsCode.sensitivityCodeForNextSolve}). Oracles: the interpreted numeric lanes of a cold
 * copy of the problem (bit for bit, tolerance 0), the discrete adjoint, central differences of
 * the loss by plain solves, and central differences through Hipparchus' Dormand–Prince 8(5,3)
 * integrating a hand-written right-hand side — on Lotka–Volterra and on a three-state problem
 * with five parameters, explicit t and transcendental terms.
 */
class CompiledSensitivityTest {
    private static final double[] LV_TIMES = Problems.linspace(0, 20, 21);
    private static final double[] TIMES3 = Problems.linspace(0, 5, 11);
    private static final double[] P3 = {0.8, 0.6, 0.4, 0.3, 2.0};
    private static final double[] Y3 = {1.0, 0.5, 0.3};

    /**
     * a' = −k1 a + k3 b c + 0.1 sin(w t), b' = k1 a − k2 b² − k3 b c,
     * c' = (k2 b² + s e^(−c)) / (a + 2) + k3 √c.
     */
    static OdeProblem threeStates() {
        return OdeProblem.builder()
                .states("a", "b", "c")
                .parameters("k1", "k2", "k3", "s", "w")
                .rhs((t, y, p) -> new Var[] {
                    p[0].neg().mul(y[0]).add(p[2].mul(y[1]).mul(y[2])).add(p[4].mul(t).sin().mul(0.1)),
                    p[0].mul(y[0]).sub(p[1].mul(y[1].pow(2))).sub(p[2].mul(y[1]).mul(y[2])),
                    p[1].mul(y[1].pow(2)).add(p[3].mul(y[2].neg().exp())).div(y[0].add(2.0))
                            .add(p[2].mul(y[2].sqrt()))})
                .initial(Y3)
                .build();
    }

    /** The same right-hand side, hand-written, for Hipparchus. */
    private static double[] threeStatesRhs(double t, double[] y, double[] p) {
        return new double[] {
            -p[0] * y[0] + p[2] * y[1] * y[2] + 0.1 * Math.sin(p[4] * t),
            p[0] * y[0] - p[1] * y[1] * y[1] - p[2] * y[1] * y[2],
            (p[1] * y[1] * y[1] + p[3] * Math.exp(-y[2])) / (y[0] + 2) + p[2] * Math.sqrt(y[2])};
    }

    private static double[][] data3() {
        double[][] d = new double[TIMES3.length][3];
        for (int k = 0; k < TIMES3.length; k++) {
            d[k][0] = 0.8 - 0.05 * TIMES3[k];
            d[k][1] = 0.4 + 0.02 * TIMES3[k];
            d[k][2] = 0.3 + 0.2 * TIMES3[k];
        }
        return d;
    }

    private static void assertSameBits(LossGradient a, LossGradient b, String what) {
        assertEquals(a.value(), b.value(), 0.0, what + " loss");
        assertArrayEquals(a.gradient(), b.gradient(), 0.0, what + " gradient");
        assertArrayEquals(a.initialStateGradient(), b.initialStateGradient(), 0.0, what + " dL/dy0");
        assertEquals(a.statistics().steps(), b.statistics().steps(), what + " steps");
    }

    private static void assertSameBits(Sensitivities a, Sensitivities b, int outputs) {
        for (int k = 0; k < outputs; k++) {
            assertArrayEquals(a.solution().state(k), b.solution().state(k), 0.0, "state " + k);
            double[][] pa = a.withRespectToParameters(k);
            double[][] pb = b.withRespectToParameters(k);
            double[][] ya = a.withRespectToInitialState(k);
            double[][] yb = b.withRespectToInitialState(k);
            for (int i = 0; i < pa.length; i++) {
                assertArrayEquals(pa[i], pb[i], 0.0, "dy/dp row " + i + " at output " + k);
                assertArrayEquals(ya[i], yb[i], 0.0, "dy/dy0 row " + i + " at output " + k);
            }
        }
    }

    private static OdeProblem hot(OdeProblem p) {
        p.rhsCode().compile();
        assertTrue(p.rhsCode().isCompiled());
        return p;
    }

    @Test
    void compiledLanesGiveTheInterpretedLanesBitsOnLotkaVolterra() {
        OdeProblem cold = Problems.lotkaVolterra();
        OdeProblem hot = hot(Problems.lotkaVolterra());
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(Problems.lvData(LV_TIMES));
        for (Method m : new Method[] {Method.AUTO, Method.DOPRI5, Method.RODAS5P}) {
            SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9).withMethod(m);
            assertSameBits(Ode.gradient(cold, Problems.LV_PARAMS, LV_TIMES, loss, SensitivityMethod.FORWARD, o),
                    Ode.gradient(hot, Problems.LV_PARAMS, LV_TIMES, loss, SensitivityMethod.FORWARD, o), m.name());
        }
        assertEquals(0, cold.rhsCode().compiledLaneLayouts(), "a cold problem keeps the numeric lanes");
        assertEquals(1, hot.rhsCode().compiledLaneLayouts(), "one layout: 4 parameters + 2 initial states");
    }

    @Test
    void compiledLanesGiveTheInterpretedLanesBitsOnThreeStatesAndFiveParameters() {
        OdeProblem cold = threeStates();
        OdeProblem hot = hot(threeStates());
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-8, 1e-10);
        assertSameBits(Ode.forwardSensitivities(cold, P3, TIMES3, o), Ode.forwardSensitivities(hot, P3, TIMES3, o),
                TIMES3.length);
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data3());
        for (Method m : new Method[] {Method.DOPRI5, Method.RODAS5P}) {
            SolverOptions om = o.withMethod(m);
            assertSameBits(Ode.gradient(cold, P3, TIMES3, loss, SensitivityMethod.FORWARD, om),
                    Ode.gradient(hot, P3, TIMES3, loss, SensitivityMethod.FORWARD, om), m.name());
        }
        assertEquals(1, hot.rhsCode().compiledLaneLayouts());
    }

    @Test
    void aStateTheRightHandSideDoesNotReadKeepsTheLaneByLaneCopy() {
        // x' = −k1 x, b' = k1 x, c' = k2 x − k3 c: b is read by no node, so f's state inputs are x
        // and c, not states 0…n−1 in order, and the compiled lanes read their inputs at places that
        // skip b's row of S (LV and threeStates read S as one block); both against the interpreted lanes
        java.util.function.Supplier<OdeProblem> make = () -> OdeProblem.builder()
                .states("x", "b", "c")
                .parameters("k1", "k2", "k3")
                .rhs((t, y, p) -> new Var[] {p[0].neg().mul(y[0]), p[0].mul(y[0]), p[1].mul(y[0]).sub(p[2].mul(y[2]))})
                .initial(1.0, 0.0, 0.5)
                .build();
        double[] p = {0.7, 0.4, 1.3};
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-8, 1e-10);
        Sensitivities cold = Ode.forwardSensitivities(make.get(), p, TIMES3, o);
        OdeProblem hot = hot(make.get());
        assertSameBits(cold, Ode.forwardSensitivities(hot, p, TIMES3, o), TIMES3.length);
        assertEquals(1, hot.rhsCode().compiledLaneLayouts());
        // closed form: x = e^(−k1 t), so ∂x/∂k1 = −t e^(−k1 t) and ∂b/∂k1 = t e^(−k1 t)
        int last = TIMES3.length - 1;
        double t = TIMES3[last];
        double[][] dp = cold.withRespectToParameters(last);
        assertEquals(-t * Math.exp(-p[0] * t), dp[0][0], 1e-7);
        assertEquals(t * Math.exp(-p[0] * t), dp[1][0], 1e-7);
    }

    /** u' = −a u + Σ_{i<25} 0.01 sin(v + i b), v' = c u − d v: a lane graph too long for one method. */
    private static OdeProblem longRightHandSide() {
        return OdeProblem.builder()
                .states("u", "v")
                .parameters("a", "b", "c", "d")
                .rhs((t, y, p) -> {
                    Var sum = p[0].neg().mul(y[0]);
                    for (int i = 0; i < 25; i++) {
                        sum = sum.add(y[1].add(p[1].mul((double) i)).sin().mul(0.01));
                    }
                    return new Var[] {sum, p[2].mul(y[0]).sub(p[3].mul(y[1]))};
                })
                .initial(1.0, 0.5)
                .build();
    }

    @Test
    void aLaneGraphTooLongForOneMethodGathersItsInputsForTheKernels() {
        // the in-place evaluator (y and S read from u) exists only for graphs with a straight-line
        // method; a longer lane graph runs the compiled kernels on inputs gathered into one array
        double[] p = {0.3, 0.2, 0.5, 0.4};
        Graph f = longRightHandSide().rhsCode().graph();
        int[] tangent = new int[f.inputCount()];
        for (int j = 0; j < tangent.length; j++) {
            String name = f.inputName(j);
            int q = java.util.List.of("a", "b", "c", "d").indexOf(name);
            tangent[j] = name.equals("u") || name.equals("v") ? LaneJvpGraph.SEEDED : q >= 0 ? q : LaneJvpGraph.ZERO;
        }
        CompiledGraph lanes = GraphCompiler.compile(LaneJvpGraph.of(f, 6, tangent));
        assertEquals(f.inputCount() + 2 * 6, lanes.graph().inputCount(), "both states seeded in 6 lanes");
        assertNull(lanes.inPlaceOutputs(new int[lanes.graph().inputCount()]), "no straight line: no in-place evaluator");
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-8, 1e-10);
        Sensitivities cold = Ode.forwardSensitivities(longRightHandSide(), p, TIMES3, o);
        OdeProblem hot = hot(longRightHandSide());
        assertSameBits(cold, Ode.forwardSensitivities(hot, p, TIMES3, o), TIMES3.length);
        assertEquals(1, hot.rhsCode().compiledLaneLayouts(), "the lane graph was compiled");
        // and the in-place evaluator of a short graph is there (Lotka–Volterra's lanes)
        Graph lv = Problems.lotkaVolterra().rhsCode().graph();
        int[] lvTangent = new int[lv.inputCount()];
        java.util.Arrays.fill(lvTangent, LaneJvpGraph.ZERO);
        CompiledGraph lvLanes = GraphCompiler.compile(LaneJvpGraph.of(lv, 6, lvTangent));
        assertNotNull(lvLanes.inPlaceOutputs(new int[lvLanes.graph().inputCount()]));
    }

    @Test
    void compiledForwardGradientAgreesWithTheAdjointAndWithDifferences() {
        OdeProblem hot = hot(threeStates());
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(data3());
        SolverOptions tight = SolverOptions.DEFAULT.withTolerances(1e-11, 1e-12);
        LossGradient fwd = Ode.gradient(hot, P3, TIMES3, loss, SensitivityMethod.FORWARD, tight);
        LossGradient adj = Ode.gradient(hot, P3, TIMES3, loss, SensitivityMethod.DISCRETE_ADJOINT, tight);
        Problems.assertClose(adj.gradient(), fwd.gradient(), 1e-7, "forward vs discrete adjoint");
        Problems.assertClose(adj.initialStateGradient(), fwd.initialStateGradient(), 1e-7, "dL/dy0");
        double[] fd = Problems.centralDifference(q -> {
            double[][] y = Ode.solve(threeStates(), q, TIMES3, tight).states();
            return loss.evaluate(TIMES3, y, q, new double[y.length][3], new double[q.length]);
        }, P3, 1e-5);
        Problems.assertClose(fd, fwd.gradient(), 1e-6, "forward vs central differences of plain solves");
        double[] hip = Problems.centralDifference(CompiledSensitivityTest::hipparchusLoss, P3, 1e-5);
        Problems.assertClose(hip, fwd.gradient(), 1e-6, "forward vs central differences through Hipparchus");
    }

    /** The loss by Hipparchus' DOP853 on the hand-written right-hand side. */
    private static double hipparchusLoss(double[] p) {
        OrdinaryDifferentialEquation ode = new OrdinaryDifferentialEquation() {
            public int getDimension() {
                return 3;
            }

            public double[] computeDerivatives(double t, double[] y) {
                return threeStatesRhs(t, y, p);
            }
        };
        DormandPrince853Integrator dp = new DormandPrince853Integrator(1e-12, 1, 1e-13, 1e-13);
        double[][] data = data3();
        double[] y = Y3.clone();
        double t = 0;
        double sum = 0;
        for (int k = 0; k < TIMES3.length; k++) {
            if (TIMES3[k] > t) {
                y = dp.integrate(ode, new ODEState(t, y), TIMES3[k]).getPrimaryState();
                t = TIMES3[k];
            }
            for (int i = 0; i < 3; i++) {
                double r = y[i] - data[k][i];
                sum += r * r;
            }
        }
        return sum;
    }

    @Test
    void forwardSensitivitySweepsAloneMakeAProblemHot() {
        // regression: the numeric lane sweeps were not counted, so a problem that only ever had
        // forward-sensitivity gradients ran interpreted forever
        OdeProblem lv = Problems.lotkaVolterra();
        TrajectoryLoss loss = TrajectoryLoss.sumOfSquares(Problems.lvData(LV_TIMES));
        SolverOptions o = SolverOptions.DEFAULT.withTolerances(1e-6, 1e-9);
        LossGradient first = Ode.gradient(lv, Problems.LV_PARAMS, LV_TIMES, loss, SensitivityMethod.FORWARD, o);
        int calls = 1;
        while (lv.rhsCode().compiledLaneLayouts() == 0 && calls < 1000) {
            Ode.gradient(lv, Problems.LV_PARAMS, LV_TIMES, loss, SensitivityMethod.FORWARD, o);
            calls++;
        }
        assertEquals(1, lv.rhsCode().compiledLaneLayouts(), "not compiled after " + calls + " forward gradients");
        // about 609 sweeps per gradient: hot after some 165
        assertTrue(calls > RhsCode.COMPILE_AFTER / 1000, "compiled before it was hot (" + calls + " calls)");
        assertSameBits(first, Ode.gradient(lv, Problems.LV_PARAMS, LV_TIMES, loss, SensitivityMethod.FORWARD, o),
                "cold vs hot");
    }
}
