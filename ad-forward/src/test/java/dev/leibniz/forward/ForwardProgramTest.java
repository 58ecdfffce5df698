package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/** The numeric k-lane forward sweep on small graphs with closed-form derivatives. */
class ForwardProgramTest {
    // f(x, y) = x·y + sin x, g(x, y) = exp(y)/x
    private static final Graph FG = Graph.trace(v -> v[0].mul(v[1]).add(v[0].sin()), "x", "y");

    @Test
    void lanesCarryIndependentDirections() {
        ForwardProgram p = ForwardProgram.prepare(FG, 3);
        double x = 0.8;
        double y = -1.3;
        double[][] jv = p.jvp(new double[] {x, y}, new double[] {1, 0}, new double[] {0, 1}, new double[] {2, -5});
        double fx = y + Math.cos(x);
        double fy = x;
        assertEquals(fx, jv[0][0], 1e-15);
        assertEquals(fy, jv[1][0], 1e-15);
        assertEquals(2 * fx - 5 * fy, jv[2][0], 1e-14);
    }

    @Test
    void workspaceIsReusedAcrossPointsAndSweeps() {
        ForwardProgram p = ForwardProgram.prepare(FG, 2);
        TangentLanes ws = p.newWorkspace();
        for (double x : new double[] {0.1, 2.0, -3.0}) {
            double y = x * x;
            p.values(new double[] {x, y}, ws);
            assertEquals(x * y + Math.sin(x), p.outputValue(ws, 0), 1e-15);
            p.unitTangents(0, ws);
            assertEquals(y + Math.cos(x), p.outputTangent(ws, 0, 0), 1e-14);
            assertEquals(x, p.outputTangent(ws, 0, 1), 0.0);
            p.unitTangents(1, ws); // lane 1 runs past the last input: zero
            assertEquals(x, p.outputTangent(ws, 0, 0), 0.0);
            assertEquals(0.0, p.outputTangent(ws, 0, 1), 0.0);
        }
    }

    @Test
    void constantSubgraphsAreSkipped() {
        // c = exp(2)·3 depends on no input: the sweep visits only the nodes x feeds
        Graph g = Graph.trace(v -> v[0].constant(2.0).exp().mul(3.0).mul(v[0]), "x");
        ForwardProgram p = ForwardProgram.prepare(g);
        assertEquals(1, p.nodesPerSweep());
        assertEquals(1, p.partialsPerSweep());
        assertEquals(3 * Math.exp(2), p.jvp(new double[] {0.5}, new double[] {1})[0][0], 1e-13);
    }

    @Test
    void untakenBranchGivesAnExactZeroInBothModes() {
        // at x = 0: select(x > 0, √x, 2x) takes 2x; √x has an infinite tangent there, and the
        // sweep must not turn 0·∞ into NaN — reverse mode gives 2 as well.
        Graph g = Graph.trace(v -> Var.select(v[0].gt(0.0), v[0].sqrt(), v[0].mul(2.0)), "x");
        double forward = ForwardProgram.prepare(g).jvp(new double[] {0.0}, new double[] {1})[0][0];
        double reverse = g.compile().gradient(0.0).get(0);
        assertEquals(2.0, forward, 0.0);
        assertEquals(2.0, reverse, 0.0);
    }

    @Test
    void anomalyDetectionNamesTheNodeOfTheFirstNonFiniteValueOrTangent() {
        EvalOptions check = EvalOptions.DEFAULT.withAnomalyDetection(true);
        Graph logGraph = Graph.trace(v -> v[0].sub(1.0).log().mul(2.0), "x");
        AnomalyException e = assertThrows(AnomalyException.class,
                () -> ForwardProgram.prepare(logGraph, 1, check).jvp(new double[] {1.0}, new double[] {1}));
        assertTrue(e.getMessage().contains("log"), e.getMessage());
        assertFalse(e.inBackwardPass());

        Graph sqrtGraph = Graph.trace(v -> v[0].sqrt().mul(2.0), "x");
        AnomalyException t = assertThrows(AnomalyException.class,
                () -> ForwardProgram.prepare(sqrtGraph, 2, check).jvp(new double[] {0.0}, new double[] {1}, new double[] {0}));
        assertTrue(t.getMessage().contains("sqrt") && t.getMessage().contains("lane 0"), t.getMessage());
        // without detection the infinite tangent is simply returned
        assertEquals(Double.POSITIVE_INFINITY, ForwardProgram.prepare(sqrtGraph).jvp(new double[] {0.0}, new double[] {1})[0][0]);
    }

    @Test
    void variadicPrimitivesGetEveryArgumentsTangent() {
        // d/dt logsumexp(x, 2x, 3x) = Σ softmax_i · i
        Graph g = Graph.trace(v -> Var.logsumexp(v[0], v[0].mul(2.0), v[0].mul(3.0)), "x");
        double x = 0.3;
        double z = Math.exp(x) + Math.exp(2 * x) + Math.exp(3 * x);
        double expected = (Math.exp(x) + 2 * Math.exp(2 * x) + 3 * Math.exp(3 * x)) / z;
        assertEquals(expected, ForwardProgram.prepare(g).jvp(new double[] {x}, new double[] {1})[0][0], 1e-14);
    }
}
