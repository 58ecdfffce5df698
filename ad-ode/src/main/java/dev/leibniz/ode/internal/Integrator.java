package dev.leibniz.ode.internal;

import dev.leibniz.ode.Method;
import dev.leibniz.ode.OdeException;
import java.util.List;
import java.util.stream.Collectors;

/**
 * The driver loop shared by every method and every sensitivity mode: proposes a step, asks the
 * {@link Stepper} for a trial, accepts or rejects it by the error norm (PI control for adaptive
 * methods, none for fixed steps), records outputs at the requested times and checks for failure.
 *
 * <p>Outputs: a method with dense output steps freely and interpolates the outputs inside each
 * step; other methods shorten the step to land exactly on each output time. Either way the last
 * step ends exactly at the last output time.
 *
 * <p>The driver is a resumable state machine ({@link #advance()} takes one accepted step), and
 * its whole state — time, state, proposed step, controller memory and the stepper's cached first
 * stage — can be saved and restored ({@link #snapshot()}), so the adjoint methods can replay a
 * stretch of steps from a checkpoint bit for bit.
 *
 * <p>Failures are exceptions naming time and step: step-size underflow, exhausted step budget,
 * and non-finite values (after up to 10 step reductions, since an overlarge step can overflow).
 */
public final class Integrator {
    /** Sees each accepted step before the stepper moves on (its stages are still available). */
    public interface StepObserver {
        /**
         * @param t       start of the step
         * @param h       step size (the stages were evaluated at t + c_i h)
         * @param tNew    end of the step (t + h, or exactly the output time landed on)
         * @param y       state at t
         * @param yNew    state at tNew
         * @param outFrom first output index inside (t, tNew]
         * @param outTo   one past the last
         */
        void onStep(double t, double h, double tNew, double[] y, double[] yNew, int outFrom, int outTo);
    }

    /** The saved state of the driver at an accepted step. */
    public record Snapshot(double t, double[] y, double h, int nextOutput, double[] controller, double[] cache,
                           int step) {
    }

    private static final int MAX_NON_FINITE_RETRIES = 10;

    private final OdeSystem sys;
    private final Stepper stepper;
    private final ErrorNorm norm;
    private final PiController controller;
    private final double maxStep;
    private final int maxSteps;
    private final double[] times;
    private final double[][] out;
    private final Counters counters;
    private final int dim;
    private final Method method;
    private StepObserver observer;

    private double t;
    private double[] y;
    private double[] yNew;
    private double h;
    private int nextOut;
    private int step;
    private int attempts;
    private int lastNonFinite = -1;

    /**
     * @param fixedStep the step of a method without error estimate (ignored otherwise)
     * @param initialStep first step of an adaptive method, 0 for automatic
     * @param method      the method in use, for the advice of a failure message ({@code null}: unknown)
     */
    public Integrator(OdeSystem sys, Stepper stepper, ErrorNorm norm, double fixedStep, double initialStep,
                      double maxStep, int maxSteps, double t0, double[] u0, double[] times, Counters counters,
                      Method method) {
        this.method = method;
        this.sys = sys;
        this.stepper = stepper;
        this.norm = norm;
        this.controller = stepper.errorOrder() > 0 ? new PiController(stepper.errorOrder()) : null;
        this.maxStep = maxStep;
        this.maxSteps = maxSteps;
        this.times = times;
        this.counters = counters;
        this.dim = sys.dimension();
        this.out = new double[times.length][];
        this.t = t0;
        this.y = u0.clone();
        this.yNew = new double[dim];
        checkFinite(y, t, 0.0);
        while (nextOut < times.length && times[nextOut] == t0) {
            out[nextOut++] = y.clone();
        }
        if (controller == null) {
            h = fixedStep;
        } else if (initialStep > 0) {
            h = initialStep;
        } else if (nextOut < times.length) {
            h = initialStep(times[times.length - 1] - t0);
        }
    }

    public void setObserver(StepObserver o) {
        this.observer = o;
    }

    public boolean finished() {
        return nextOut >= times.length;
    }

    /** Runs to the last output time. */
    public double[][] run() {
        while (!finished()) {
            advance();
        }
        return out;
    }

    /** The outputs so far: {@code outputs()[k]} is the state at {@code times[k]}. */
    public double[][] outputs() {
        return out;
    }

    public double time() {
        return t;
    }

    public double[] state() {
        return y;
    }

    /** The step size the controller proposes next (the fixed step for fixed-step methods). */
    public double proposedStep() {
        return h;
    }

    /** Number of accepted steps so far. */
    public int step() {
        return step;
    }

    public Snapshot snapshot() {
        return new Snapshot(t, y.clone(), h, nextOut, controller == null ? null : controller.state(), stepper.cache(),
                step);
    }

