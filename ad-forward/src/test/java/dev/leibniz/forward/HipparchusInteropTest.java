package dev.leibniz.forward;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.hipparchus.linear.Array2DRowFieldMatrix;
import org.hipparchus.linear.ArrayFieldVector;
import org.hipparchus.linear.FieldLUDecomposition;
import org.hipparchus.linear.FieldVector;
import org.hipparchus.ode.FieldExpandableODE;
import org.hipparchus.ode.FieldODEState;
import org.hipparchus.ode.FieldODEStateAndDerivative;
import org.hipparchus.ode.FieldOrdinaryDifferentialEquation;
import org.hipparchus.ode.nonstiff.ClassicalRungeKuttaFieldIntegrator;
import org.hipparchus.ode.nonstiff.DormandPrince54FieldIntegrator;
import org.junit.jupiter.api.Test;

/**
 * Hipparchus' field-based algorithms run unchanged on Leibniz duals and return derivatives of
 * their results: an ODE solution's sensitivity to a rate constant, and a linear solve's
 * sensitivity to a matrix entry, each checked against its closed form.
 */
class HipparchusInteropTest {

    /** y' = −k·y, one state. */
    private static FieldOrdinaryDifferentialEquation<Dual> decay(Dual k) {
        return new FieldOrdinaryDifferentialEquation<>() {
            @Override
            public int getDimension() {
                return 1;
            }

            @Override
            public Dual[] computeDerivatives(Dual t, Dual[] y) {
                return new Dual[] {k.negate().multiply(y[0])};
            }
        };
    }

    @Test
    void rungeKuttaOnDualsGivesTheSensitivityOfTheSolution() {
        // y(T) = y0·e^{−kT}, so ∂y(T)/∂k = −T·y0·e^{−kT}
        double k = 0.7;
        double y0 = 1.3;
        double T = 2.0;
        Dual kd = Dual.variable(k);
        ClassicalRungeKuttaFieldIntegrator<Dual> rk =
                new ClassicalRungeKuttaFieldIntegrator<>(DualField.getInstance(), Dual.constant(0.01));
        FieldODEStateAndDerivative<Dual> end = rk.integrate(new FieldExpandableODE<>(decay(kd)),
                new FieldODEState<>(Dual.constant(0.0), new Dual[] {Dual.constant(y0)}), Dual.constant(T));
        Dual y = end.getPrimaryState()[0];
        double exact = y0 * Math.exp(-k * T);
        // RK4 with h = 0.01: global error about T·(kh)⁵/120·y ≈ 1e-12 here
        assertEquals(T, end.getTime().value(), 1e-12);
        assertEquals(exact, y.value(), 1e-10);
        assertEquals(-T * exact, y.tangent(), 1e-10);
    }

    @Test
    void adaptiveDormandPrinceOnDualsGivesTheSensitivityToTolerance() {
        double k = 1.9;
        double y0 = 0.4;
        double T = 1.5;
        DormandPrince54FieldIntegrator<Dual> dp =
                new DormandPrince54FieldIntegrator<>(DualField.getInstance(), 1e-8, 1.0, 1e-12, 1e-12);
        FieldODEStateAndDerivative<Dual> end = dp.integrate(new FieldExpandableODE<>(decay(Dual.variable(k))),
                new FieldODEState<>(Dual.constant(0.0), new Dual[] {Dual.constant(y0)}), Dual.constant(T));
        Dual y = end.getPrimaryState()[0];
        double exact = y0 * Math.exp(-k * T);
        assertEquals(exact, y.value(), 1e-10);
        assertEquals(-T * exact, y.tangent(), 1e-9);
    }

    @Test
    void fieldLuSolveOnDualsDifferentiatesTheSolution() {
        // A(p) = [[2 + p, 1], [1, 3]], b = [1, 2]: x = [1, 3 + 2p]/(5 + 3p), dx/dp = [−3, 1]/(5 + 3p)²
        double p = 0.4;
        Dual pd = Dual.variable(p);
        Dual[][] a = {{pd.add(2.0), Dual.constant(1.0)}, {Dual.constant(1.0), Dual.constant(3.0)}};
        FieldVector<Dual> b = new ArrayFieldVector<>(new Dual[] {Dual.constant(1.0), Dual.constant(2.0)});
        FieldVector<Dual> x = new FieldLUDecomposition<>(new Array2DRowFieldMatrix<>(a)).getSolver().solve(b);
        double det = 5 + 3 * p;
        assertEquals(1 / det, x.getEntry(0).value(), 1e-15);
        assertEquals((3 + 2 * p) / det, x.getEntry(1).value(), 1e-15);
        assertEquals(-3 / (det * det), x.getEntry(0).tangent(), 1e-15);
        assertEquals(1 / (det * det), x.getEntry(1).tangent(), 1e-15);
    }
}
