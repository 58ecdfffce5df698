package dev.leibniz.ode.internal;

import dev.leibniz.ode.ButcherTableau;
import dev.leibniz.ode.RosenbrockTableau;

/**
 * An explicit method that hands over to a stiff one when the problem turns stiff, with the
 * stiffness test of Hairer's DOPRI5 (Hairer, Nørsett &amp; Wanner, Solving ODEs I, II.10, and
 * Solving ODEs II, IV.2): after each accepted explicit step, the last two stages at c = 1,
 * {@code k_s = f(t+h, y₁)} and {@code k_{s−1} = f(t+h, Y_{s−1})}, give a power-iteration estimate
 * of the dominant eigenvalue's modulus,
 * <pre>  h|λ| ≈ h ‖k_s − k_{s−1}‖ / ‖y₁ − Y_{s−1}‖.</pre>
 * When it exceeds 3.25 (near the boundary of the explicit method's stability region on the
 * negative real axis) in 15 accepted steps, without 6 steps in a row below it in between, the
 * step size is limited by stability rather than accuracy: the stepper switches to the stiff
 * method for the rest of the solve. The switch is one way (LSODA also switches back; a problem
 * that is stiff once is usually stiff again, and a Rosenbrock step on a non-stiff stretch costs
 * a Jacobian but stays accurate).
 *
 * <p>Limitation of this test, measured: at very tight tolerances the estimate can stay far below
 * the threshold on a stiff problem (Robertson at rtol 1e-12: h|λ| ≈ 0.4 for thousands of
 * explicit steps of 4e-4), so the switch comes late or not at all; name a stiff method there.
 *
 * <p>Both methods have the same error order (4 for DOPRI5 and Rodas5P), so one controller serves
 * both. The cache and the saved dense output carry which method made them, so checkpoint replay
 * (the adjoints) retraces the same switch.
 */
public final class AutoSwitch implements Stepper {
    private static final double STIFF_H_LAMBDA = 3.25;
    private static final int STIFF_STEPS = 15;
    private static final int NON_STIFF_RESET = 6;

    private final ExplicitRungeKutta explicit;
    private final Rosenbrock stiff;
    private final ButcherTableau tab;
    private final RosenbrockTableau stiffTab;
    private final String explicitName;
    private final String stiffName;
    private final int dim;
    private boolean stiffMode;
    private int stiffCount;
    private int nonStiffCount;
    private double[] yNewLast;
    private double hLast;

    public AutoSwitch(ButcherTableau explicitTableau, String explicitName, RosenbrockTableau stiffTableau,
                      String stiffName, OdeSystem sys) {
        this.explicit = new ExplicitRungeKutta(explicitTableau, sys);
        this.stiff = new Rosenbrock(stiffTableau, sys);
        this.tab = explicitTableau;
        this.stiffTab = stiffTableau;
        this.explicitName = explicitName;
        this.stiffName = stiffName;
        this.dim = sys.dimension();
        if (explicitTableau.errorOrder() != stiffTableau.errorOrder()) {
            throw new IllegalArgumentException("the two methods must share an error order");
        }
    }

    private Stepper current() {
        return stiffMode ? stiff : explicit;
    }

    /** The explicit method's tableau (the discrete adjoint differentiates its steps). */
    public ButcherTableau explicitTableau() {
        return tab;
    }

    /** The stiff method's tableau. */
    public RosenbrockTableau stiffTableau() {
        return stiffTab;
    }

    /** Whether the step being attempted or just accepted is the stiff method's (an observer asks during a step). */
    public boolean inStiffMode() {
        return stiffMode;
    }

    @Override
    public int errorOrder() {
        return tab.errorOrder();
    }

    @Override
    public boolean hasDenseOutput() {
        return true;
    }

    /** The method of the step just attempted, for the statistics. */
    @Override
    public String methodName() {
        return stiffMode ? stiffName : explicitName;
    }

    @Override
    public double attempt(double t, double[] y, double h, double[] yNew, ErrorNorm norm) {
        yNewLast = yNew;
        hLast = h;
        return current().attempt(t, y, h, yNew, norm);
    }

    @Override
    public void accept() {
        if (!stiffMode) {
            detectStiffness();
        }
        current().accept();
    }

    /** The DOPRI5 test on the accepted explicit step (its stages are still the step's). */
    private void detectStiffness() {
        int s = tab.stages();
        double[] c = tab.c();
        if (s < 2 || c[s - 1] != 1 || c[s - 2] != 1) {
            return;
        }
        // Y_{s−1} (1-based; s − 2 from 0), kept by the stepper: no recombination of the stages
        double[] ysti = explicit.penultimateStageInput();
        double num = 0;
        double den = 0;
        double[] ks = explicit.stage(s - 1);
        double[] ks1 = explicit.stage(s - 2);
        for (int m = 0; m < dim; m++) {
            double dk = ks[m] - ks1[m];
            double dy = yNewLast[m] - ysti[m];
            num += dk * dk;
            den += dy * dy;
        }
        if (den > 0 && hLast * Math.sqrt(num / den) > STIFF_H_LAMBDA) {
            nonStiffCount = 0;
            if (++stiffCount >= STIFF_STEPS) {
                stiffMode = true;
            }
        } else if (++nonStiffCount >= NON_STIFF_RESET) {
            stiffCount = 0;
        }
    }

    @Override
    public void reset() {
        explicit.reset();
        stiff.reset();
    }

    /** [mode, stiffCount, nonStiffCount, the explicit method's cache…]. */
    @Override
    public double[] cache() {
        double[] sub = current().cache();
        double[] out = new double[3 + (sub == null ? 0 : sub.length)];
        out[0] = stiffMode ? 1 : 0;
        out[1] = stiffCount;
        out[2] = nonStiffCount;
        if (sub != null) {
            System.arraycopy(sub, 0, out, 3, sub.length);
        }
        return out;
    }

    @Override
    public void restoreCache(double[] cache) {
        stiffMode = cache[0] != 0;
        stiffCount = (int) cache[1];
        nonStiffCount = (int) cache[2];
        current().restoreCache(cache.length > 3 ? java.util.Arrays.copyOfRange(cache, 3, cache.length) : null);
    }

    @Override
    public void interpolate(double theta, double t, double[] y, double h, double[] out) {
        current().interpolate(theta, t, y, h, out);
    }

    @Override
    public int denseSize() {
        return 1 + Math.max(explicit.denseSize(), stiff.denseSize());
    }

    @Override
    public void saveDense(double t, double h, double tNew, double[] yNew, double[] buf) {
        buf[0] = stiffMode ? 1 : 0;
        double[] sub = new double[current().denseSize()];
        current().saveDense(t, h, tNew, yNew, sub);
        System.arraycopy(sub, 0, buf, 1, sub.length);
    }

    @Override
    public void interpolateSaved(double[] buf, double theta, double[] y, double h, double[] out) {
        Stepper which = buf[0] != 0 ? stiff : explicit;
        double[] sub = java.util.Arrays.copyOfRange(buf, 1, 1 + which.denseSize());
        which.interpolateSaved(sub, theta, y, h, out);
    }
}
