package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.SplittableRandom;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The k-lane JVP graph: every lane equals the one-direction JVP graph ({@link ForwardMode}) along
 * that lane's direction (bit for bit: the same products and sums), and central differences of the
 * function itself (an oracle that shares no code with either); names and layout; strong zeros
 * beside an infinite partial; bad arguments.
 */
class LaneJvpGraphTest {
    private static final int Z = LaneJvpGraph.ZERO;
    private static final int S = LaneJvpGraph.SEEDED;

    /** Lotka–Volterra's right-hand side: inputs t, hare, lynx, alpha, beta, gamma, delta. */
    private static Graph lotkaVolterra() {
        return build(new String[] {"t", "hare", "lynx", "alpha", "beta", "gamma", "delta"}, v -> new Var[] {
            v[1].mul(v[3]).sub(v[4].mul(v[1]).mul(v[2])),
            v[6].mul(v[1]).mul(v[2]).sub(v[5].mul(v[2]))});
    }

    /**
     * Three states, five parameters, t read explicitly, and transcendental rules (exp, sin, div,
     * sqrt, pow): a Robertson-like reaction network with a forcing term.
     */
    private static Graph threeStates() {
        return build(new String[] {"t", "a", "b", "c", "k1", "k2", "k3", "s", "w"}, v -> new Var[] {
            v[4].neg().mul(v[1]).add(v[6].mul(v[2]).mul(v[3])).add(v[8].mul(v[0]).sin().mul(0.1)),
            v[4].mul(v[1]).sub(v[5].mul(v[2].pow(2))).sub(v[6].mul(v[2]).mul(v[3])),
            v[5].mul(v[2].pow(2)).add(v[7].mul(v[3].neg().exp())).div(v[1].add(2.0)).add(v[3].sqrt().mul(v[6]))});
    }

