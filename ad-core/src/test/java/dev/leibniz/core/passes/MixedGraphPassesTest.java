package dev.leibniz.core.passes;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Gradient;
import dev.leibniz.core.Var;
import org.junit.jupiter.api.Test;

/** The passes keep shapes and matrix constants, and leave values and gradients unchanged. */
class MixedGraphPassesTest {

    @Test
    void optimizingAMatrixGraphKeepsValuesGradientsAndShapes() {
        GraphBuilder b = GraphBuilder.tracing();
        Var w = b.input("W", new Shape(2, 3));
        Var x = b.input("x", new Shape(3, 1));
        Var c = b.constant(new double[] {1, 2}, new Shape(2, 1));
        Var h1 = w.matmul(x).add(c).tanh();
        Var h2 = w.matmul(x).add(c).tanh();       // a common subexpression
        Var two = b.constant(1.0).add(b.constant(1.0)); // folds to 2
        Var loss = h1.mul(h2).sumAll().mul(two);
        Graph g = b.build("loss", loss);

        OptimizationReport r = Passes.optimize(g);
        Graph o = r.graph();
        assertEquals(new Shape(2, 3), o.shape(o.inputNode(0)));
        assertEquals(1, r.constantsFolded());
        double[] wv = {0.1, -0.2, 0.3, 0.4, 0.5, -0.6};
        double[] xv = {1.0, 2.0, -1.0};
        Gradient before = g.compile().gradient(wv, xv);
        Gradient after = o.compile().gradient(wv, xv);
        assertEquals(before.value(), after.value(), 1e-15 * Math.abs(before.value()));
        assertArrayEquals(before.array("W"), after.array("W"), 1e-14);
        assertArrayEquals(before.array("x"), after.array("x"), 1e-14);
        // the oracle: loss = 2·Σ tanh(Wx + c)², so dloss/dx = Wᵀ·(4·tanh·(1 − tanh²))
        double[] z = new double[2];
        double expected = 0;
        for (int i = 0; i < 2; i++) {
            z[i] = Math.tanh(wv[3 * i] * xv[0] + wv[3 * i + 1] * xv[1] + wv[3 * i + 2] * xv[2] + (i + 1));
            expected += 2 * z[i] * z[i];
        }
        assertEquals(expected, after.value(), 1e-14);
        for (int k = 0; k < 3; k++) {
            double d = 0;
            for (int i = 0; i < 2; i++) {
                d += wv[3 * i + k] * 4 * z[i] * (1 - z[i] * z[i]);
            }
            assertEquals(d, after.array("x")[k], 1e-14);
        }
    }
}
