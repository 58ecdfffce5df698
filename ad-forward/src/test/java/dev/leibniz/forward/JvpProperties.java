package dev.leibniz.forward;

import static dev.leibniz.forward.RandomForwardGraphs.close;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Program;
import dev.leibniz.forward.RandomForwardGraphs.Case;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;

/**
 * The JVP graph (symbolic partials, one direction per evaluation) and the numeric k-lane sweep
 * agree on random graphs, and both satisfy the dot-product identity ⟨u, J v⟩ = ⟨Jᵀu, v⟩ with
 * ad-core's reverse-mode vector–Jacobian product.
 */
class JvpProperties {

    @Property(tries = 150)
    void jvpGraphMatchesLanesAndReverseMode(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        int m = 1 + rnd.nextInt(3);
        int k = 1 + rnd.nextInt(4);
        Case c = RandomForwardGraphs.random(rnd, n, m, 4);
        double[] x = RandomForwardGraphs.point(rnd, n);
        double[][] v = new double[k][];
        double[] seeds = new double[n * k];
        for (int l = 0; l < k; l++) {
            v[l] = RandomForwardGraphs.point(rnd, n);
            for (int j = 0; j < n; j++) {
                seeds[j * k + l] = v[l][j];
            }
        }
        ForwardProgram fp = ForwardProgram.prepare(c.graph(), k);
        TangentLanes ws = fp.newWorkspace();
        fp.jvp(x, seeds, ws);
        double[] jv = new double[m * k];
        fp.outputTangents(ws, jv);

        Graph jvpGraph = JvpGraph.of(c.graph());
        Program jvpProgram = jvpGraph.compile();
        Program f = c.graph().compile();
        double[] fx = f.evaluate(x);
        double[] u = RandomForwardGraphs.point(rnd, m);
        double[] jtu = f.vjp(x, u);
        for (int l = 0; l < k; l++) {
            double[] in = new double[2 * n];
            System.arraycopy(x, 0, in, 0, n);
            System.arraycopy(v[l], 0, in, n, n);
            double[] out = jvpProgram.evaluate(in);
            String where = c + " at " + java.util.Arrays.toString(x) + " along " + java.util.Arrays.toString(v[l]);
            double lhs = 0;
            double scale = 0;
            for (int j = 0; j < m; j++) {
                assertTrue(out[j] == fx[j] || (Double.isNaN(out[j]) && Double.isNaN(fx[j])), "value of output " + j + ": " + where);
                assertTrue(close(out[m + j], jv[j * k + l], 1e-12), "graph " + out[m + j] + " vs lanes " + jv[j * k + l]
                        + " (output " + j + ", lane " + l + "): " + where);
                assertTrue(close(fp.outputValue(ws, j), fx[j], 0.0), "lane values: " + where);
                lhs += u[j] * jv[j * k + l];
                scale += Math.abs(u[j] * jv[j * k + l]);
            }
            double rhs = 0;
            for (int i = 0; i < n; i++) {
                rhs += jtu[i] * v[l][i];
                scale += Math.abs(jtu[i] * v[l][i]);
            }
            assertTrue(Math.abs(lhs - rhs) <= 1e-12 * Math.max(1.0, scale), "<u, Jv> = " + lhs + " but <J'u, v> = " + rhs
                    + ": " + where);
        }
    }
}
