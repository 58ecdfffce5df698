package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** Anomaly detection names the first primitive that produced a NaN or an infinity, and the pass. */
class AnomalyDetectionTest {
    private static final EvalOptions DETECT = EvalOptions.DEFAULT.withAnomalyDetection(true);

    @Test
    void forwardAnomalyNamesTheNodeThePrimitiveAndThePass() {
        Graph f = Graph.trace(v -> v[0].log(), "x");
        assertEquals("log", f.primitive(1).name());
        AnomalyException e = assertThrows(AnomalyException.class, () -> f.compile().evaluate(DETECT, -1.0));
        assertEquals(1, e.node());
        assertFalse(e.inBackwardPass());
        String m = e.getMessage();
        assertTrue(m.contains("forward") && m.contains("%1") && m.contains("log") && m.contains("NaN")
                && m.contains("[-1.0]"), m);
        // the gradient stops in the same place, before any backward work
        AnomalyException g = assertThrows(AnomalyException.class, () -> f.compile().gradient(0, DETECT, -1.0));
        assertEquals(1, g.node());
    }

    @Test
    void backwardAnomalyNamesTheReverseRuleThatProducedIt() {
        // √x at 0: the value 0 is finite, the derivative 1/(2·0) = ∞ appears only backward
        Graph f = Graph.trace(v -> v[0].sqrt().mul(3.0), "x");
        assertEquals(0.0, f.compile().evaluate(DETECT, 0.0)[0], 0.0);
        AnomalyException e = assertThrows(AnomalyException.class, () -> f.compile().gradient(0, DETECT, 0.0));
        assertEquals(1, e.node());
        assertTrue(e.inBackwardPass());
        String m = e.getMessage();
        assertTrue(m.contains("backward") && m.contains("%1") && m.contains("sqrt") && m.contains("Infinity"), m);
    }

    @Test
    void anInfiniteAdjointThatAStrongZeroAbsorbsIsNoAnomaly() {
        // sqrt(relu(x)) + x = x near −1: the adjoint of relu's output is sqrt'(0) = ∞, but relu's
        // partial there is 0, so every gradient is finite (df/dx = 1) and nothing is reported
        Graph f = Graph.trace(v -> v[0].relu().sqrt().add(v[0]), "x");
        assertEquals(1.0, f.compile().gradient(0, DETECT, -1.0).get("x"), 0.0);
        // where the ∞ does reach the input, the report names the sqrt that produced it
        Graph g = Graph.trace(v -> v[0].sqrt().add(v[0]), "x");
        AnomalyException e = assertThrows(AnomalyException.class, () -> g.compile().gradient(0, DETECT, 0.0));
        assertTrue(e.getMessage().contains("sqrt"), e.getMessage());
    }

    @Test
    void withoutTheOptionNonFiniteValuesPassThrough() {
        Program log = Graph.trace(v -> v[0].log(), "x").compile();
        assertTrue(Double.isNaN(log.evaluate(-1.0)[0]));
        assertTrue(Double.isNaN(log.gradient(-1.0).value()));
        Program sqrt = Graph.trace(v -> v[0].sqrt(), "x").compile();
        assertEquals(Double.POSITIVE_INFINITY, sqrt.gradient(0.0).get("x"), 0.0);
        assertEquals(Double.POSITIVE_INFINITY, sqrt.gradient(0, EvalOptions.DEFAULT, 0.0).get("x"), 0.0);
    }

    @Test
    void onlyTheFirstProducerIsReported() {
        // log(x) is NaN, and so is everything after it; the report names the log, not the exp
        Graph f = Graph.trace(v -> v[0].log().exp().add(v[0]), "x");
        AnomalyException e = assertThrows(AnomalyException.class, () -> f.compile().evaluate(DETECT, -1.0));
        assertEquals(1, e.node());
        assertTrue(e.getMessage().contains("log"), e.getMessage());

        // backward: sqrt(sin x) at 0 sends ∞ to sin, whose rule then sends ∞ on to x; sqrt is named
        Graph g = Graph.trace(v -> v[0].sin().sqrt(), "x");
        AnomalyException b = assertThrows(AnomalyException.class, () -> g.compile().gradient(0, DETECT, 0.0));
        assertEquals(2, b.node());
        assertTrue(b.getMessage().contains("sqrt"), b.getMessage());
    }

    @Test
    void aNodeInTheMiddleOfALongerListing() {
        // %0 x, %1 y, %2 mul, %3 const 2, %4 sub, %5 log, %6 add
        Graph f = Graph.trace(v -> v[0].mul(v[1]).sub(2.0).log().add(v[1]), "x", "y");
        assertEquals("log", f.primitive(5).name());
        assertEquals(Math.log(4.0) + 2, f.compile().evaluate(DETECT, 3.0, 2.0)[0], 1e-15);
        AnomalyException e = assertThrows(AnomalyException.class, () -> f.compile().evaluate(DETECT, 0.5, 2.0));
        assertEquals(5, e.node());
        assertTrue(e.getMessage().contains("%5 (log)"), e.getMessage());
    }

    @Test
    void theRecorderDetectsAnomaliesInBothPasses() {
        Recorder forward = new Recorder(DETECT);
        Var x = forward.parameter("x", -1.0);
        Var y = x.log().exp();
        AnomalyException e = assertThrows(AnomalyException.class, () -> forward.gradient(y));
        assertEquals(1, e.node());
        assertFalse(e.inBackwardPass());
        assertTrue(e.getMessage().contains("log"), e.getMessage());

        Recorder backward = new Recorder(DETECT);
        Var z = backward.parameter("z", 0.0);
        AnomalyException b = assertThrows(AnomalyException.class, () -> backward.gradient(z.sqrt()));
        assertTrue(b.inBackwardPass());
        assertTrue(b.getMessage().contains("sqrt"), b.getMessage());
    }

    @Test
    void anomalyExceptionIsALeibnizException() {
        assertTrue(LeibnizException.class.isAssignableFrom(AnomalyException.class));
    }
}
