package dev.leibniz.core.compile.internal;

import static dev.leibniz.core.compile.internal.CompiledGraphProperties.assertBits;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import dev.leibniz.core.compile.CompileStatistics;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.GraphCompiler;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A graph of 200 000 nodes with no repeats must be split into many chunk methods (each small
 * enough for the JIT) and several classes (each under the constant-pool limit), and still give
 * the interpreter's bits.
 */
class LargeGraphTest {

    /** A random graph of bounded values: binary operations on recent nodes, squashed by sin and tanh. */
    static Graph randomGraph(int operations, int inputs, long seed) {
        Random rnd = new Random(seed);
        GraphBuilder b = GraphBuilder.tracing();
        Var[] nodes = new Var[inputs + operations];
        for (int i = 0; i < inputs; i++) {
            nodes[i] = b.input("x" + i);
        }
        int n = inputs;
        Var f = nodes[0];
        for (int k = 0; k < operations; k++) {
            Var a = nodes[n - 1 - rnd.nextInt(Math.min(n, 16))];
            Var c = nodes[rnd.nextInt(n)];
            Var v = switch (rnd.nextInt(8)) {
                case 0 -> a.add(c);
                case 1 -> a.sub(c);
                case 2 -> a.mul(c.sin());
                case 3 -> a.tanh();
                case 4 -> a.sin();
                case 5 -> a.max(c);
                case 6 -> a.mul(rnd.nextDouble());
                default -> a.cos().add(c.relu());
            };
            nodes[n++] = v;
            if (rnd.nextInt(100) == 0) {
                f = f.add(v.tanh());
            }
        }
        return b.build("f", f.add(nodes[n - 1]));
    }

    @Test
    void twoHundredThousandNodesAreSplitAndExact() {
        Graph g = randomGraph(130_000, 20, 42);
        assertTrue(g.size() >= 190_000, "graph size " + g.size());
        CompiledGraph c = GraphCompiler.compile(g);
        CompileStatistics s = c.statistics();
        assertTrue(s.classes() > 1, "more than one class: " + s);
        assertTrue(s.methods() > 100, "many chunk methods: " + s);
        assertTrue(s.largestMethodBytes() < 8000, "every chunk is JIT-compilable: " + s);
        assertTrue(s.largestConstantPool() < 65535, "constant pool within the class-file limit: " + s);

        double[] x = new double[g.inputCount()];
        Random rnd = new Random(1);
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian();
        }
        Program p = g.compile();
        double[] expectedGrad = new double[x.length];
        double expected = p.valueAndGradient(p.newWorkspace(), x, expectedGrad, EvalOptions.DEFAULT);
        assertTrue(Double.isFinite(expected), "the test graph stays finite: " + expected);
        double[] grad = new double[x.length];
        double actual = c.valueAndGradient(x, grad, c.newWorkspace());
        assertBits(expected, actual, "value");
        for (int k = 0; k < x.length; k++) {
            assertBits(expectedGrad[k], grad[k], "gradient entry " + k);
        }
    }

    @Test
    void tooManySingleNodesAreRefusedWithAReason() {
        Graph g = randomGraph(GraphCompiler.MAX_SINGLE_NODES + 1000, 4, 7);
        GraphException e = assertThrows(GraphException.class, () -> GraphCompiler.compile(g));
        assertTrue(e.getMessage().contains("use the interpreter"), e.getMessage());
        assertTrue(!GraphCompiler.isWorthCompiling(g));
    }

    @Test
    void badArgumentsAreNamed() {
        Graph g = Graph.trace(v -> v[0].mul(v[1]), "a", "b");
        CompiledGraph c = GraphCompiler.compile(g);
        CompiledGraph other = GraphCompiler.compile(g);
        assertThrows(GraphException.class, () -> GraphCompiler.compile(null));
        assertThrows(GraphException.class, () -> c.valueAndGradient(new double[1], new double[2], c.newWorkspace()));
        assertThrows(GraphException.class, () -> c.valueAndGradient(new double[2], new double[1], c.newWorkspace()));
        assertThrows(LeibnizException.class, () -> c.valueAndGradient(new double[2], new double[2], other.newWorkspace()));
        assertThrows(GraphException.class, () -> c.evaluate(new double[2], new double[3], c.newWorkspace()));
        assertThrows(LeibnizException.class, () -> c.newWorkspace().setPolicy(null));
    }
}
