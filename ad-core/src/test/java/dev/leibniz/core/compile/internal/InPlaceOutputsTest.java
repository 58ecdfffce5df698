package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.RandomGraphs;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import dev.leibniz.core.compile.InPlaceOutputs;
import java.util.Arrays;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * {@link CompiledGraph#inPlaceOutputs}: the outputs with input k read at its place in one of two
 * arrays must be the interpreter's outputs ({@code Program}, the reference) at the gathered inputs,
 * bit for bit, for random graphs and random places (inputs read twice, arrays with room to spare,
 * an ODE's lane layout read straight from its state array u, with u also the output array); the
 * arrays are checked against the places.
 */
class InPlaceOutputsTest {
    /** Random places for g's inputs in two arrays of random length, the arrays filled, and the check. */
    private static boolean check(Graph g, Random rnd, Subgradients policy) {
        int m = g.inputCount();
        double[] first = new double[m + rnd.nextInt(4)];
        double[] second = new double[m + rnd.nextInt(4)];
        for (int i = 0; i < first.length; i++) {
            first[i] = rnd.nextInt(10) == 0 ? -0.0 : rnd.nextGaussian() * 3;
        }
        for (int i = 0; i < second.length; i++) {
            second[i] = rnd.nextInt(10) == 0 ? Double.POSITIVE_INFINITY : rnd.nextGaussian() * 3;
        }
        int[] place = new int[m];
        double[] gathered = new double[m];
        for (int k = 0; k < m; k++) {
            if (rnd.nextBoolean()) {
                place[k] = rnd.nextInt(first.length);
                gathered[k] = first[place[k]];
            } else {
                int at = rnd.nextInt(second.length);
                place[k] = -1 - at;
                gathered[k] = second[at];
            }
        }
        CompiledGraph c = GraphCompiler.compile(g);
        InPlaceOutputs code = c.inPlaceOutputs(place);
        if (code == null) {
            assertNull(StraightLine.of(g), "only graphs without a straight line get no in-place evaluator");
            return false;
        }
        assertSame(code, c.inPlaceOutputs(place.clone()), "the same places: the evaluator made before");
        CompiledGraph.Workspace w = c.newWorkspace();
        w.setPolicy(policy);
        double[] expected = g.compile().forward(EvalOptions.DEFAULT.withPolicy(policy), gathered);
        double[] out = new double[g.outputCount() + 2];
        Arrays.fill(out, 7.0);
        code.evaluate(first, second, out, w);
        for (int j = 0; j < g.outputCount(); j++) {
            assertBits(expected[g.outputNode(j)], out[j], "output " + g.outputName(j) + " of\n" + g);
        }
        assertEquals(7.0, out[g.outputCount()], 0.0, "entries after the outputs are left alone");
        return true;
    }

    @Test
    void randomGraphsAtRandomPlacesGiveTheInterpretersOutputs() {
        Subgradients[] policies = {Subgradients.DEFAULT, new Subgradients(1.0, 1.0, 0.0)};
        int taken = 0;
        for (long seed = 0; seed < 120; seed++) {
            Random rnd = new Random(seed);
            Graph g = RandomGraphs.graph(rnd);
            taken += check(g, rnd, policies[(int) (seed % 2)]) ? 1 : 0;
        }
        assertTrue(taken > 30, "random graphs with an in-place evaluator: " + taken);
    }

    @Test
    void anOdesLaneLayoutReadFromItsStateArrayAndWrittenOverIt() {
        // Lotka–Volterra, 4 parameter lanes and 2 initial-state lanes; u = [y, S] with S row-major 2 × 6
        Graph lanes = StraightLineTest.lotkaVolterraLanes();
        int[] place = new int[lanes.inputCount()];
        place[0] = -1;                          // t in scalars[0]
        place[1] = 0;                           // the states in u
        place[2] = 1;
        for (int q = 0; q < 4; q++) {
            place[3 + q] = -2 - q;              // parameter q in scalars[1 + q]
        }
        for (int l = 0; l < 12; l++) {
            place[7 + l] = 2 + l;               // lane l of hare, then of lynx: S as it lies in u
        }
        CompiledGraph c = GraphCompiler.compile(lanes);
        InPlaceOutputs code = c.inPlaceOutputs(place);
        assertNotNull(code);
        CompiledGraph.Workspace w = c.newWorkspace();
        Random rnd = new Random(3);
        for (int trial = 0; trial < 30; trial++) {
            double[] u = new double[14];
            double[] scalars = new double[5];
            for (int i = 0; i < u.length; i++) {
                u[i] = trial % 4 == 0 && i % 3 == 0 ? 0.0 : rnd.nextGaussian() * 5;
            }
            for (int i = 0; i < scalars.length; i++) {
                scalars[i] = rnd.nextGaussian();
            }
            double[] gathered = new double[lanes.inputCount()];
            gathered[0] = scalars[0];
            System.arraycopy(u, 0, gathered, 1, 2);
            System.arraycopy(scalars, 1, gathered, 3, 4);
            System.arraycopy(u, 2, gathered, 7, 12);
            double[] expected = lanes.compile().forward(EvalOptions.DEFAULT, gathered);
            code.evaluate(u, scalars, u, w); // every input is read before an output is written
            for (int j = 0; j < lanes.outputCount(); j++) {
                assertBits(expected[lanes.outputNode(j)], u[j], "output " + lanes.outputName(j));
            }
        }
    }

    @Test
    void badPlacesAndArraysAreNamed() {
        Graph g = Graph.trace(v -> v[0].mul(v[1]), "a", "b");
        CompiledGraph c = GraphCompiler.compile(g);
        assertTrue(assertThrows(GraphException.class, () -> c.inPlaceOutputs(new int[] {0}))
                .getMessage().contains("2 inputs"));
        InPlaceOutputs code = c.inPlaceOutputs(new int[] {3, -2});
        CompiledGraph.Workspace w = c.newWorkspace();
        assertTrue(assertThrows(GraphException.class,
                () -> code.evaluate(new double[3], new double[2], new double[1], w)).getMessage()
                .contains("up to index 3"));
        assertTrue(assertThrows(GraphException.class,
                () -> code.evaluate(new double[4], new double[1], new double[1], w)).getMessage()
                .contains("up to index 1"));
        assertTrue(assertThrows(GraphException.class,
                () -> code.evaluate(new double[4], new double[2], new double[0], w)).getMessage()
                .contains("1 outputs"));
        assertTrue(assertThrows(RuntimeException.class,
                () -> code.evaluate(new double[4], new double[2], new double[1],
                        GraphCompiler.compile(g).newWorkspace())).getMessage().contains("another compiled graph"));
        double[] out = new double[1];
        code.evaluate(new double[] {0, 0, 0, 2.5}, new double[] {0, -4}, out, w);
        assertEquals(-10.0, out[0], 0.0);
    }
}
