package dev.leibniz.core;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.Primitives;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.junit.jupiter.api.Test;

/**
 * The specialized loops of the generated {@link dev.leibniz.core.compile.internal.Interpreter} must give exactly — bit for bit — the values and
 * adjoints of the reference loops of {@link Engine}, which go through each primitive's own rules.
 */
class InterpreterProperties {

    @Property(tries = 300)
    void fastLoopsEqualReferenceLoopsOnRandomGraphs(@ForAll @LongRange(min = 0, max = 1L << 40) long seed) {
        Random rnd = new Random(seed);
        Graph g = RandomGraphs.graph(rnd);
        double[] x = new double[g.inputCount()];
        for (int i = 0; i < x.length; i++) {
            x[i] = rnd.nextGaussian() * 2;
        }
        assertSameSweeps(g, x);
    }

    @Test
    void everyPrimitiveAgreesOnAOneNodeGraph() {
        Random rnd = new Random(7);
        for (Primitive p : Primitives.scalarPrimitives()) {
            if (p.kind() == Primitive.Kind.INPUT || p.kind() == Primitive.Kind.CONSTANT) {
                continue;
            }
            int n = p.arity() < 0 ? 3 : p.arity();
            for (int trial = 0; trial < 50; trial++) {
                GraphBuilder b = GraphBuilder.tracing();
                Var[] in = new Var[n];
                double[] x = new double[n];
                for (int k = 0; k < n; k++) {
                    in[k] = b.input("x" + k);
                    x[k] = trial % 5 == 0 ? 0.0 : 0.1 + rnd.nextDouble() * 2; // include kinks at 0
                }
                double param = p == dev.leibniz.core.prim.Arithmetic.POWI ? 3 : p.hasParam() ? 1 : 0;
                Graph g = b.build("f", b.apply(p, param, in));
                assertSameSweeps(g, x);
            }
        }
    }

    private static void assertSameSweeps(Graph g, double[] x) {
        Engine.Nodes t = Engine.Nodes.of(g);
        double[] scratch = new double[8];
        double[] fast = new double[g.size()];
        double[] ref = new double[g.size()];
        dev.leibniz.core.compile.internal.Interpreter.INSTANCE.forward(0, t.size(), t.op(), t.argStart(), t.argPool(), t.constPool(), x, fast, Subgradients.DEFAULT, scratch);
        Engine.reference(t, x, ref, EvalOptions.DEFAULT, scratch);
        for (int i = 0; i < ref.length; i++) {
            assertEquals(Double.doubleToLongBits(ref[i]), Double.doubleToLongBits(fast[i]),
                    "forward value of node " + g.nodeListing(i));
        }
        double[] gf = new double[g.size()];
        double[] gr = new double[g.size()];
        boolean[] rf = new boolean[g.size()];
        boolean[] rr = new boolean[g.size()];
        for (int j = 0; j < g.outputCount(); j++) {
            gf[g.outputNode(j)] += 1.0 + j;
            gr[g.outputNode(j)] += 1.0 + j;
            rf[g.outputNode(j)] = true;
            rr[g.outputNode(j)] = true;
        }
        dev.leibniz.core.compile.internal.Interpreter.INSTANCE.backward(0, t.size(), t.op(), t.argStart(), t.argPool(), t.constPool(), ref, gf, rf, Subgradients.DEFAULT, scratch);
        Engine.referenceBackward(t, ref, gr, rr, EvalOptions.DEFAULT, scratch);
        for (int i = 0; i < gr.length; i++) {
            assertEquals(Double.doubleToLongBits(gr[i]), Double.doubleToLongBits(gf[i]),
                    "adjoint of node " + g.nodeListing(i));
            assertEquals(rr[i], rf[i], "reach of node " + i);
        }
    }
}
