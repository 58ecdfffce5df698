package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/**
 * Elementwise entries of a recording wait and are evaluated in one pass ({@code PendingRun});
 * a run ended by a sum stores only the sum, and its entries' values are filled when something
 * reads them. Every reader must see the values the entry-by-entry evaluation gives: checked
 * against plain Java arithmetic on the same doubles (the same operations, so exactly), and the
 * gradients against closed forms.
 */
class DeferredEvaluationTest {
    private static final double[] X = {0.5, -1.25, 2.0, 0.75, -0.1, 3.5, 1.0};
    private static final double[] Y = {1.5, 0.25, -2.0, 0.5, 0.9, -1.5, 2.0};

    private static Shape col() {
        return new Shape(X.length, 1);
    }

    @Test
    void theValuesOfARunEndedByASumAreFilledWhenRead() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", X, col());
        Var y = rec.parameter("y", Y, col());
        Var sq = x.square();
        Var prod = sq.mul(y);
        Var s = prod.sumAll();
        double sum = 0;
        for (int i = 0; i < X.length; i++) {
            sum += X[i] * X[i] * Y[i];
        }
        assertEquals(sum, s.value(), 0.0);
        double[] p = prod.values();          // virtual until read
        double[] q = sq.values();
        for (int i = 0; i < X.length; i++) {
            assertEquals(X[i] * X[i] * Y[i], p[i], 0.0);
            assertEquals(X[i] * X[i], q[i], 0.0);
        }
        Gradient g = rec.gradient(s);
        for (int i = 0; i < X.length; i++) {
            assertEquals(2 * X[i] * Y[i], g.array("x")[i], 1e-15);
            assertEquals(X[i] * X[i], g.array("y")[i], 0.0);
        }
    }

    @Test
    void aLaterOperationReadsAVirtualEntryThroughTwoRuns() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", X, col());
        Var a = x.mul(3.0).sub(x.square());                 // run 1, ended by its sum: virtual
        Var s1 = a.sumAll();
        Var b = a.exp().mul(x);                             // run 2 reads virtual a; ended by a sum: virtual
        Var s2 = b.sumAll();
        Var tail = b.sliceRows(2, X.length).sumAll();       // a slice reads virtual b
        Var loss = s1.add(s2).add(tail);
        double expected1 = 0;
        double expected2 = 0;
        double expectedTail = 0;
        for (int i = 0; i < X.length; i++) {
            double ai = X[i] * 3.0 - X[i] * X[i];
            double bi = Math.exp(ai) * X[i];
            expected1 += ai;
            expected2 += bi;
            if (i >= 2) {
                expectedTail += bi;
            }
        }
        assertEquals(expected1, s1.value(), 0.0);
        assertEquals(expected2, s2.value(), 0.0);
        assertEquals(expectedTail, tail.value(), 0.0);
        Gradient g = rec.gradient(loss);
        for (int i = 0; i < X.length; i++) {
            double ai = X[i] * 3.0 - X[i] * X[i];
            double da = 3.0 - 2 * X[i];
            double db = Math.exp(ai) * (da * X[i] + 1.0);
            double expected = da + db * (i >= 2 ? 2 : 1);
            assertEquals(expected, g.array("x")[i], 1e-12 * Math.max(1, Math.abs(expected)));
        }
    }

    /** The anomaly-detecting sweep and a graph built from the recording read the general layout: every array is filled first. */
    @Test
    void theGeneralLayoutSeesFilledValues() {
        Recorder plain = new Recorder();
        Recorder checked = new Recorder(EvalOptions.DEFAULT.withAnomalyDetection(true));
        Gradient[] g = new Gradient[2];
        Recorder[] recs = {plain, checked};
        for (int r = 0; r < 2; r++) {
            Var x = recs[r].parameter("x", X, col());
            Var loss = x.sin().mul(x).sumAll().add(x.cos().sumAll());
            g[r] = recs[r].gradient(loss);
            Graph graph = recs[r].toGraph("f", loss);
            assertEquals(g[r].value(), graph.compile().gradient(new double[][] {X}).value(), 0.0);
        }
        assertArrayEquals(g[0].array("x"), g[1].array("x"), 0.0);
        for (int i = 0; i < X.length; i++) {
            double expected = Math.cos(X[i]) * X[i] + Math.sin(X[i]) - Math.sin(X[i]);
            assertEquals(expected, g[0].array("x")[i], 1e-14);
        }
    }

    /**
     * A chain of about 150 elementwise entries ended by a sum: longer than a run may be (it waits
     * and is swept in several runs). The static graph's gradient, bit for bit.
     */
    private static Var longChain(Var x) {
        Var m = x.reshape(X.length, 1);
        Var acc = m.sin();
        for (int k = 0; k < 100; k++) {
            Var other = k % 2 == 0 ? m : m.mul(1.0 + k / 64.0);
            acc = k % 3 == 0 ? acc.mul(other) : acc.add(other.cos());
        }
        return acc.sumAll();
    }

    @Test
    void aLongChainIsSplitIntoRunsWithTheStaticGraphsBits() {
        Recorder rec = new Recorder();
        Gradient g = rec.gradient(longChain(rec.parameter("x", X, col())));
        Gradient expected = Graph.trace(v -> longChain(v[0]), new String[] {"x"}, new Shape[] {col()})
                .compile().gradient(new double[][] {X});
        assertEquals(expected.value(), g.value(), 0.0);
        assertArrayEquals(expected.array("x"), g.array("x"), 0.0);
    }
}
