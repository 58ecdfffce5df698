package dev.leibniz.forward;

import static dev.leibniz.forward.RandomForwardGraphs.close;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.core.Program;
import dev.leibniz.forward.RandomForwardGraphs.Case;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.ejml.data.DMatrixRMaj;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;

/**
 * Forward-over-reverse second derivatives on random graphs: the full Hessian against Hipparchus'
 * DerivativeStructure of order 2, and Hessian–vector products against central finite
 * differences of reverse-mode gradients.
 */
class HessianProperties {

    @Property(tries = 100)
    void hessianMatchesDerivativeStructureOfOrderTwo(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        Case c = RandomForwardGraphs.random(rnd, n, 1, 4);
        double[] x = RandomForwardGraphs.point(rnd, n);
        HessianProgram hp = HessianProgram.prepare(c.graph(), 0, 1 + rnd.nextInt(n), dev.leibniz.core.EvalOptions.DEFAULT);
        DMatrixRMaj h = hp.hessian(x);

        DSFactory factory = new DSFactory(n, 2);
        DerivativeStructure[] xs = new DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            xs[i] = factory.variable(i, x[i]);
        }
        DerivativeStructure s = c.outputs()[0].eval(new ExprOps.FieldOps<>(factory.constant(0.0)), xs);
        for (int i = 0; i < n; i++) {
            for (int j = 0; j < n; j++) {
                int[] orders = new int[n];
                orders[i]++;
                orders[j]++;
                double expected = s.getPartialDerivative(orders);
                assertTrue(close(expected, h.get(i, j), 1e-9), "H[" + i + "][" + j + "] = " + h.get(i, j) + " but Hipparchus "
                        + expected + ": " + c + " at " + java.util.Arrays.toString(x));
            }
        }
    }

    @Property(tries = 100)
    void hvpMatchesFiniteDifferencesOfGradients(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(5);
        Case c = RandomForwardGraphs.random(rnd, n, 1, 3);
        double[] x = RandomForwardGraphs.point(rnd, n);
        double[] v = RandomForwardGraphs.point(rnd, n);
        double[] hv = Hessians.hvp(c.graph(), x, v);

        Program f = c.graph().compile();
        double h = 1e-5;
        double[] xp = x.clone();
        double[] xm = x.clone();
        for (int i = 0; i < n; i++) {
            xp[i] += h * v[i];
            xm[i] -= h * v[i];
        }
        double[] gp = f.gradient(xp).toArray();
        double[] gm = f.gradient(xm).toArray();
        for (int i = 0; i < n; i++) {
            double fd = (gp[i] - gm[i]) / (2 * h);
            // central differences: truncation O(h²·|∇³f|), rounding O(ε·|∇f|/h)
            assertTrue(close(fd, hv[i], 1e-5), "(Hv)[" + i + "] = " + hv[i] + " but finite differences give " + fd + ": "
                    + c + " at " + java.util.Arrays.toString(x) + " along " + java.util.Arrays.toString(v));
        }
    }
}
