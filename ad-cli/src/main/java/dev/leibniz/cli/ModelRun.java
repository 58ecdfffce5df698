package dev.leibniz.cli;

import dev.leibniz.core.LeibnizException;
import dev.leibniz.models.calibration.OdeSimulator;
import dev.leibniz.models.spec.ModelSpec;
import java.util.List;
import java.util.Map;

/** Simulating a model file on a grid of times: shared by {@code simulate} and {@code fit}. */
final class ModelRun {
    private ModelRun() {
    }

    /** The model's simulator with the default tolerances and the given method (null: the default). */
    static OdeSimulator simulator(ModelSpec spec, dev.leibniz.ode.Method method) {
        return simulator(spec, method, null);
    }

    /** As above, with the solver flags (--rtol, --atol, --max-steps, --max-step; null: none) applied. */
    static OdeSimulator simulator(ModelSpec spec, dev.leibniz.ode.Method method, SolverFlags flags) {
        if (spec.isAlgebraic()) {
            throw new LeibnizException("model " + spec.name() + " has no states: it is algebraic, a function of its"
                    + " inputs " + spec.inputNames() + "; fit it to data with 'leibniz fit " + spec.name() + " --data CSV'");
        }
        OdeSimulator sim = new OdeSimulator(spec);
        dev.leibniz.ode.SolverOptions o = sim.options();
        if (method != null) {
            o = o.withMethod(method);
        }
        if (flags != null) {
            o = flags.apply(o);
        }
        return sim.withOptions(o);
    }

    /**
     * The --method value: any method registered in ad-ode's {@link dev.leibniz.ode.Method}, by its
     * lower-case name, case-insensitively (null: the default). An unknown name is a usage error that
     * lists the registered ones with what each is for.
     */
    static dev.leibniz.ode.Method method(String name) {
        if (name == null) {
            return null;
        }
        try {
            return dev.leibniz.ode.Method.byName(name);
        } catch (dev.leibniz.ode.OdeException e) {
            StringBuilder valid = new StringBuilder();
            for (dev.leibniz.ode.Method m : dev.leibniz.ode.Method.values()) {
                valid.append(valid.length() == 0 ? "" : "; ").append(m.id()).append(" (").append(m.summary()).append(')');
            }
            throw new LeibnizException("--method: unknown method '" + name.strip() + "'; valid: " + valid);
        }
    }

