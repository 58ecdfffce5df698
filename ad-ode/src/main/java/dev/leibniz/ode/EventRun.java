package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.internal.Integrator;
import dev.leibniz.ode.internal.OdeSystem;
import dev.leibniz.ode.internal.SensitivitySystem;
import dev.leibniz.ode.internal.StateSystem;
import dev.leibniz.ode.internal.Stepper;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * One solve of a {@link HybridProblem}: segment by segment between the fixed boundaries (time
 * events, switch times), each step checked for the zero crossings of the conditions, a crossing
 * located on the step's dense output ({@link Crossing}), the state
 * reset, and the next segment started there.
 *
 * <p><b>The jump.</b> Every event is linearised once ({@link EventJump}: δy⁺ = M δy⁻ + N δp with
 * the move of a crossing time included); forward sensitivities jump as S⁺ = M S⁻ + N, and the
 * discrete adjoint uses the transpose, λ⁻ = Mᵀλ⁺, μ += Nᵀλ⁺ ({@link EventAdjoint}).
 *
 * <p>The conditions' signs and the location of crossings are {@link CrossingWatch}'s; the
 * sensitivity lanes' arithmetic at a jump is {@link SensitivityLanes}'.
 */
final class EventRun {
    private static final int MAX_EVENTS = 100_000;

    /** A boundary jump or an event: which event (−1 for a switch of the right-hand side), where and how. */
    record Jump(int event, double time, double[] yMinus, double[] yPlus, int piece) {
    }

    /**
     * A stretch between events: started at {@code start} from {@code y0} on right-hand side piece
     * {@code piece}, it produced outputs {@code [from, to)} and ran to {@code end}; the jumps at its
     * end follow it.
     */
    record Segment(double start, double[] y0, int piece, int from, int to, double end, List<Jump> jumpsAfter) {
    }

    private final HybridProblem hp;
    private final OdeProblem problem;
    private final double[] params;
    private final double[] times;
    private final SolverOptions options;
    private final boolean sens;
    private final int n;
    private final int p;
    private final int lanes;
    private final SensitivityLanes layout;
    private final List<Event> events;
    private final PointGraph[] conditions;
    private final PointGraph[] resets;
    private final Setup[] setups;
    private final CrossingWatch watch;
    private final int[] fires;
    private final List<HybridSolution.FiredEvent> fired = new ArrayList<>();
    private final List<Segment> segments = new ArrayList<>();
    // the state of the run, advanced segment by segment by go()
    private List<double[]> boundaries;
    private int nextBoundary;
    private int piece;
    private double segmentStart;
    private double[] state;          // y, then with sensitivities the lanes dy/d(p, y0)
    private double[][] outputs;
    private int nextOutput;
    private double stopTime = Double.NaN;
    private double[] stopU;
    private int stopEvent = -1;

    EventRun(HybridProblem hp, double[] params, double[] outputTimes, SolverOptions options, boolean sens) {
        this.hp = hp;
        this.problem = hp.problem();
        Setup s0 = new Setup(problem, params, outputTimes, options);
        this.params = s0.params;
        this.times = s0.times;
        this.options = options;
        this.sens = sens;
        this.n = s0.n;
        this.p = s0.p;
        this.lanes = p + n;
        this.layout = new SensitivityLanes(n, p);
        if (!options.method().isAdaptive() || !options.method().stepper(new StateSystem(s0.f, s0.states))
                .hasDenseOutput()) {
            throw new OdeException("events are located on the dense output; the " + options.method().id()
                    + " method has none");
        }
        this.events = hp.events();
        int e = events.size();
        this.conditions = new PointGraph[e];
        this.resets = new PointGraph[e];
        for (int j = 0; j < e; j++) {
            Event ev = events.get(j);
            Graph g = ev.conditionGraph(problem);
            conditions[j] = g == null ? null : new PointGraph(g, problem, ev.label());
            Graph h = ev.resetGraph(problem);
            resets[j] = h == null ? null : new PointGraph(h, problem, ev.label());
        }
        this.setups = new Setup[hp.switchTimes().length + 1];
        setups[0] = s0.problem == hp.piece(0) ? s0 : new Setup(hp.piece(0), params, outputTimes, options);
        this.watch = new CrossingWatch(events, conditions, this.params);
        this.fires = new int[e];
    }

