package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphBuilder;
import dev.leibniz.core.Program;
import dev.leibniz.core.Var;
import java.lang.management.ManagementFactory;
import org.ejml.data.DMatrixRMaj;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

/**
 * Regression: {@link Jacobians#jacobianReverse(Program, double[], EvalOptions, DMatrixRMaj)}
 * allocated node-sized adjoint and reach arrays for every one of its m backward sweeps (446 MB
 * per Jacobian of the 32×32 Brusselator). It now reuses one workspace; the bytes it allocates
 * per Jacobian stay below one byte per node per row (the old code took about nine), counted by
 * the JVM's per-thread allocation counter. The values are checked against one VJP per row.
 */
class JacobianReverseAllocationTest {

    /** f_i = Σ_{k<20} sin(x_{(i+k) mod n}) · x_i: many nodes per input. */
    static Graph graph(int n) {
        GraphBuilder b = GraphBuilder.tracing();
        Var[] x = new Var[n];
        for (int j = 0; j < n; j++) {
            x[j] = b.input("x" + j);
        }
        String[] names = new String[n];
        int[] outs = new int[n];
        for (int i = 0; i < n; i++) {
            Var s = x[i];
            for (int k = 1; k < 20; k++) {
                s = s.add(x[(i + k) % n].sin().mul(x[i]));
            }
            names[i] = "f" + i;
            outs[i] = s.node();
        }
        return b.build(names, outs);
    }

    private static long allocated() {
        if (ManagementFactory.getThreadMXBean() instanceof com.sun.management.ThreadMXBean t
                && t.isThreadAllocatedMemorySupported()) {
            return t.getThreadAllocatedBytes(Thread.currentThread().getId());
        }
        return -1;
    }

    @Test
    void reverseJacobianReusesOneWorkspaceAcrossRows() {
        Assumptions.assumeTrue(allocated() >= 0, "the JVM counts allocated bytes per thread");
        int n = 200;
        Graph g = graph(n);
        Program p = g.compile();
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = 0.01 * j - 0.7;
        }
        DMatrixRMaj out = new DMatrixRMaj(n, n);
        Jacobians.jacobianReverse(p, x, EvalOptions.DEFAULT, out);
        long a0 = allocated();
        Jacobians.jacobianReverse(p, x, EvalOptions.DEFAULT, out);
        long bytes = allocated() - a0;
        long budget = (long) n * g.size(); // one byte per node per row; the old code took ~9
        assertTrue(bytes < budget, bytes + " bytes allocated for one Jacobian, budget " + budget
                + " (" + g.size() + " nodes, " + n + " rows)");
        for (int i = 0; i < n; i++) {
            double[] ct = new double[n];
            ct[i] = 1;
            double[] row = p.vjp(x, ct);
            double[] got = new double[n];
            System.arraycopy(out.data, i * n, got, 0, n);
            assertArrayEquals(row, got, 0.0, "row " + i);
        }
    }
}