    public void restore(Snapshot s) {
        t = s.t();
        System.arraycopy(s.y(), 0, y, 0, dim);
        h = s.h();
        nextOut = s.nextOutput();
        if (controller != null) {
            controller.restore(s.controller());
        }
        stepper.restoreCache(s.cache());
        step = s.step();
        attempts = 0;
    }

    /**
     * Takes one accepted step (retrying rejected ones). The trial step is the proposed one (at
     * most the maximum step), made to land exactly on the target when it would pass it or stop
     * short of it by less than 1 % of the step; the target is the last output time with dense
     * output, else the next one.
     */
    public void advance() {
        double tTarget = stepper.hasDenseOutput() ? times[times.length - 1] : times[nextOut];
        int nonFinite = 0;
        while (true) {
            if (attempts >= maxSteps) {
                throw tooManySteps();
            }
            double hTry = Math.min(h, maxStep);
            double remaining = tTarget - t;
            boolean landing = t + 1.01 * hTry >= tTarget;
            if (landing) {
                hTry = remaining;
            } else if (hTry <= 16 * Math.ulp(t)) {
                // the resolution of the current time, not of the end time: Robertson's problem takes
                // steps of 1e-6 near t = 0 on its way to t = 1e11, where one ulp is 1.5e-5
                throw stepSizeUnderflow(hTry);
            }
            attempts++;
            double err = stepper.attempt(t, y, hTry, yNew, norm);
            boolean finite = Double.isFinite(err) && allFinite(yNew);
            if (!finite) {
                nonFinite = rejectNonFinite(hTry, nonFinite);
                continue;
            }
            if (controller != null && err > 1.0) {
                counters.rejected++;
                h = stepper.nextStep(hTry, err, false, controller.rejected(hTry, err));
                continue;
            }
            accept(hTry, landing ? tTarget : t + hTry, err, landing);
            return;
        }
    }

    /**
     * The step budget is spent. The message names where (t, h), the component whose error
     * estimate was largest in the last trial step, and advice that fits the method in use: a stiff
     * method after an explicit one; otherwise another stiff method, looser tolerances or a larger
     * budget — never the method that just failed.
     */
    private OdeException tooManySteps() {
        int w = norm.worst();
        String name = w >= 0 ? sys.componentName(w) : null;
        return new OdeException("too many steps: the budget of " + maxSteps + " step attempts was used up at t = "
                + g(t) + " (step size " + g(h) + ") before reaching t = " + g(times[times.length - 1])
                + (name != null ? "; the largest error estimate was in " + name : "") + "; " + advice(),
                OdeException.Reason.TOO_MANY_STEPS, t, h, name);
    }

    /** What to try next, from the registry, leaving out the method in use. */
    private String advice() {
        List<Method> others = Method.stiffMethods().stream().filter(m -> m != method).toList();
        String budget = "a larger step budget (--max-steps, SolverOptions.withMaxSteps; now " + maxSteps + ")";
        String stiff = others.stream().map(m -> "--method " + m.id()).collect(Collectors.joining(" or "))
                + " on the command line, "
                + others.stream().map(m -> "Method." + m.name()).collect(Collectors.joining(" or ")) + " in Java";
        if (method != null && method.forStiffProblems()) {
            return "try " + (others.isEmpty() ? "" : "another method for stiff problems (" + stiff + "), ")
                    + "looser tolerances (--rtol, --atol) or " + budget;
        }
        return "the problem may be stiff (use a method for stiff problems: " + stiff + ") or needs " + budget;
    }

    /**
     * The error control asks for a step t cannot resolve (16 ulps): a blow-up or a discontinuity
     * near t, named after the component the last rejected trial step made non-finite, if any.
     */
    private OdeException stepSizeUnderflow(double hTry) {
        String name = lastNonFinite >= 0 ? sys.componentName(lastNonFinite) : null;
        return new OdeException("step size underflow at t = " + g(t) + ": the error control asks for a step of "
                + g(hTry) + ", below the resolution of t; the solution probably blows up or is discontinuous near"
                + " t = " + g(t)
                + (name != null ? " (the last rejected trial step made " + name + " non-finite)" : ""),
                OdeException.Reason.STEP_SIZE_UNDERFLOW, t, hTry, name);
    }

    /**
     * Rejects a trial step that produced a non-finite value: an overlarge step can overflow, so
     * an adaptive method retries with a smaller step, up to {@link #MAX_NON_FINITE_RETRIES} times
     * in a row; a fixed-step method fails at once.
     *
     * @param nonFinite the non-finite trials so far in this {@link #advance()}
     * @return that count including this trial
     */
    private int rejectNonFinite(double hTry, int nonFinite) {
        counters.rejected++;
        lastNonFinite = firstNonFinite(yNew);
        if (controller == null || ++nonFinite > MAX_NON_FINITE_RETRIES) {
            throwNonFinite(yNew, t, hTry);
        }
        h = controller.rejected(hTry, Double.NaN);
        return nonFinite;
    }