    /** The registered method names for picocli's help ({@code ${COMPLETION-CANDIDATES}}) and completion. */
    static final class MethodNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return dev.leibniz.ode.Method.names().iterator();
        }
    }

    /** Times t₀, t₀+dt, …, t₁ (t₁ always included). */
    static double[] grid(double t0, double t1, double dt) {
        if (!(t1 > t0)) {
            throw new LeibnizException("--t1 must be after the model's start time t0 = " + t0 + ", got " + t1);
        }
        if (!(dt > 0) || !Double.isFinite(dt)) {
            throw new LeibnizException("--dt must be a positive number, got " + dt);
        }
        long steps = (long) Math.ceil((t1 - t0) / dt - 1e-9);
        if (steps > 1_000_000) {
            throw new LeibnizException("--dt " + java.math.BigDecimal.valueOf(dt).stripTrailingZeros().toPlainString()
                    + " gives " + steps + " output times (at most 1000000); use a larger --dt");
        }
        double[] t = new double[(int) steps + 1];
        for (int k = 0; k < steps; k++) {
            t[k] = t0 + k * dt;
        }
        t[(int) steps] = t1;
        return t;
    }

    /** The model's parameter values with --set overrides applied (names and declared bounds checked). */
    static double[] parameters(ModelSpec spec, Map<String, Double> set, String option) {
        double[] theta = spec.initialParameterValues();
        List<String> names = spec.parameterNames();
        for (Map.Entry<String, Double> e : set.entrySet()) {
            int i = names.indexOf(e.getKey());
            if (i < 0) {
                throw new LeibnizException(option + ": the model " + spec.name() + " has no parameter '" + e.getKey()
                        + "'; its parameters are " + names);
            }
            checkBounds(spec, spec.parameters().get(i), e.getValue(), option);
            theta[i] = e.getValue();
        }
        return theta;
    }

    /**
     * A value given for a parameter on the command line lies within its declared bounds
     * {@code in [LO, HI]} (the bounds themselves included); outside is bad input naming the bound
     * and where it was declared.
     */
    static void checkBounds(ModelSpec spec, dev.leibniz.models.spec.Parameter p, double v, String option) {
        boolean below = v < p.lower();
        if (below || v > p.upper()) {
            throw new LeibnizException(option + ": " + p.name() + " = " + number(v) + " is " + (below ? "below its lower"
                    : "above its upper") + " bound " + number(below ? p.lower() : p.upper()) + " (declared at "
                    + spec.name() + ":" + p.position() + ": in [" + number(p.lower()) + ", " + number(p.upper()) + "])");
        }
    }

    private static String number(double v) {
        if (Double.isInfinite(v)) {
            return v > 0 ? "inf" : "-inf";
        }
        return v == Math.rint(v) && Math.abs(v) < 1e15 ? Long.toString((long) v) : Double.toString(v);
    }

    /**
     * A simulated trajectory: the observables at {@code times}, which end early, with a last row at
     * the stop time, when a terminal event stopped the solve ({@code stop} is then that event).
     */
    record Trajectory(double[] times, double[][] values, java.util.List<dev.leibniz.ode.HybridSolution.FiredEvent> events,
                      dev.leibniz.ode.HybridSolution.FiredEvent stop) {
    }

    /**
     * Every observable on the grid, as {@link #observables}, for a model with events too: the
     * trajectory ends at a terminal event (its last row is the state at the event), and the events
     * that fired are listed.
     */
    static Trajectory trajectory(ModelSpec spec, double[] theta, double[] times, dev.leibniz.ode.Method method,
                                 SolverFlags flags) {
        if (!spec.isHybrid()) {
            return new Trajectory(times, observables(spec, theta, times, method, flags), java.util.List.of(), null);
        }
        OdeSimulator sim = simulator(spec, method, flags);
        dev.leibniz.ode.HybridSolution hs = sim.solveWithEvents(theta, times);
        int kept = hs.solution().size();
        int rows = hs.stopped() ? kept + 1 : kept;
        double[] ts = java.util.Arrays.copyOf(times, rows);
        double[][] values = new double[rows][];
        for (int k = 0; k < kept; k++) {
            values[k] = sim.observables(times[k], hs.solution().state(k), theta);
        }
        dev.leibniz.ode.HybridSolution.FiredEvent stop = null;
        if (hs.stopped()) {
            ts[kept] = hs.stopTime();
            values[kept] = sim.observables(hs.stopTime(), hs.stopState(), theta);
            stop = hs.events().get(hs.events().size() - 1);
        }
        checkFinite(spec, ts, values);
        return new Trajectory(ts, values, hs.events(), stop);
    }

    private static void checkFinite(ModelSpec spec, double[] times, double[][] values) {
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < values[k].length; c++) {
                if (!Double.isFinite(values[k][c])) {
                    throw new ComputationFailedException(spec.observableNames().get(c) + " is not finite (" + values[k][c]
                            + ") at t = " + times[k]);
                }
            }
        }
    }

    /**
     * Every observable (states, then outputs) at the given times: {@code values[k][c]}.
     * Non-finite values are a computation failure that names the quantity and the time.
     */
    static double[][] observables(ModelSpec spec, double[] theta, double[] times) {
        return observables(spec, theta, times, null);
    }

    /** As above, solved by the given method (null: the default, Dormand–Prince 5(4)). */
    static double[][] observables(ModelSpec spec, double[] theta, double[] times, dev.leibniz.ode.Method method) {
        return observables(spec, theta, times, method, null);
    }

    /** As above, with the solver flags applied (null: none). */
    static double[][] observables(ModelSpec spec, double[] theta, double[] times, dev.leibniz.ode.Method method,
                                  SolverFlags flags) {
        OdeSimulator sim = simulator(spec, method, flags);
        int m = spec.observableNames().size();
        int[] columns = new int[m];
        for (int c = 0; c < m; c++) {
            columns[c] = c;
        }
        double[][] values = new double[times.length][m];
        sim.simulate(theta, times, columns, values, null);
        for (int k = 0; k < times.length; k++) {
            for (int c = 0; c < m; c++) {
                if (!Double.isFinite(values[k][c])) {
                    throw new ComputationFailedException(spec.observableNames().get(c) + " is not finite (" + values[k][c]
                            + ") at t = " + times[k]);
                }
            }
        }
        return values;
    }
}
