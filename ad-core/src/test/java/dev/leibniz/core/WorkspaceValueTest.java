package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

/** {@link Workspace#value(int)}: every node's values after an evaluation, scalar or matrix. */
class WorkspaceValueTest {

    @Test
    void intermediateValuesOfScalarAndMatrixNodes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("X", new Shape(2, 2));
        Var s = b.input("s");
        Var t = x.transpose();                  // [[1, 3], [2, 4]]
        Var e = s.mul(2.0);                     // a scalar node among matrix ones
        Graph g = b.build("y", t.mul(e).sumAll());
        Program p = g.compile();
        Workspace ws = p.newWorkspace();
        p.evaluate(ws, new double[][] {{1, 2, 3, 4}, {0.5}}, EvalOptions.DEFAULT);
        assertArrayEquals(new double[] {1, 3, 2, 4}, ws.value(t.node()), 0.0);
        assertArrayEquals(new double[] {1.0}, ws.value(e.node()), 0.0);
        assertArrayEquals(new double[] {10.0}, ws.value(g.outputNode(0)), 0.0);
        assertArrayEquals(ws.output(0), ws.value(g.outputNode(0)), 0.0);
        GraphException bad = assertThrows(GraphException.class, () -> ws.value(g.size()));
        assertTrue(bad.getMessage().contains("%" + g.size()), bad.getMessage());
    }
}
