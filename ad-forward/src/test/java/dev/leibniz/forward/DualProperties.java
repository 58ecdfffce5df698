package dev.leibniz.forward;

import static dev.leibniz.forward.RandomForwardGraphs.close;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.leibniz.forward.RandomForwardGraphs.Case;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.hipparchus.analysis.differentiation.DSFactory;
import org.hipparchus.analysis.differentiation.DerivativeStructure;
import org.hipparchus.analysis.differentiation.Gradient;

/**
 * Duals on random expressions against three independent implementations of forward mode:
 * Hipparchus' Gradient and DerivativeStructure (order 1), and Commons Math 3's
 * DerivativeStructure. The dual is seeded with a random direction v, so its tangent must equal
 * the oracle's gradient dotted with v.
 */
class DualProperties {
    private static final double TOL = 1e-9;

    @Property(tries = 200)
    void dualTangentIsGradientDotDirection(@ForAll long seed) {
        Random rnd = new Random(seed);
        int n = 1 + rnd.nextInt(4);
        Case c = RandomForwardGraphs.random(rnd, n, 1, 4);
        double[] x = RandomForwardGraphs.point(rnd, n);
        double[] v = RandomForwardGraphs.point(rnd, n);

        Dual[] xd = new Dual[n];
        Gradient[] xg = new Gradient[n];
        DSFactory factory = new DSFactory(n, 1);
        DerivativeStructure[] xs = new DerivativeStructure[n];
        org.apache.commons.math3.analysis.differentiation.DerivativeStructure[] xc =
                new org.apache.commons.math3.analysis.differentiation.DerivativeStructure[n];
        for (int i = 0; i < n; i++) {
            xd[i] = new Dual(x[i], v[i]);
            xg[i] = Gradient.variable(n, i, x[i]);
            xs[i] = factory.variable(i, x[i]);
            xc[i] = new org.apache.commons.math3.analysis.differentiation.DerivativeStructure(n, 1, i, x[i]);
        }
        Dual d = c.outputs()[0].eval(new ExprOps.DualOps(), xd);
        Gradient g = c.outputs()[0].eval(new ExprOps.FieldOps<>(Gradient.constant(n, 0.0)), xg);
        DerivativeStructure s = c.outputs()[0].eval(new ExprOps.FieldOps<>(factory.constant(0.0)), xs);
        var cm = c.outputs()[0].eval(new ExprOps.Cm3Ops(n, 1), xc);

        double gDotV = 0;
        double sDotV = 0;
        double cDotV = 0;
        int[] orders = new int[n];
        for (int i = 0; i < n; i++) {
            gDotV += g.getGradient()[i] * v[i];
            orders[i] = 1;
            sDotV += s.getPartialDerivative(orders) * v[i];
            cDotV += cm.getPartialDerivative(orders) * v[i];
            orders[i] = 0;
        }
        // at a kink the reference libraries have no derivative (hypot at the origin, reached when two
        // relu outputs are both exactly 0, gives 0/0 = NaN there), while Leibniz applies its subgradient
        // convention: such points say nothing about the tangent rule, so they are not compared
        net.jqwik.api.Assume.that(Double.isNaN(d.tangent()) || !(Double.isNaN(gDotV) || Double.isNaN(sDotV)
                || Double.isNaN(cDotV)));
        String where = c + " at " + java.util.Arrays.toString(x) + " along " + java.util.Arrays.toString(v);
        assertTrue(close(g.getValue(), d.value(), TOL), "value vs Hipparchus Gradient: " + where);
        assertTrue(close(cm.getValue(), d.value(), TOL), "value vs Commons Math: " + where);
        assertTrue(close(gDotV, d.tangent(), TOL), "tangent " + d.tangent() + " vs Hipparchus Gradient " + gDotV + ": " + where);
        assertTrue(close(sDotV, d.tangent(), TOL), "tangent " + d.tangent() + " vs Hipparchus DS " + sDotV + ": " + where);
        assertTrue(close(cDotV, d.tangent(), TOL), "tangent " + d.tangent() + " vs Commons Math DS " + cDotV + ": " + where);
    }
}