    private Setup setup(int piece) {
        if (setups[piece] == null) {
            setups[piece] = new Setup(hp.piece(piece), params, times, options);
        }
        return setups[piece];
    }

    /**
     * Runs the solve: the events at t0 act on the initial state, then segment after segment is
     * integrated up to the next fixed boundary or the first crossing, whichever comes first, and
     * the jumps there are applied, until the last output time or a terminal event.
     */
    HybridSolution go() {
        int k = times.length;
        double tLast = times[k - 1];
        boundaries = fixedBoundaries();
        startAt(problem.startTime());
        while (nextOutput < k) {
            double end = nextBoundary < boundaries.size() && boundaries.get(nextBoundary)[0] <= tLast
                    ? boundaries.get(nextBoundary)[0] : tLast;
            CrossingWatch.Hit hit = integrateSegment(end);
            List<Jump> after = segments.get(segments.size() - 1).jumpsAfter();
            boolean stop = hit != null ? crossingStops(hit, tLast, after) : boundariesStop(end, tLast, after);
            if (stop) {
                break;
            }
        }
        for (int j = 0; j < events.size(); j++) {
            if (conditions[j] != null && fires[j] == 0) {
                throw watch.neverFired(j, problem.startTime(), Double.isNaN(stopTime) ? tLast : stopTime);
            }
        }
        return collect(outputs, nextOutput, stopTime, stopU, stopEvent);
    }

    /**
     * The fixed boundaries as (time, event) pairs, event −1 for a switch of the right-hand side,
     * in time order: at equal times switches first, then time events in list order.
     */
    private List<double[]> fixedBoundaries() {
        List<double[]> fixed = new ArrayList<>();
        for (double s : hp.switchTimes()) {
            fixed.add(new double[] {s, -1});
        }
        for (int j = 0; j < events.size(); j++) {
            if (events.get(j).isTimeEvent()) {
                for (double t : events.get(j).times()) {
                    fixed.add(new double[] {t, j});
                }
            }
        }
        fixed.sort((a, b) -> a[0] != b[0] ? Double.compare(a[0], b[0]) : Double.compare(a[1], b[1]));
        return fixed;
    }

    /**
     * The state at t0: the right-hand side piece in force after the switches at or before t0,
     * the initial values (with their sensitivity lanes), the time events at t0 applied to them,
     * the conditions' first signs, and an empty first segment that carries the jumps at t0.
     */
    private void startAt(double t0) {
        double[] switches = hp.switchTimes();
        piece = 0;
        while (piece < switches.length && switches[piece] <= t0) {
            piece++;
        }
        state = initial();
        outputs = new double[times.length][];
        nextOutput = 0;
        nextBoundary = 0;
        segmentStart = t0;
        List<Jump> atStart = new ArrayList<>();
        // time events at t0 act on the initial state
        while (nextBoundary < boundaries.size() && boundaries.get(nextBoundary)[0] <= t0) {
            int j = (int) boundaries.get(nextBoundary++)[1];
            if (j >= 0) {
                state = jump(j, t0, state, piece, atStart);
            }
        }
        watch.start(t0, state);
        segments.add(new Segment(t0, null, piece, 0, 0, t0, List.copyOf(atStart)));
    }

