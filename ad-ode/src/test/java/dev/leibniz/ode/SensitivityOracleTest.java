package dev.leibniz.ode;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.apache.commons.math3.ode.ExpandableStatefulODE;
import org.apache.commons.math3.ode.JacobianMatrices;
import org.apache.commons.math3.ode.MainStateJacobianProvider;
import org.apache.commons.math3.ode.ParameterJacobianProvider;
import org.hipparchus.ode.ExpandableODE;
import org.hipparchus.ode.ODEJacobiansProvider;
import org.hipparchus.ode.ODEState;
import org.hipparchus.ode.ODEStateAndDerivative;
import org.hipparchus.ode.VariationalEquation;
import org.hipparchus.ode.nonstiff.DormandPrince853Integrator;
import org.junit.jupiter.api.Test;

/**
 * Forward sensitivities of Lotka–Volterra against the variational equations of Hipparchus
 * ({@code VariationalEquation}) and Apache Commons Math 3 ({@code JacobianMatrices}), both fed
 * with hand-written Jacobians.
 */
class SensitivityOracleTest {
    private static final String[] NAMES = {"alpha", "beta", "gamma", "delta"};
    private static final double[] P = Problems.LV_PARAMS;
    private static final double T = 12.0;

    private static Sensitivities ours() {
        return Ode.forwardSensitivities(Problems.lotkaVolterra(), P, new double[] {T},
                SolverOptions.DEFAULT.withTolerances(1e-11, 1e-11));
    }

    @Test
    void agreesWithHipparchusVariationalEquation() {
        ODEJacobiansProvider lv = new ODEJacobiansProvider() {
            public int getDimension() {
                return 2;
            }

            public double[] computeDerivatives(double t, double[] y) {
                return Problems.lvRhs(y, P);
            }

            public double[][] computeMainStateJacobian(double t, double[] y, double[] yDot) {
                return Problems.lvJacobian(y, P);
            }

            public List<String> getParametersNames() {
                return List.of(NAMES);
            }

            public boolean isSupported(String name) {
                return List.of(NAMES).contains(name);
            }

            public double[] computeParameterJacobian(double t, double[] y, double[] yDot, String name) {
                return Problems.lvParameterJacobian(y, List.of(NAMES).indexOf(name));
            }
        };
        ExpandableODE expandable = new ExpandableODE(lv);
        VariationalEquation ve = new VariationalEquation(expandable, lv);
        ODEState init = ve.setUpInitialState(new ODEState(0, Problems.LV_Y0));
        ODEStateAndDerivative fin = new DormandPrince853Integrator(1e-12, 10, 1e-12, 1e-12)
                .integrate(expandable, init, T);
        double[][] refY0 = ve.extractMainSetJacobian(fin);
        Sensitivities s = ours();
        double[][] dy0 = s.withRespectToInitialState(0);
        double[][] dp = s.withRespectToParameters(0);
        for (int i = 0; i < 2; i++) {
            Problems.assertClose(refY0[i], dy0[i], 1e-7, "dy/dy0 row " + i);
        }
        for (int j = 0; j < 4; j++) {
            double[] ref = ve.extractParameterJacobian(fin, NAMES[j]);
            for (int i = 0; i < 2; i++) {
                assertEquals(ref[i], dp[i][j], 1e-7 * Math.abs(ref[i]), "d" + i + "/d" + NAMES[j]);
            }
        }
    }

    @Test
    void agreesWithCommonsMathJacobianMatrices() {
        class Lv implements MainStateJacobianProvider, ParameterJacobianProvider {
            public int getDimension() {
                return 2;
            }

            public void computeDerivatives(double t, double[] y, double[] yDot) {
                System.arraycopy(Problems.lvRhs(y, P), 0, yDot, 0, 2);
            }

            public void computeMainStateJacobian(double t, double[] y, double[] yDot, double[][] dFdY) {
                double[][] j = Problems.lvJacobian(y, P);
                for (int i = 0; i < 2; i++) {
                    System.arraycopy(j[i], 0, dFdY[i], 0, 2);
                }
            }

            public java.util.Collection<String> getParametersNames() {
                return List.of(NAMES);
            }

            public boolean isSupported(String name) {
                return List.of(NAMES).contains(name);
            }

            public void computeParameterJacobian(double t, double[] y, double[] yDot, String name, double[] dFdP) {
                System.arraycopy(Problems.lvParameterJacobian(y, List.of(NAMES).indexOf(name)), 0, dFdP, 0, 2);
            }
        }
        Lv lv = new Lv();
        JacobianMatrices jm = new JacobianMatrices(lv, NAMES);
        jm.addParameterJacobianProvider(lv);
        ExpandableStatefulODE efode = new ExpandableStatefulODE(lv);
        efode.setTime(0);
        efode.setPrimaryState(Problems.LV_Y0.clone());
        jm.registerVariationalEquations(efode);
        new org.apache.commons.math3.ode.nonstiff.DormandPrince853Integrator(1e-12, 10, 1e-12, 1e-12)
                .integrate(efode, T);
        double[][] refY0 = new double[2][2];
        jm.getCurrentMainSetJacobian(refY0);
        Sensitivities s = ours();
        double[][] dy0 = s.withRespectToInitialState(0);
        double[][] dp = s.withRespectToParameters(0);
        for (int i = 0; i < 2; i++) {
            Problems.assertClose(refY0[i], dy0[i], 1e-7, "dy/dy0 row " + i);
        }
        Problems.assertClose(efode.getPrimaryState(), s.solution().state(0), 1e-9, "state");
        for (int j = 0; j < 4; j++) {
            double[] ref = new double[2];
            jm.getCurrentParameterJacobian(NAMES[j], ref);
            for (int i = 0; i < 2; i++) {
                assertEquals(ref[i], dp[i][j], 1e-7 * Math.abs(ref[i]), "d" + i + "/d" + NAMES[j]);
            }
        }
    }
}
