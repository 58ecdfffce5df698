package dev.leibniz.forward;

import static dev.leibniz.forward.RandomForwardGraphs.close;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.forward.RandomForwardGraphs.Case;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * The Jacobian by columns (forward mode, any lane count) and by rows (reverse mode) agree to
 * 1e-12 relative on random graphs, and both agree with Hipparchus' Gradient.
 */
class JacobianProperties {

    @Property(tries = 150)
    void forwardAndReverseJacobiansAgree(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(6);
        int m = 1 + rnd.nextInt(4);
        Case c = RandomForwardGraphs.random(rnd, n, m, 4);
        double[] x = RandomForwardGraphs.point(rnd, n);
        int lanes = 1 + rnd.nextInt(n + 1);

        DMatrixRMaj fwd = Jacobians.jacobianForward(c.graph(), x, lanes);
        DMatrixRMaj fwdDefault = Jacobians.jacobianForward(c.graph(), x);
        DMatrixRMaj rev = Jacobians.jacobianReverse(c.graph(), x);

        Gradient[] xg = new Gradient[n];
        for (int i = 0; i < n; i++) {
            xg[i] = Gradient.variable(n, i, x[i]);
        }
        Gradient[] oracle = c.eval(new ExprOps.FieldOps<>(Gradient.constant(n, 0.0)), xg, Gradient[]::new);

        assertEquals(m, fwd.numRows);
        assertEquals(n, fwd.numCols);
        assertEquals(m, rev.numRows);
        assertEquals(n, rev.numCols);
        for (int i = 0; i < m; i++) {
            for (int j = 0; j < n; j++) {
                String where = "J[" + i + "][" + j + "] of " + c + " at " + java.util.Arrays.toString(x) + ", k = " + lanes;
                assertTrue(close(fwd.get(i, j), rev.get(i, j), 1e-12), "forward " + fwd.get(i, j) + " vs reverse "
                        + rev.get(i, j) + ": " + where);
                assertEquals(fwd.get(i, j), fwdDefault.get(i, j), 0.0, "lane count changed a result: " + where);
                assertTrue(close(oracle[i].getGradient()[j], fwd.get(i, j), 1e-9), "forward " + fwd.get(i, j)
                        + " vs Hipparchus " + oracle[i].getGradient()[j] + ": " + where);
            }
        }
    }
}
