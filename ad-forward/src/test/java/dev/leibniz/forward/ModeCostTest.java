package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The forward-vs-reverse report on the classic shapes. The counts are asserted; the times are
 * not (they are measured, machine-dependent) — only that the recommendation follows them.
 */
class ModeCostTest {
    private static final ModeCost.Timing QUICK = new ModeCost.Timing(1, 3, 200_000L);

    /** f(x) = Σ sin(x_i)·x_{i+1}: Rⁿ → R. */
    static Graph manyToOne(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var s = x[0].square();
        for (int i = 0; i + 1 < n; i++) {
            s = s.add(x[i].sin().mul(x[i + 1]));
        }
        return b.build("f", s);
    }

    /** g_i(t) = sin(i·t)·t: R → Rᵐ. */
    static Graph oneToMany(int m) {
        GraphBuilder b = GraphBuilder.tracing();
        Var t = b.input("t");
        Map<String, Var> out = new LinkedHashMap<>();
        for (int i = 0; i < m; i++) {
            out.put("g" + i, t.mul(i + 1.0).sin().mul(t));
        }
        return b.build(out);
    }

    /** h_i(x) = tanh(x_i + x_{i+1 mod n}·x_0): Rⁿ → Rⁿ. */
    static Graph square(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Map<String, Var> out = new LinkedHashMap<>();
        for (int i = 0; i < n; i++) {
            out.put("h" + i, x[i].add(x[(i + 1) % n].mul(x[0])).tanh());
        }
        return b.build(out);
    }

    private static double[] point(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = Math.sin(i + 1.0);
        }
        return x;
    }

    private static void assertRecommendationFollowsMeasurement(ModeCost c) {
        Mode faster = c.forwardNanos() < c.reverseNanos() ? Mode.FORWARD : Mode.REVERSE;
        if (c.forwardNanos() != c.reverseNanos()) {
            assertEquals(faster, c.recommended(), c.toString());
        }
        assertTrue(c.toString().contains("recommended: " + c.recommended()), c.toString());
        assertTrue(c.forwardNanos() > 0 && c.reverseNanos() > 0);
    }

    @Test
    void gradientOfManyInputsNeedsOneReverseSweep() {
        int n = 200;
        ModeCost c = ModeCost.measure(manyToOne(n), point(n), 1, QUICK);
        System.out.println("f: R^200 -> R\n" + c);
        assertEquals(200, c.forwardSweeps());
        assertEquals(1, c.reverseSweeps());
        CostModel k = c.counts();
        // each forward sweep and the one reverse sweep touch the same nodes (all depend on x, all reach f)
        assertEquals(k.forwardPartialsPerSweep(), k.reversePartialsPerSweep(), 0.0);
        assertEquals(200 * k.reverseOpsTotal(), k.forwardOpsTotal());
        assertTrue(k.forwardOpsTotal() > 50 * k.reverseOpsTotal());
        assertEquals(Mode.REVERSE, k.predicted());
        assertRecommendationFollowsMeasurement(c);
    }

    @Test
    void oneInputToManyOutputsNeedsOneForwardSweep() {
        int m = 200;
        ModeCost c = ModeCost.measure(oneToMany(m), new double[] {0.7}, 1, QUICK);
        System.out.println("g: R -> R^200\n" + c);
        assertEquals(1, c.forwardSweeps());
        assertEquals(200, c.reverseSweeps());
        CostModel k = c.counts();
        // each output reaches its own 3 nodes (5 partials, one of them with respect to a constant),
        // the forward sweep differentiates 4·m partials with respect to t once; but each of the m
        // reverse sweeps scans the whole graph
        assertEquals(5.0, k.reversePartialsPerSweep(), 0.0);
        assertEquals(4 * m, k.forwardPartialsPerSweep());
        assertEquals(Mode.FORWARD, k.predicted());
        assertTrue(k.reverseOpsTotal() > 50 * k.forwardOpsTotal(), k.reverseOpsTotal() + " vs " + k.forwardOpsTotal());
        assertRecommendationFollowsMeasurement(c);
    }

    @Test
    void squareJacobiansNeedAsManySweepsEitherWay() {
        for (int n : new int[] {4, 32}) {
            for (int lanes : new int[] {1, 8}) {
                ModeCost c = ModeCost.measure(square(n), point(n), lanes, QUICK);
                System.out.println("h: R^" + n + " -> R^" + n + ", k = " + lanes + "\n" + c);
                assertEquals((n + lanes - 1) / lanes, c.forwardSweeps());
                assertEquals(n, c.reverseSweeps());
                assertRecommendationFollowsMeasurement(c);
            }
        }
    }
}
