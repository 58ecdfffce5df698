package dev.leibniz.ode;

import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.OdeSystem;
import dev.leibniz.ode.internal.SensitivitySystem;
import dev.leibniz.ode.internal.StateSystem;
import dev.leibniz.ode.internal.Stepper;
import java.util.Arrays;

/**
 * Solves a problem with zero-crossing {@link StateEvent}s, with or without forward sensitivities.
 * The solve runs segment by segment: each step that ends with the watched state on the other side
 * of its level (in the event's direction) is searched on its dense output for the crossing time τ
 * (Illinois false position to near machine precision); the outputs after τ that step produced are
 * dropped, the state at τ is reset, the sensitivities jump (see {@link StateEvent}), and a new
 * segment starts at τ. Outputs are right-continuous. Needs a method with dense output.
 */
public final class Events {
    private static final int MAX_EVENTS = 100_000;

    private Events() {
    }

    /** The states at the output times with the events applied. */
    public static Solution solve(OdeProblem problem, double[] params, double[] times, SolverOptions options,
                                 StateEvent event) {
        return new Run(problem, params, times, options, event, false).go().solution();
    }

    /** The states and their sensitivities, exact across the events. */
    public static Sensitivities forwardSensitivities(OdeProblem problem, double[] params, double[] times,
                                                     SolverOptions options, StateEvent event) {
        return new Run(problem, params, times, options, event, true).go();
    }

    /** The crossing found in a step: thrown out of the driver's observer to end the segment there. */
    private static final class Hit extends RuntimeException {
        final double tau;
        final double[] u;

        Hit(double tau, double[] u) {
            super(null, null, false, false);
            this.tau = tau;
            this.u = u;
        }
    }

    private static final class Run {
        final Setup s;
        final StateEvent ev;
        final boolean sens;
        final int n;
        final int p;
        final int lanes;
        final int watched;
        final int reset;
        final int param;
        final OdeSystem sys;
        int events;
        /** The range of g over the accepted steps, for the report of an event that never fires. */
        double gMin = Double.POSITIVE_INFINITY;
        double gMax = Double.NEGATIVE_INFINITY;

        Run(OdeProblem problem, double[] params, double[] times, SolverOptions options, StateEvent ev, boolean sens) {
            this.s = new Setup(problem, params, times, options);
            if (!options.method().isAdaptive() || !options.method().stepper(new StateSystem(s.f, s.states))
                    .hasDenseOutput()) {
                throw new OdeException("events are located on the dense output; the " + options.method().id()
                        + " method has none");
            }
            this.ev = ev;
            this.sens = sens;
            this.n = s.n;
            this.p = s.p;
            this.lanes = p + n;
            this.watched = index(problem, ev.watched());
            this.reset = index(problem, ev.reset());
            this.param = ev.parameter() == null ? -1 : problem.parameterNames().indexOf(ev.parameter());
            if (ev.parameter() != null && param < 0) {
                throw new OdeException("the event's factor names the parameter '" + ev.parameter() + "', which the"
                        + " problem does not have; its parameters are " + problem.parameterNames());
            }
            this.sys = sens ? new SensitivitySystem(s.f, s.states, s.paramNames, lanes, p)
                    : new StateSystem(s.f, s.states);
        }

        private static int index(OdeProblem problem, String state) {
            int i = problem.stateNames().indexOf(state);
            if (i < 0) {
                throw new OdeException("the event names the state '" + state + "', which the problem does not have;"
                        + " its states are " + problem.stateNames());
            }
            return i;
        }

        double g(double[] u) {
            return u[watched] - ev.level();
        }

        boolean crosses(double a, double b) {
            return (ev.direction() <= 0 && a > 0 && b <= 0) || (ev.direction() >= 0 && a < 0 && b >= 0);
        }

        Sensitivities go() {
            double[] times = s.times;
            int k = times.length;
            double[] u = initial();
            double t0 = s.problem.startTime();
            double[][] out = new double[k][];
            int next = 0;
            while (next < k) {
                double[] segTimes = Arrays.copyOfRange(times, next, k);
                Stepper stepper = s.stepper(sys);
                Integrator integ = new Integrator(sys, stepper, s.errorNorm(sens && s.options.sensitivitiesInErrorNorm()
                        ? sys.dimension() : n), s.fixedStep(), 0, s.options.maxStep(), s.options.maxSteps(), t0, u,
                        segTimes, s.counters, s.options.method());
                double[] probe = new double[sys.dimension()];
                integ.setObserver((t, h, tNew, y, yNew, from, to) -> {
                    gMin = Math.min(gMin, Math.min(g(y), g(yNew)));
                    gMax = Math.max(gMax, Math.max(g(y), g(yNew)));
                    if (crosses(g(y), g(yNew))) {
                        throw new Hit(locate(stepper, t, h, tNew, y, yNew, probe), probe.clone());
                    }
                });
                try {
                    double[][] seg = integ.run();
                    System.arraycopy(seg, 0, out, next, seg.length);
                    next = k;
                } catch (Hit hit) {
                    double[][] seg = integ.outputs();
                    int m = 0;
                    while (m < seg.length && segTimes[m] < hit.tau) {
                        out[next + m] = seg[m];
                        m++;
                    }
                    next += m;
                    if (++events > MAX_EVENTS) {
                        throw new OdeException("more than " + MAX_EVENTS + " events before t = " + times[k - 1]
                                + " (the last at t = " + hit.tau + "): the events accumulate (a zeno point?)",
                                OdeException.Reason.TOO_MANY_STEPS, hit.tau, Double.NaN, ev.watched());
                    }
                    u = jump(hit.tau, hit.u);
                    t0 = hit.tau;
                }
            }
            if (events == 0) {
                throw neverFired(times[k - 1]);
            }
            return collect(out);
        }