    /**
     * Accepts the trial step from t to {@code tNew}: records the outputs it covers, shows it to
     * the observer (while the stepper's stages are still those of this step), proposes the next
     * step and moves the state on.
     */
    private void accept(double hTry, double tNew, double err, boolean landing) {
        int from = nextOut;
        recordOutputs(hTry, tNew);
        if (observer != null) {
            observer.onStep(t, hTry, tNew, y, yNew, from, nextOut);
        }
        String made = stepper.methodName();
        if (made != null) {
            counters.stepsByMethod.merge(made, 1, Integer::sum);
        }
        stepper.accept();
        if (controller != null) {
            double hNext = stepper.nextStep(hTry, err, true, controller.accepted(hTry, err));
            // a step shortened to land on an output time says little about the next one
            h = landing && hTry < h ? Math.max(hNext, h) : hNext;
        }
        double[] tmp = y;
        y = yNew;
        yNew = tmp;
        t = tNew;
        step++;
        counters.steps++;
    }

    /** The outputs at times in (t, tNew]: the new state at tNew itself, the stepper's interpolant inside the step. */
    private void recordOutputs(double hTry, double tNew) {
        while (nextOut < times.length && times[nextOut] <= tNew) {
            double tau = times[nextOut];
            double[] o = new double[dim];
            if (tau == tNew) {
                System.arraycopy(yNew, 0, o, 0, dim);
            } else {
                stepper.interpolate((tau - t) / hTry, t, y, hTry, o);
            }
            out[nextOut++] = o;
        }
    }

    private double initialStep(double span) {
        if (span <= 0) {
            return 0;
        }
        double[] f0 = new double[dim];
        double[] f1 = new double[dim];
        double[] y1 = new double[dim];
        sys.derivative(t, y, f0);
        checkFinite(f0, t, 0.0);
        double d0 = norm.norm(y, y);
        double d1 = norm.norm(f0, y);
        double h0 = d0 < 1e-5 || d1 < 1e-5 ? 1e-6 : 0.01 * d0 / d1;
        h0 = Math.min(Math.min(h0, maxStep), span);
        for (int i = 0; i < dim; i++) {
            y1[i] = y[i] + h0 * f0[i];
        }
        sys.derivative(t + h0, y1, f1);
        for (int i = 0; i < dim; i++) {
            f1[i] -= f0[i];
        }
        double d2 = norm.norm(f1, y) / h0;
        double dm = Math.max(d1, d2);
        int order = stepper.errorOrder() + 1;
        double h1 = dm <= 1e-15 || !Double.isFinite(dm) ? Math.max(1e-6, h0 * 1e-3) : Math.pow(0.01 / dm, 1.0 / (order + 1));
        return Math.min(Math.min(100 * h0, h1), Math.min(maxStep, span));
    }

    /**
     * Whether every entry is finite, without a branch per entry: x is finite iff its exponent
     * bits E are not all ones, i.e. iff E − EXPONENT is negative; the AND of those differences is
     * negative iff all are. (A loop that returns at the first non-finite entry cannot be unrolled
     * into straight code; this one runs once per step attempt over every component.)
     */
    static boolean allFinite(double[] v) {
        long all = -1L;
        for (double x : v) {
            all &= (Double.doubleToRawLongBits(x) & EXPONENT) - EXPONENT;
        }
        return all < 0;
    }

    private static final long EXPONENT = 0x7ff0_0000_0000_0000L;

    private void checkFinite(double[] v, double time, double hh) {
        if (!allFinite(v)) {
            throwNonFinite(v, time, hh);
        }
    }

    private static int firstNonFinite(double[] v) {
        for (int i = 0; i < v.length; i++) {
            if (!Double.isFinite(v[i])) {
                return i;
            }
        }
        return -1;
    }

    private void throwNonFinite(double[] v, double time, double hh) {
        int i = firstNonFinite(v);
        if (i < 0) {
            throw new OdeException("non-finite value in a stage of the step from t = " + time + " with step " + hh
                    + " (the right-hand side overflowed or is undefined there)", OdeException.Reason.NON_FINITE_STATE,
                    time, hh, null);
        }
        String name = sys.componentName(i);
        throw new OdeException("non-finite " + name + " = " + v[i] + " in the step from t = " + time + " with step "
                + hh + (controller != null ? " (after " + MAX_NON_FINITE_RETRIES + " step reductions)" : ""),
                sys.nonFiniteReason(i), time, hh, name);
    }

    /** A number for a message: six significant digits are what a reader can use. */
    private static String g(double v) {
        return String.format(java.util.Locale.ROOT, "%.6g", v);
    }
}
