package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The listing (one node a line) and the Graphviz export. */
class GraphPrintingTest {

    @Test
    void listingOfASmallGraph() {
        Graph f = Graph.trace(v -> v[0].mul(v[1]).add(v[0].sin()), "x", "y");
        assertEquals("""
                graph (x, y) -> (f)
                  %0 = input x
                  %1 = input y
                  %2 = mul %0 %1
                  %3 = sin %0
                  %4 = add %2 %3
                  f = %4
                """, f.toString());
    }

    @Test
    void listingShowsConstantsIntegerPowersAndParameters() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var y = b.input("y");
        Var cube = x.pow(3);
        Var scaled = cube.mul(2.5);
        Var loss = Var.softmaxCrossEntropy(1, scaled, y);
        Map<String, Var> outs = new LinkedHashMap<>();
        outs.put("loss", loss);
        outs.put("cube", cube);
        Graph g = b.build(outs);
        assertEquals("""
                graph (x, y) -> (loss, cube)
                  %0 = input x
                  %1 = input y
                  %2 = powi 3 %0
                  %3 = const 2.5
                  %4 = mul %2 %3
                  %5 = softmax_xent target=1 %4 %1
                  loss = %5
                  cube = %2
                """, g.toString());
        assertEquals("%5 = softmax_xent target=1 %4 %1", g.nodeListing(5));
        assertEquals("%3 = const 2.5", g.nodeListing(3));
    }

    @Test
    void theGradientOfAProductIsAPrintableGraph() {
        // ∂(x·y)/∂x = y and ∂(x·y)/∂y = x: mul's rule returns its other argument, and the seed 1
        // is not multiplied in, so the derivative outputs are the inputs themselves
        Graph grad = ReverseMode.gradientGraph(Graph.trace(v -> v[0].mul(v[1]), "x", "y"));
        assertEquals("""
                graph (x, y) -> (f, df/dx, df/dy)
                  %0 = input x
                  %1 = input y
                  %2 = mul %0 %1
                  %3 = const 1
                  f = %2
                  df/dx = %1
                  df/dy = %0
                """, grad.toString());
    }

    @Test
    void dotExportIsWellFormedAndHasEveryNodeAndEdge() {
        GraphBuilder b = GraphBuilder.tracing();
        Var x = b.input("x");
        Var q = b.input("say \"q\"");
        Var s = x.mul(q).add(x.sin()).sub(1.5);
        Graph g = b.build("f", s);
        String dot = g.toDot();
        assertTrue(dot.startsWith("digraph "), dot);
        assertTrue(dot.trim().endsWith("}"), dot);
        assertEquals(count(dot, '{'), count(dot, '}'), "balanced braces:\n" + dot);
        assertEquals(1, count(dot, '{'), dot);
        for (String line : dot.split("\n")) {
            // every quote inside a label is escaped, so unescaped quotes pair up on each line
            assertEquals(0, line.replace("\\\"", "").chars().filter(c -> c == '"').count() % 2, line);
        }
        for (int i = 0; i < g.size(); i++) {
            assertTrue(dot.contains("  n" + i + " [label=\"%" + i + ": "), "node " + i + ":\n" + dot);
            for (int k = 0; k < g.arity(i); k++) {
                assertTrue(dot.contains("  n" + g.arg(i, k) + " -> n" + i + ";"), "edge into " + i + ":\n" + dot);
            }
        }
        assertTrue(dot.contains("[label=\"%0: x\", style=filled"), dot);
        assertTrue(dot.contains("[label=\"%1: say \\\"q\\\"\""), dot);
        assertTrue(dot.contains("[label=\"%2: mul\"]"), dot);
        assertTrue(dot.contains("[label=\"%5: 1.5\", style=dashed]"), dot);
        assertTrue(dot.contains("out0 [label=\"f\", shape=ellipse]"), dot);
        assertTrue(dot.contains("n" + g.outputNode(0) + " -> out0;"), dot);
        long edges = dot.lines().filter(l -> l.contains("->")).count();
        int expected = 1; // the output edge
        for (int i = 0; i < g.size(); i++) {
            expected += g.arity(i);
        }
        assertEquals(expected, edges, dot);
    }

    private static long count(String s, char c) {
        return s.chars().filter(ch -> ch == c).count();
    }
}
