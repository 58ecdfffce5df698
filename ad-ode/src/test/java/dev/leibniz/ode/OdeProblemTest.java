package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Building problems from code and from graphs, and the validation of both. */
class OdeProblemTest {
    @Test
    void accessors() {
        OdeProblem lv = Problems.lotkaVolterra();
        assertEquals(2, lv.stateCount());
        assertEquals(4, lv.parameterCount());
        assertEquals(List.of("hare", "lynx"), lv.stateNames());
        assertEquals(List.of("alpha", "beta", "gamma", "delta"), lv.parameterNames());
        assertEquals(0.0, lv.startTime());
        assertFalse(lv.initialDependsOnParameters());
        assertTrue(Problems.decay().initialDependsOnParameters());
        assertEquals(List.of("hare", "lynx"), lv.rhs().outputNames());
    }

    @Test
    void graphWithOutputsInAnotherOrderAndInputsByName() {
        // inputs in any order, t unused; outputs named after states but listed lynx first
        GraphBuilder b = GraphBuilder.tracing();
        Var beta = b.input("beta");
        Var lynx = b.input("lynx");
        Var hare = b.input("hare");
        Var alpha = b.input("alpha");
        Var gamma = b.input("gamma");
        Var delta = b.input("delta");
        Map<String, Var> out = new LinkedHashMap<>();
        out.put("lynx", delta.mul(hare).mul(lynx).sub(gamma.mul(lynx)));
        out.put("hare", hare.mul(alpha).sub(beta.mul(hare).mul(lynx)));
        Graph g = b.build(out);
        OdeProblem fromGraph = OdeProblem.of(g, new String[] {"hare", "lynx"},
                new String[] {"alpha", "beta", "gamma", "delta"}, 0.0, Problems.LV_Y0);
        double[] times = {5, 10};
        Solution a = Ode.solve(fromGraph, Problems.LV_PARAMS, times);
        Solution c = Ode.solve(Problems.lotkaVolterra(), Problems.LV_PARAMS, times);
        for (int k = 0; k < 2; k++) {
            assertEquals(c.value(k, "hare"), a.value(k, "hare"), 1e-12);
            assertEquals(c.value(k, "lynx"), a.value(k, "lynx"), 1e-12);
        }
    }

    @Test
    void graphValidation() {
        Graph unknown = Graph.trace(x -> x[0].mul(x[1]), "y", "mystery");
        OdeException e = assertThrows(OdeException.class,
                () -> OdeProblem.of(unknown, new String[] {"y"}, new String[0], 0, 1));
        assertTrue(e.getMessage().contains("'mystery'"), e.getMessage());
        Graph one = Graph.trace(x -> x[0], "y");
        e = assertThrows(OdeException.class,
                () -> OdeProblem.of(one, new String[] {"y", "z"}, new String[0], 0, 1, 2));
        assertTrue(e.getMessage().contains("1 outputs"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.of(one, new String[] {"y"}, new String[0], 0, 1, 2));
        assertTrue(e.getMessage().contains("2 values"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.of(one, new String[] {"y"}, new String[] {"y"}, 0, 1));
        assertTrue(e.getMessage().contains("used twice"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.of(one, new String[] {"t"}, new String[0], 0, 1));
        assertTrue(e.getMessage().contains("time input"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.of(null, new String[] {"y"}, new String[0], 0, 1));
        assertTrue(e.getMessage().contains("null"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.of(one, new String[] {"y"}, new String[0], Double.NaN, 1));
        assertTrue(e.getMessage().contains("start time"), e.getMessage());
    }

    @Test
    void builderValidation() {
        OdeException e = assertThrows(OdeException.class, () -> OdeProblem.builder().states("y").initial(1).build());
        assertTrue(e.getMessage().contains("right-hand side"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.builder().states("y")
                .rhs((t, y, p) -> new Var[] {y[0]}).build());
        assertTrue(e.getMessage().contains("initial state"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.builder().states("y", "z")
                .rhs((t, y, p) -> new Var[] {y[0]}).initial(1, 2).build());
        assertTrue(e.getMessage().contains("returned 1 values"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.builder().rhs((t, y, p) -> y).initial(1).build());
        assertTrue(e.getMessage().contains("at least one state"), e.getMessage());
        e = assertThrows(OdeException.class, () -> OdeProblem.builder().states("y")
                .rhs((t, y, p) -> new Var[] {y[0]}).initial(Double.NaN).build());
        assertTrue(e.getMessage().contains("'y' is NaN"), e.getMessage());
    }

    @Test
    void startTimeOtherThanZero() {
        OdeProblem late = OdeProblem.builder().states("y").parameters("k").startTime(2.0)
                .rhs((t, y, p) -> new Var[] {p[0].mul(y[0]).neg()}).initial(3.0).build();
        Solution s = Ode.solve(late, new double[] {0.5}, new double[] {2.0, 4.0});
        assertEquals(3.0, s.value(0, 0), 0.0, "an output at t0 is y0 itself");
        assertEquals(3.0 * Math.exp(-1.0), s.value(1, 0), 1e-7);
    }
}
