package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.ReverseMode;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/**
 * {@link InputOrderSchedule}: the same nodes in an order by the last input each reaches, every
 * value bit for bit, the reverse nodes of a traced sum's iteration moved next to its forward nodes.
 */
class InputOrderScheduleTest {

    /** Extended Rosenbrock, traced: Σ 100·(x_{2i+1} − x_{2i}²)² + (1 − x_{2i})². */
    static Graph rosenbrock(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int i = 0; i < n; i++) {
            x[i] = b.input("x" + i);
        }
        Var hundred = b.constant(100.0);
        Var one = b.constant(1.0);
        Var f = null;
        for (int i = 0; i + 1 < n; i += 2) {
            Var a = x[i + 1].sub(x[i].square());
            Var c = one.sub(x[i]);
            Var term = hundred.mul(a.square()).add(c.square());
            f = f == null ? term : f.add(term);
        }
        return b.build("f", f);
    }

    @Test
    void gradientGraphKeepsEveryValueAndInterleavesTheReverseSweep() {
        int n = 12;
        Graph g = ReverseMode.gradientGraph(rosenbrock(n));
        PassResult r = InputOrderSchedule.apply(g);
        Graph s = r.graph();
        assertEquals(0, r.removed());
        assertEquals(g.size(), s.size());
        GraphComparison.assertSameInterface(g, s);
        for (double[] x : new double[][] {start(n), shifted(n, 0.3), shifted(n, -2.5)}) {
            GraphComparison.assertSameValues(g, s, x);
        }
        // the gradient graph lists the reverse sweep last pair first: df/dx0 is its last node;
        // scheduled, each pair's derivatives come right after its own forward nodes, before the
        // next pair's (and before the sum f, which needs the last pair)
        assertTrue(g.outputNode(1) > g.outputNode(n - 1), "before: reverse order");
        for (int k = 1; k + 2 < n; k += 2) {
            assertTrue(s.outputNode(k) < s.outputNode(k + 2), "df/dx" + (k - 1) + " before df/dx" + (k + 1));
        }
        assertTrue(s.outputNode(1) < s.outputNode(0), "df/dx0 before f");
    }

    @Test
    void aGraphWhoseNodesAllReachTheLastInputKeepsItsOrder() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var u = y.mul(x);
        Var v = u.sin().add(x);
        Graph g = b.build(new String[] {"u", "v"}, new int[] {u.node(), v.node()});
        Graph s = InputOrderSchedule.apply(g).graph();
        assertEquals(g.toString(), s.toString());
    }

    @Test
    void constantsAndExpressionsOfConstantsMoveBeforeTheInputsWork() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var p = y.square();
        Var c = b.constant(3.0).exp();    // depends on no input: anchor −1
        Var q = x.mul(c).add(p);
        Graph g = b.build("q", q);
        Graph s = InputOrderSchedule.apply(g).graph();
        GraphComparison.assertSameValues(g, s, new double[] {0.7, -1.3});
        // leaves first (x, y, 3), then exp 3, then the node reaching only x, then the rest
        assertEquals("exp", s.primitive(3).name());
        assertEquals("mul", s.primitive(4).name());
        assertEquals("square", s.primitive(5).name());
    }

    @Test
    void nullGraphIsRefused() {
        GraphException e = assertThrows(GraphException.class, () -> InputOrderSchedule.apply(null));
        assertTrue(e.getMessage().contains("null graph"));
    }

    static double[] start(int n) {
        double[] x = new double[n];
        for (int i = 0; i < n; i++) {
            x[i] = i % 2 == 0 ? -1.2 : 1.0;
        }
        return x;
    }

    static double[] shifted(int n, double d) {
        double[] x = start(n);
        for (int i = 0; i < n; i++) {
            x[i] += d * Math.sin(i + 1.0);
        }
        return x;
    }
}
