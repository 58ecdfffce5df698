package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The recording fast paths: values computed while recording are exactly each primitive's own,
 * duplicate parameter names are still caught when a recording repeats the previous one's names,
 * and the allocation-free gradient agrees with {@link Recorder#gradient(Var)}.
 */
class RecordingTapeTest {
    private static final double[] POINTS = {0.0, -0.0, 1.0, -1.0, 0.5, -2.75, 3.0, 1e-300, 1e300,
        Double.NaN, Double.POSITIVE_INFINITY, Double.NEGATIVE_INFINITY};
    private static final List<Subgradients> POLICIES = List.of(Subgradients.DEFAULT, new Subgradients(1, -1, 0.25));

    @Test
    void recordedValuesAreEachPrimitivesOwn() {
        for (Primitive p : Primitives.all()) {
            for (Subgradients pol : POLICIES) {
                for (double a : POINTS) {
                    if (p instanceof UnaryPrimitive u) {
                        double param = p.hasParam() ? 3 : 0;
                        assertBits(u.apply(a, param, pol), FastEngine.apply1(p.code(), a, param, pol), p.name() + "(" + a + ")");
                    } else if (p instanceof BinaryPrimitive bp) {
                        for (double b : POINTS) {
                            assertBits(bp.apply(a, b, pol), FastEngine.apply2(p.code(), a, b, pol),
                                    p.name() + "(" + a + ", " + b + ")");
                        }
                    }
                }
            }
        }
    }

    @Test
    void duplicateNamesAreCaughtWhenARecordingRepeatsThePreviousNames() {
        Recorder rec = new Recorder();
        rec.parameter("a", 1);
        rec.parameter("b", 2);
        rec.parameter("c", 3);
        rec.clear();
        rec.parameter("a", 1);
        rec.parameter("b", 2);
        GraphException e = assertThrows(GraphException.class, () -> rec.parameter("a", 3));
        assertTrue(e.getMessage().contains("'a' is declared twice"), e.getMessage());

        rec.clear();
        rec.parameter("a", 1);
        rec.parameter("b", 2);
        assertThrows(GraphException.class, () -> rec.parameter("b", 3)); // past the end of the previous names
        rec.clear();
        rec.parameter("b", 1);                                             // a different order is fine
        rec.parameter("a", 2);
        assertThrows(GraphException.class, () -> rec.parameter("b", 3));
        assertEquals(List.of("b", "a"), rec.parameterNames());
    }

    @Test
    void repeatedRecordingsGiveTheSameGradients() {
        Recorder rec = new Recorder();
        for (int iteration = 0; iteration < 3; iteration++) {
            rec.clear();
            Var w = rec.parameter("w", 0.5 + iteration);
            Var unused = rec.parameter("unused", 7);
            Var loss = w.mul(3.0).sub(1.0).square();
            Gradient g = rec.gradient(loss);
            double[] into = {Double.NaN, Double.NaN};
            double value = rec.valueAndGradient(loss, into);
            double wv = 0.5 + iteration;
            assertEquals((3 * wv - 1) * (3 * wv - 1), value, 1e-15);
            assertEquals(2 * (3 * wv - 1) * 3, into[0], 1e-12);   // closed form
            assertEquals(g.get("w"), into[0], 0.0);
            assertFalse(g.isPresent("unused"));
            assertEquals(0.0, into[1], 0.0, "an absent gradient is written as 0");
            assertThrows(GraphException.class, () -> rec.valueAndGradient(loss, new double[1]));
            assertTrue(unused.value() == 7);
        }
    }

    private static void assertBits(double expected, double actual, String what) {
        assertEquals(Double.doubleToLongBits(expected), Double.doubleToLongBits(actual), what);
    }

    @Test
    void recordedGradientsAreTheStaticGraphsBits() {
        // the compact tape's own reverse loop against the interpreter on the same expressions,
        // with variadic operations, integer powers, targets and constants
        for (long seed = 0; seed < 150; seed++) {
            RandomExpressions.Expression e = RandomExpressions.realize(1 + (int) (seed % 4), 30, 1, seed);
            double[] x = e.point();
            for (Subgradients pol : POLICIES) {
                Recorder rec = new Recorder(EvalOptions.DEFAULT.withPolicy(pol));
                Var[] in = new Var[x.length];
                for (int i = 0; i < x.length; i++) {
                    in[i] = rec.parameter("x" + i, x[i]);
                }
                Var[] all = e.apply(in);
                Gradient dynamic = rec.gradient(all[e.outputs()[0]]);
                Gradient fixed = e.graph().compile().gradient(0, EvalOptions.DEFAULT.withPolicy(pol), x);
                assertBits(fixed.value(), dynamic.value(), "value, seed " + seed);
                for (int i = 0; i < x.length; i++) {
                    assertEquals(fixed.isPresent(i), dynamic.isPresent(i), "presence of x" + i + ", seed " + seed);
                    assertBits(fixed.get(i), dynamic.get(i), "∂/∂x" + i + ", seed " + seed);
                }
                // the graph rebuilt from the tape is the traced graph, node for node
                Graph rebuilt = rec.toGraph("f0", all[e.outputs()[0]]);
                Graph traced = e.graph();
                assertEquals(traced.size(), rebuilt.size());
                for (int i = 0; i < traced.size(); i++) {
                    assertEquals(traced.nodeListing(i), rebuilt.nodeListing(i));
                }
            }
        }
    }

    @Test
    void kinksOnTheTapeFollowThePolicy() {
        for (Subgradients pol : POLICIES) {
            Recorder rec = new Recorder(EvalOptions.DEFAULT.withPolicy(pol));
            Var a = rec.parameter("a", 0.0);
            Var b = rec.parameter("b", 0.0);
            Var loss = a.relu().add(b.abs()).add(a.max(b)).add(Var.logsumexp(a, b, a.pow(3)));
            Gradient g = rec.gradient(loss);
            double lse = 1.0 / 3;   // softmax of (0, 0, 0)
            assertEquals(pol.reluAtZero() + pol.tieWeight() + lse, g.get("a"), 1e-15);
            assertEquals(pol.absAtZero() + (1 - pol.tieWeight()) + lse, g.get("b"), 1e-15);
        }
    }

    @Test
    void aRecordingUsesSixteenBytesAnOperation() {
        Recorder rec = new Recorder();
        Var x = rec.parameter("x", 0.5);
        Var y = rec.parameter("y", 2.0);
        Var f = x;
        for (int i = 0; i < 1000; i++) {
            f = f.mul(y).sin().add(x);
        }
        assertEquals(16.0 * rec.size(), rec.tapeBytes(), 0.0, "no constants: one word and one value each");
        rec.constant(3.0);
        assertEquals(16.0 * rec.size() + 8, rec.tapeBytes(), 0.0, "a constant adds its value to the pool");
    }

    @Test
    void anomalyDetectionOnTheTapeNamesTheFirstBadOperation() {
        Recorder rec = new Recorder(EvalOptions.DEFAULT.withAnomalyDetection(true));
        Var x = rec.parameter("x", -1.0);
        Var loss = x.square().add(x.log()).mul(2.0);
        AnomalyException e = assertThrows(AnomalyException.class, () -> rec.gradient(loss));
        assertTrue(e.getMessage().contains("log"), e.getMessage());
    }
}
