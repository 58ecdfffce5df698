package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Var;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeadCodeEliminationTest {

    @Test
    void removesNodesWithoutAPathToAnOutputButKeepsEveryInput() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        y.sin().exp();                 // dead: 2 nodes
        Var f = x.mul(x).add(1.0);     // live
        x.cos();                       // dead: 1 node
        Graph g = b.build("f", f);
        PassResult r = DeadCodeElimination.apply(g);
        assertEquals(3, r.removed());
        assertEquals("DCE removed 3", r.toString());
        assertEquals(g.inputNames(), r.graph().inputNames());
        assertEquals("graph (x, y) -> (f)\n  %0 = input x\n  %1 = input y\n  %2 = mul %0 %0\n  %3 = const 1\n"
                + "  %4 = add %2 %3\n  f = %4\n", r.graph().toString());
        assertEquals(2.5 * 2.5 + 1, r.graph().evaluate(2.5, 7.0)[0], 0.0);
    }

    @Test
    void aNodeUsedByAnyOutputIsLive() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var s = x.sin();
        Var c = x.cos();
        x.tanh();                      // dead
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("s", s);
        outs.put("c", c);
        Graph g = b.build(outs);
        PassResult r = DeadCodeElimination.apply(g);
        assertEquals(1, r.removed());
        assertEquals(g.outputNames(), r.graph().outputNames());
        double[] v = r.graph().evaluate(0.4);
        assertEquals(Math.sin(0.4), v[0], 0.0);
        assertEquals(Math.cos(0.4), v[1], 0.0);
    }
}