        /**
         * An event that never fires is almost always a wrong level, direction or state, and the
         * solve would silently be the one without it: say so, with the range the watched state
         * covered. (The solution without the event is {@link Ode#solve}.)
         */
        OdeException neverFired(double tEnd) {
            String dir = ev.direction() < 0 ? "falling through" : ev.direction() > 0 ? "rising through" : "crossing";
            return new OdeException("the event on " + ev.watched() + " (" + dir + " " + ev.level() + ") never fired on ["
                    + s.problem.startTime() + ", " + tEnd + "]: " + ev.watched() + " stayed between "
                    + (gMin + ev.level()) + " and " + (gMax + ev.level()) + " at the steps' ends"
                    + "; check the event's state, level and direction, or solve without it (Ode.solve)",
                    OdeException.Reason.INVALID_INPUT, tEnd, Double.NaN, ev.watched());
        }

        /** τ in (t, tNew] where g crosses, by the Illinois variant of false position on the dense output. */
        double locate(Stepper stepper, double t, double h, double tNew, double[] y, double[] yNew, double[] at) {
            double a = t;
            double b = tNew;
            double ga = g(y);
            double gb = g(yNew);
            int side = 0;
            for (int it = 0; it < 100 && b - a > 4 * Math.ulp(Math.max(Math.abs(a), Math.abs(b))); it++) {
                double c = b - gb * (b - a) / (gb - ga);
                if (!(c > a && c < b)) {
                    c = 0.5 * (a + b);
                }
                stepper.interpolate((c - t) / h, t, y, h, at);
                double gc = g(at);
                if (gc == 0) {
                    a = c;
                    b = c;
                    break;
                }
                boolean sameSideAsA = ga > 0 ? gc > 0 : gc < 0;
                if (!sameSideAsA) {
                    b = c;
                    gb = gc;
                    if (side == -1) {
                        ga *= 0.5;
                    }
                    side = -1;
                } else {
                    a = c;
                    ga = gc;
                    if (side == 1) {
                        gb *= 0.5;
                    }
                    side = 1;
                }
            }
            if (b == tNew) {
                System.arraycopy(yNew, 0, at, 0, at.length);
            } else {
                stepper.interpolate((b - t) / h, t, y, h, at);
            }
            return b;
        }

        /** The reset, and with sensitivities the jump S⁺ = h_y S⁻ + h_p + (h_y f⁻ − f⁺) dτ/dp. */
        double[] jump(double tau, double[] uMinus) {
            double scale = param >= 0 ? ev.sign() * s.params[param] : ev.factor();
            double[] fMinus = new double[n];
            s.f.eval(tau, uMinus, 0, fMinus, 0);
            double[] u = uMinus.clone();
            u[reset] = scale * uMinus[reset];
            if (!Double.isFinite(u[reset])) {
                throw new OdeException("the event's reset of " + ev.reset() + " at t = " + tau + " gives " + u[reset],
                        OdeException.Reason.NON_FINITE_STATE, tau, Double.NaN, ev.reset());
            }
            if (!sens) {
                return u;
            }
            double[] fPlus = new double[n];
            s.f.eval(tau, u, 0, fPlus, 0);
            double gf = fMinus[watched];
            if (gf == 0) {
                throw new OdeException("the event on " + ev.watched() + " at t = " + tau + " is tangential (d "
                        + ev.watched() + "/dt = 0): its time has no derivative", OdeException.Reason.NON_FINITE_SENSITIVITY,
                        tau, Double.NaN, ev.watched());
            }
            for (int l = 0; l < lanes; l++) {
                double dtau = -uMinus[n + watched * lanes + l] / gf;
                for (int i = 0; i < n; i++) {
                    double hy = i == reset ? scale : 1.0;
                    double v = hy * uMinus[n + i * lanes + l];
                    if (i == reset && l == param) {
                        v += ev.sign() * uMinus[reset];
                    }
                    v += (hy * fMinus[i] - fPlus[i]) * dtau;
                    u[n + i * lanes + l] = v;
                }
            }
            return u;
        }

        double[] initial() {
            double[] y0 = s.initialState();
            if (!sens) {
                return y0;
            }
            double[] u0 = new double[n * (1 + lanes)];
            System.arraycopy(y0, 0, u0, 0, n);
            double[][] dy0dp = s.initialJacobian();
            for (int i = 0; i < n; i++) {
                System.arraycopy(dy0dp[i], 0, u0, n + i * lanes, p);
                u0[n + i * lanes + p + i] = 1.0;
            }
            return u0;
        }

        Sensitivities collect(double[][] out) {
            int k = out.length;
            double[][] states = new double[k][n];
            double[][][] dp = new double[k][n][p];
            double[][][] dy = new double[k][n][n];
            for (int m = 0; m < k; m++) {
                System.arraycopy(out[m], 0, states[m], 0, n);
                if (sens) {
                    for (int i = 0; i < n; i++) {
                        System.arraycopy(out[m], n + i * lanes, dp[m][i], 0, p);
                        System.arraycopy(out[m], n + i * lanes + p, dy[m][i], 0, n);
                    }
                }
            }
            return new Sensitivities(s.solution(states), s.problem.parameterNames(), dp, dy);
        }
    }
}