    private static Graph build(String[] names, Function<Var[], Var[]> body) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] in = new Var[names.length];
        for (int j = 0; j < names.length; j++) {
            in[j] = b.input(names[j]);
        }
        Var[] out = body.apply(in);
        String[] outNames = new String[out.length];
        int[] nodes = new int[out.length];
        for (int i = 0; i < out.length; i++) {
            outNames[i] = "f" + i;
            nodes[i] = out[i].node();
        }
        return b.build(outNames, nodes);
    }

    /** Lane l's direction: input j's tangent in lane l, given its kind and the seeded values. */
    private static double direction(int[] kind, double[] seeds, int j, int l, int lanes) {
        if (kind[j] == S) {
            int r = 0;
            for (int i = 0; i < j; i++) {
                r += kind[i] == S ? 1 : 0;
            }
            return seeds[r * lanes + l];
        }
        return kind[j] == l ? 1.0 : 0.0;
    }

    /** Checks every lane against the one-direction JVP graph (bitwise) and central differences. */
    private static void checkLanes(Graph f, int lanes, int[] kind, long seed) {
        Graph g = LaneJvpGraph.of(f, lanes, kind);
        Graph one = ForwardMode.jvpGraph(f);
        int nIn = f.inputCount();
        int seeded = 0;
        for (int k : kind) {
            seeded += k == S ? 1 : 0;
        }
        assertEquals(nIn + seeded * lanes, g.inputCount());
        assertEquals(f.outputCount() * (1 + lanes), g.outputCount());
        SplittableRandom rnd = new SplittableRandom(seed);
        for (int trial = 0; trial < 5; trial++) {
            double[] x = new double[nIn];
            for (int j = 0; j < nIn; j++) {
                x[j] = 0.2 + 1.5 * rnd.nextDouble();
            }
            double[] seeds = new double[seeded * lanes];
            for (int k = 0; k < seeds.length; k++) {
                seeds[k] = rnd.nextDouble() * 2 - 1;
            }
            double[] gin = new double[g.inputCount()];
            System.arraycopy(x, 0, gin, 0, nIn);
            System.arraycopy(seeds, 0, gin, nIn, seeds.length);
            double[] out = g.evaluate(gin);
            double[] values = f.evaluate(x);
            int m = f.outputCount();
            for (int i = 0; i < m; i++) {
                assertEquals(values[i], out[i], 0.0, "value of output " + i);
            }
            for (int l = 0; l < lanes; l++) {
                double[] oin = new double[2 * nIn];
                System.arraycopy(x, 0, oin, 0, nIn);
                double[] dir = new double[nIn];
                for (int j = 0; j < nIn; j++) {
                    dir[j] = direction(kind, seeds, j, l, lanes);
                    oin[nIn + j] = dir[j];
                }
                double[] ref = one.evaluate(oin);
                double h = 1e-6;
                double[] xp = x.clone();
                double[] xm = x.clone();
                for (int j = 0; j < nIn; j++) {
                    xp[j] += h * dir[j];
                    xm[j] -= h * dir[j];
                }
                double[] fp = f.evaluate(xp);
                double[] fm = f.evaluate(xm);
                for (int i = 0; i < m; i++) {
                    double lane = out[m + i * lanes + l];
                    assertEquals(ref[m + i], lane, 0.0, "output " + i + " lane " + l + " vs the one-direction JVP");
                    double fd = (fp[i] - fm[i]) / (2 * h);
                    assertEquals(fd, lane, 1e-7 * (1 + Math.abs(fd)), "output " + i + " lane " + l + " vs differences");
                }
            }
        }
    }

    @Test
    void lotkaVolterraSensitivityLanesMatchOneDirectionJvpsAndDifferences() {
        // the ODE layout: t zero, states seeded, parameter q unit in lane q, lanes 4 and 5 for y0
        checkLanes(lotkaVolterra(), 6, new int[] {Z, S, S, 0, 1, 2, 3}, 1);
    }

    @Test
    void threeStatesFiveParametersAndAnUndifferentiatedParameter() {
        // 3 states seeded, parameters k1..s in lanes 0..3, w not differentiated, t read by f but zero
        checkLanes(threeStates(), 7, new int[] {Z, S, S, S, 0, 1, 2, 3, Z}, 2);
        // parameter lanes in another order, and t in a lane of its own (∂f/∂t)
        checkLanes(threeStates(), 4, new int[] {3, S, S, S, 2, Z, 1, Z, 0}, 3);
    }

    @Test
    void layoutAndNames() {
        Graph g = LaneJvpGraph.of(lotkaVolterra(), 2, new int[] {Z, S, S, 0, Z, Z, 1});
        assertEquals(List.of("t", "hare", "lynx", "alpha", "beta", "gamma", "delta",
                "t_hare_0", "t_hare_1", "t_lynx_0", "t_lynx_1"), g.inputNames());
        assertEquals(List.of("f0", "f1", "jvp_f0_0", "jvp_f0_1", "jvp_f1_0", "jvp_f1_1"), g.outputNames());
    }

    @Test
    void aZeroLaneCostsNoNodesAndAUnitLaneNoMultiplication() {
        // f = a·b: with no seeded input and a in lane 0, lane 0 is b itself and lane 1 a constant 0
        Graph f = build(new String[] {"a", "b"}, v -> new Var[] {v[0].mul(v[1])});
        Graph g = LaneJvpGraph.of(f, 2, new int[] {0, Z});
        for (int i = 0; i < g.size(); i++) {
            assertTrue(!g.primitive(i).name().startsWith("mul") || i == g.outputNode(0), g.toString());
        }
        double[] out = g.evaluate(3.0, 5.0);
        assertEquals(15.0, out[0], 0.0);
        assertEquals(5.0, out[1], 0.0);
        assertEquals(0.0, out[2], 0.0);
    }

    @Test
    void anInfinitePartialDoesNotPoisonTheLanesItDoesNotReach() {
        // f = y·√p at p = 0: ∂f/∂p = ∞ in p's own lane, but the state's lane is √0·ẏ = 0, not 0·∞
        Graph f = build(new String[] {"y", "p"}, v -> new Var[] {v[0].mul(v[1].sqrt())});
        Graph g = LaneJvpGraph.of(f, 2, new int[] {S, 1});
        double[] out = g.evaluate(2.0, 0.0, 7.0, 0.0);
        assertEquals(0.0, out[0], 0.0);
        assertEquals(0.0, out[1], 0.0, "the state's lane");
        assertEquals(Double.POSITIVE_INFINITY, out[2], "the parameter's lane: y/(2√p) at p = 0");
        // a NaN seed stays in its own lane
        double[] poisoned = g.evaluate(2.0, 4.0, Double.NaN, 0.0);
        assertTrue(Double.isNaN(poisoned[1]));
        assertEquals(2.0 / (2 * 2.0), poisoned[2], 0.0);
    }

    @Test
    void theTangentOfADifferenceIsOneSubtractionWithTheBitsOfAddingTheNegation() {
        // sub's partials are 1 and −1: the tangent ȧ − ḃ is one sub node, not add(ȧ, neg ḃ)
        Graph f = build(new String[] {"a", "b"}, v -> new Var[] {v[0].sub(v[1])});
        Graph g = LaneJvpGraph.of(f, 1, new int[] {S, S});
        for (int i = 0; i < g.size(); i++) {
            assertTrue(!g.primitive(i).name().equals("neg") && !g.primitive(i).name().equals("add"), g.toString());
        }
        // IEEE 754 defines x − y as x + (−y): the same bits for signed zeros, infinities and finite values
        double[] xs = {0.0, -0.0, 1.5, -2.25, Double.MIN_VALUE, Double.MAX_VALUE, Double.POSITIVE_INFINITY,
            Double.NEGATIVE_INFINITY};
        for (double da : xs) {
            for (double db : xs) {
                double lane = g.evaluate(1.0, 2.0, da, db)[1];
                double added = da + -db;
                if (Double.isNaN(added)) {
                    assertTrue(Double.isNaN(lane), da + " - " + db);
                } else {
                    assertEquals(Double.doubleToRawLongBits(added), Double.doubleToRawLongBits(lane), da + " - " + db);
                }
            }
        }
        // Lotka–Volterra's lanes: every difference's tangent a sub, no neg left
        Graph lv = LaneJvpGraph.of(lotkaVolterra(), 6, new int[] {Z, S, S, 0, 1, 2, 3});
        for (int i = 0; i < lv.size(); i++) {
            assertTrue(!lv.primitive(i).name().equals("neg"), lv.toString());
        }
    }

    @Test
    void badArgumentsAreGraphExceptionsNamingWhat() {
        Graph lv = lotkaVolterra();
        assertTrue(assertThrows(GraphException.class, () -> LaneJvpGraph.of(null, 2, new int[0]))
                .getMessage().contains("null graph"));
        assertTrue(assertThrows(GraphException.class, () -> LaneJvpGraph.of(lv, 0, new int[7]))
                .getMessage().contains("at least one lane"));
        assertTrue(assertThrows(GraphException.class, () -> LaneJvpGraph.of(lv, 2, new int[3]))
                .getMessage().contains("7 inputs"));
        String m = assertThrows(GraphException.class,
                () -> LaneJvpGraph.of(lv, 2, new int[] {Z, S, S, 2, Z, Z, Z})).getMessage();
        assertTrue(m.contains("'alpha'") && m.contains("[0, 2)"), m);
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x", new Shape(2, 2));
        Graph matrix = b.build("f", x.sumAll());
        assertTrue(assertThrows(GraphException.class, () -> LaneJvpGraph.of(matrix, 1, new int[] {S}))
                .getMessage().contains("scalar graphs"));
    }
}