    /**
     * Integrates from the segment's start towards {@code end}, watching every step for
     * crossings, and records the segment with the outputs it produced. The outputs in the
     * segment are those before {@code end}, and those at {@code end} too unless a boundary lies
     * there (they then come after its jumps).
     *
     * @return the crossing that ended the segment early, or null when it reached {@code end}
     */
    private CrossingWatch.Hit integrateSegment(double end) {
        boolean boundaryAtEnd = nextBoundary < boundaries.size() && boundaries.get(nextBoundary)[0] == end;
        int from = nextOutput;
        int m = nextOutput;
        while (m < times.length && (times[m] < end || (times[m] == end && !boundaryAtEnd))) {
            m++;
        }
        double[] segTimes = Arrays.copyOf(Arrays.copyOfRange(times, from, m), m - from + 1);
        segTimes[m - from] = end;
        double[] yStart = Arrays.copyOf(state, n);
        Setup s = setup(piece);
        OdeSystem sys = sens ? new SensitivitySystem(s.f, s.states, s.paramNames, lanes, p)
                : new StateSystem(s.f, s.states);
        Stepper stepper = s.stepper(sys);
        Integrator integ = new Integrator(sys, stepper, s.errorNorm(sens && options.sensitivitiesInErrorNorm()
                ? sys.dimension() : n), s.fixedStep(), 0, options.maxStep(), options.maxSteps(), segmentStart, state,
                segTimes, s.counters, options.method());
        double[] probe = new double[sys.dimension()];
        integ.setObserver((t, h, tNew, y, yNew, outFrom, outTo) -> watch.watch(stepper, t, h, tNew, y, yNew, probe));
        double segEnd;
        CrossingWatch.Hit hit = null;
        try {
            double[][] seg = integ.run();
            System.arraycopy(seg, 0, outputs, from, m - from);
            state = seg[m - from];
            nextOutput = m;
            segEnd = end;
        } catch (CrossingWatch.Hit h) {
            hit = h;
            double[][] seg = integ.outputs();
            int q = 0;
            while (from + q < m && segTimes[q] < h.tau) {
                outputs[from + q] = seg[q];
                q++;
            }
            nextOutput = from + q;
            state = h.u;
            segEnd = h.tau;
        }
        segments.add(new Segment(segmentStart, yStart, piece, from, nextOutput, segEnd, new ArrayList<>()));
        return hit;
    }

    /**
     * A crossing ended the segment: a terminal event stops the solve there (its time and
     * sensitivities recorded); any other event jumps and the nextOutput segment starts at the crossing.
     *
     * @return whether the solve stops
     */
    private boolean crossingStops(CrossingWatch.Hit hit, double tLast, List<Jump> after) {
        if (fired.size() >= MAX_EVENTS) {
            throw new OdeException("more than " + MAX_EVENTS + " events before t = " + tLast + " (the last, "
                    + events.get(hit.event).label() + ", at t = " + hit.tau + "): the events accumulate (a zeno"
                    + " point?)", OdeException.Reason.TOO_MANY_STEPS, hit.tau, Double.NaN, null);
        }
        if (events.get(hit.event).isTerminal()) {
            fires[hit.event]++;
            double[] y = Arrays.copyOf(state, n);
            record(hit.event, hit.tau, state, sens ? linearize(hit.event, hit.tau, y, y, piece) : null);
            stopTime = hit.tau;
            stopU = state;
            stopEvent = hit.event;
            return true;
        }
        state = jump(hit.event, hit.tau, state, piece, after);
        segmentStart = hit.tau;
        return false;
    }

    /**
     * The segment reached {@code end}: the switches and time events there act in order (a
     * terminal time event stops the solve); at the last output time, the outputs still due get the
     * state after those jumps.
     *
     * @return whether the solve stops
     */
    private boolean boundariesStop(double end, double tLast, List<Jump> after) {
        segmentStart = end;
        while (nextBoundary < boundaries.size() && boundaries.get(nextBoundary)[0] == end) {
            int j = (int) boundaries.get(nextBoundary++)[1];
            if (j < 0) {
                after.add(new Jump(-1, end, Arrays.copyOf(state, n), Arrays.copyOf(state, n), piece));
                piece++;
            } else {
                state = jump(j, end, state, piece, after);
                if (events.get(j).isTerminal()) {
                    stopTime = end;
                    stopU = state;
                    stopEvent = j;
                    return true;
                }
            }
        }
        int k = times.length;
        if (nextOutput < k && segmentStart == tLast) {
            // outputs at the last time after the boundaries there: the state after the jumps
            segments.add(new Segment(segmentStart, Arrays.copyOf(state, n), piece, nextOutput, k, segmentStart,
                    new ArrayList<>()));
            while (nextOutput < k) {
                outputs[nextOutput++] = state.clone();
            }
        }
        return false;
    }

    /** Applies event j at time t to u (states and, with sensitivities, their lanes); records it. */
    private double[] jump(int j, double t, double[] u, int piece, List<Jump> into) {
        Event ev = events.get(j);
        double[] yMinus = Arrays.copyOf(u, n);
        double[] yPlus = yMinus.clone();
        if (resets[j] != null) {
            double[] v = resets[j].value(t, yMinus, params);
            for (int r = 0; r < v.length; r++) {
                int i = problem.stateNames().indexOf(resets[j].outputName(r));
                if (!Double.isFinite(v[r])) {
                    throw new EventException(ev.label() + ": the reset of " + resets[j].outputName(r) + " at t = " + t
                            + " gives " + v[r], OdeException.Reason.NON_FINITE_STATE, t, resets[j].outputName(r));
                }
                yPlus[i] = v[r];
            }
        }
        fires[j]++;
        Jump jmp = new Jump(j, t, yMinus, yPlus, piece);
        into.add(jmp);
        double[] next = u.clone();
        System.arraycopy(yPlus, 0, next, 0, n);
        EventJump lin = sens ? linearize(j, t, yMinus, yPlus, piece) : null;
        if (sens) {
            layout.jump(lin, u, next);
        }
        record(j, t, u, lin);
        watch.afterJump(j, t, yPlus);
        return next;
    }

    /** Adds event j at t to the list of fired events, with dτ/dp from the lanes of u when there are some. */
    private void record(int j, double t, double[] u, EventJump lin) {
        double[] dtau = null;
        if (sens) {
            // a time event's time does not move with the parameters
            dtau = lin != null && conditions[j] != null ? layout.timeGradient(lin, u) : new double[p];
        }
        fired.add(new HybridSolution.FiredEvent(j, events.get(j).label(), t, dtau));
    }

    /** The linear map of event j at t (see {@link EventJump}). */
    EventJump linearize(int j, double t, double[] yMinus, double[] yPlus, int piece) {
        return EventJump.of(conditions[j], resets[j], setup(piece).f, problem, params, t, yMinus, yPlus,
                events.get(j).label());
    }

    private double[] initial() {
        Setup s = setup(0);
        double[] y0 = s.initialState();
        if (!sens) {
            return y0;
        }
        return layout.initial(y0, s.initialJacobian());
    }

    private HybridSolution collect(double[][] out, int kept, double stopTime, double[] stopU, int stopEvent) {
        double[][] states = new double[kept][n];
        double[][][] dp = new double[kept][n][p];
        double[][][] dy = new double[kept][n][n];
        for (int m = 0; m < kept; m++) {
            System.arraycopy(out[m], 0, states[m], 0, n);
            if (sens) {
                layout.unpack(out[m], dp[m], dy[m]);
            }
        }
        Statistics total = null;
        for (Setup s : setups) {
            if (s != null) {
                total = total == null ? Statistics.of(s.counters) : total.plus(Statistics.of(s.counters));
            }
        }
        Solution sol = new Solution(Arrays.copyOf(times, kept), states, problem.stateNames(), options.method(), total);
        Sensitivities se = sens ? new Sensitivities(sol, problem.parameterNames(), dp, dy) : null;
        double[] stopState = stopU == null ? null : Arrays.copyOf(stopU, n);
        double[][] stopSens = null;
        if (stopU != null && sens) {
            // d y(τ)/dp = S⁻ + f⁻ dτ/dp
            double[] dtau = fired.get(fired.size() - 1).timeGradient();
            double[] f = new double[n];
            setup(segments.get(segments.size() - 1).piece()).f.eval(stopTime, stopState, 0, f, 0);
            stopSens = layout.atStop(stopU, f, dtau);
        }
        return new HybridSolution(sol, se, fired, stopTime, stopState, stopSens, List.copyOf(segments));
    }

    Setup setupFor(int piece) {
        return setup(piece);
    }

    double[] parameters() {
        return params;
    }
}
