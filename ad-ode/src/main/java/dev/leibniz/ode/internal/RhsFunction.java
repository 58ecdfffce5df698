package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.core.LaneJvpGraph;
import dev.leibniz.core.compile.CompiledGraph;
import dev.leibniz.core.compile.InPlaceOutputs;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;
import dev.leibniz.ode.JacobianStrategy;
import org.ejml.data.DMatrixSparseCSC;

/**
 * The right-hand side f(t, y, p) of one solve, compiled once: values, JVPs (sensitivities),
 * VJPs (adjoints) and ∂f/∂y, all into caller-owned arrays at fixed parameters, allocating nothing
 * per call. Not thread-safe: every solve makes its own.
 *
 * <p>Values and reverse sweeps run on a {@link Tape}; tangent sweeps (forward sensitivities with
 * L lanes, ∂f/∂t with one) on ad-forward's {@link ForwardProgram}, one program and workspace per
 * lane count, made on first use. It replaced a local k-lane sweep with bit-identical results.
 * Measured against it (best of 5 runs, noisy shared machine): faster on large graphs, since it
 * skips nodes that depend on no input — 900 nodes × 128 lanes 70 → 58 µs, 3588 nodes × 512 lanes
 * 1.19 → 1.00 ms — but slower on tiny ones from its per-sweep argument checks and guarded lane
 * kernels: Lotka–Volterra (14 nodes, 6 lanes) 150 → 185 ns per sweep, and its forward-sensitivity
 * gradient (95 steps) 212 → 248 µs. One forward engine, with strong zeros on both sides of a
 * product, is worth that constant.
 *
 * <p>{@code source[j]} says what graph input j is: −1 for t, {@code i < n} for state i,
 * {@code n + q} for parameter q.
 */
public final class RhsFunction {
    private final Graph graph;
    private final RhsCode code;
    private final Tape tape;
    private final int[] source;
    private final int n;
    private final int p;
    private final double[] params;
    private final Counters counters;
    private final double[] in;
    private final double[] v;
    private final double[] g;
    private final boolean[] reach;
    private final double[] inAdj;
    private final double[] scratch;
    private final double[] outBuf;
    private final int[] stateInputs;
    /** The graph inputs that read t; those that read a state, and which state (for {@link #load}). */
    private final int[] timeInputs;
    private final int[] stateInputList;
    private final int[] stateOfInput;
    /** Whether graph input r of the states reads state r, for r = 0 … n−1 (S's rows then follow in u's order). */
    private final boolean lanesInOrder;
    /** The graph inputs that read a parameter, and which parameter (for the reverse sweep's scatter). */
    private final int[] paramInputList;
    private final int[] paramOfInput;
    private final JacobianStrategy jacobianStrategy;
    private JacobianStrategy.Evaluator jacobian;
    private JacobianStrategy.SparseEvaluator sparseJacobian;
    private boolean jacobianKindChosen;
    private int lanesParamLanes;
    private int lanesCount;
    private ForwardProgram lanesProgram;
    private TangentLanes lanesWork;
    /** The compiled k-lane sensitivity code of this solve (see {@link #sensitivity}), or null. */
    private CompiledGraph lanesCompiled;
    private CompiledGraph.Workspace lanesCompiledWs;
    /**
     * {@link #lanesCompiled} reading y and S from u in place and t and the parameters from
     * {@link #lanesScalars} (see {@link #inputPlaces}), or null (then the inputs are gathered).
     */
    private InPlaceOutputs lanesInPlace;
    /** t, then the parameters: the lane code's inputs that do not lie in u. */
    private double[] lanesScalars;
    private double[] lanesIn;
    private double[] lanesOut;
    private boolean lanesChosen;
    /** Tangent sweeps not yet reported to {@link #code}. */
    private int lanesUncounted;
    private ForwardProgram timeProgram;
    private TangentLanes timeWork;
    private double[] timeSeed;
    private double[] timeDot;

    public RhsFunction(Graph graph, int[] source, int n, int p, double[] params, JacobianStrategy jacobian,
                       Counters counters) {
        this(new RhsCode(graph), source, n, p, params, jacobian, counters);
    }

    /** The right-hand side of one solve of a problem prepared as {@code code} (compiled once it is hot). */
    public RhsFunction(RhsCode code, int[] source, int n, int p, double[] params, JacobianStrategy jacobian,
                       Counters counters) {
        this.graph = code.graph();
        this.code = code;
        this.tape = new Tape(code);
        this.source = source.clone();
        this.n = n;
        this.p = p;
        this.params = params.clone();
        this.counters = counters;
        this.jacobianStrategy = jacobian;
        in = new double[source.length];
        v = new double[tape.size()];
        g = new double[tape.size()];
        reach = new boolean[tape.size()];
        inAdj = new double[source.length];
        scratch = tape.newScratch();
        outBuf = new double[n];
        stateInputs = new int[n];
        java.util.Arrays.fill(stateInputs, -1);
        for (int j = 0; j < source.length; j++) {
            if (source[j] >= 0 && source[j] < n) {
                stateInputs[source[j]] = j;
            } else if (source[j] >= n) {
                in[j] = params[source[j] - n];
            }
        }
        int times = 0;
        int states = 0;
        for (int s : source) {
            times += s < 0 ? 1 : 0;
            states += s >= 0 && s < n ? 1 : 0;
        }
        timeInputs = new int[times];
        stateInputList = new int[states];
        stateOfInput = new int[states];
        paramInputList = new int[source.length - times - states];
        paramOfInput = new int[source.length - times - states];
        times = 0;
        states = 0;
        int pars = 0;
        for (int j = 0; j < source.length; j++) {
            if (source[j] < 0) {
                timeInputs[times++] = j;
            } else if (source[j] < n) {
                stateInputList[states] = j;
                stateOfInput[states++] = source[j];
            } else {
                paramInputList[pars] = j;
                paramOfInput[pars++] = source[j] - n;
            }
        }
        boolean inOrder = states == n;
        for (int r = 0; r < states && inOrder; r++) {
            inOrder = stateOfInput[r] == r;
        }
        lanesInOrder = inOrder;
    }

    public int stateCount() {
        return n;
    }

    public int parameterCount() {
        return p;
    }

    public Counters counters() {
        return counters;
    }

    /** Writes t and the states into the graph inputs that read them (the parameters' inputs are set once). */
    private void load(double t, double[] y, int yOff) {
        for (int j : timeInputs) {
            in[j] = t;
        }
        for (int r = 0; r < stateInputList.length; r++) {
            in[stateInputList[r]] = y[yOff + stateOfInput[r]];
        }
    }

    /** dy[dyOff..] = f(t, y[yOff..]). */
    public void eval(double t, double[] y, int yOff, double[] dy, int dyOff) {
        counters.rhsEvaluations++;
        load(t, y, yOff);
        tape.evaluate(in, v, scratch, outBuf);
        System.arraycopy(outBuf, 0, dy, dyOff, n);
    }

    /**
     * The tangent program with {@code lanes} lanes (kept: a solve uses one lane count throughout),
     * its constant seeds set once: zero for t, parameter q in lane q for {@code q < paramLanes}.
     * When the problem is hot the solve's first call takes the compiled k-lane code instead
     * ({@link RhsCode#sensitivityCodeForNextSolve}) and keeps it for the solve.
     */
    private void ensureLanes(int lanes, int paramLanes) {
        if (lanesChosen && (lanes != lanesCount || lanesParamLanes != paramLanes)) {
            lanesChosen = false; // another layout (not within one solve): choose again
            lanesCompiled = null;
            lanesInPlace = null;
            lanesProgram = null;
        }
        if (lanesChosen) {
            return;
        }
        lanesChosen = true;
        lanesParamLanes = paramLanes;
        int[] tangent = new int[source.length];
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            tangent[j] = s < 0 ? LaneJvpGraph.ZERO
                    : s < n ? LaneJvpGraph.SEEDED : s - n < paramLanes ? s - n : LaneJvpGraph.ZERO;
        }
        lanesCompiled = code.sensitivityCodeForNextSolve(tangent, lanes);
        if (lanesCompiled != null) {
            lanesCompiledWs = lanesCompiled.newWorkspace();
            lanesInPlace = lanesCompiled.inPlaceOutputs(inputPlaces(lanes));
            lanesScalars = new double[1 + p];
            System.arraycopy(params, 0, lanesScalars, 1, p);
            if (lanesInPlace == null) {           // the kernels read gathered inputs (no straight line)
                lanesIn = new double[source.length + stateInputList.length * lanes];
                System.arraycopy(in, 0, lanesIn, 0, source.length); // the parameters, set once
                lanesOut = new double[n * (1 + lanes)];
            }
            lanesCount = lanes;
            return;
        }
        lanesProgram = ForwardProgram.prepare(graph, lanes);
        lanesWork = lanesProgram.newWorkspace();
        lanesCount = lanes;
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            if (s < 0) {
                lanesProgram.seedUnit(j, -1, lanesWork);
            } else if (s >= n) {
                int q = s - n;
                lanesProgram.seedUnit(j, q < paramLanes ? q : -1, lanesWork);
            }
        }
    }

    /**
     * Where the k-lane code's inputs lie ({@link InPlaceOutputs}): a state's value at its index in
     * u = [y, S] and its lane l at n + state·lanes + l (S row-major), t at {@code lanesScalars[0]}
     * and parameter q at {@code lanesScalars[1 + q]} (places −1 and −2 − q).
     */
    private int[] inputPlaces(int lanes) {
        int[] place = new int[source.length + stateInputList.length * lanes];
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            place[j] = s < 0 ? -1 : s < n ? s : -2 - (s - n);
        }
        for (int r = 0; r < stateInputList.length; r++) {
            for (int l = 0; l < lanes; l++) {
                place[source.length + r * lanes + l] = n + stateOfInput[r] * lanes + l;
            }
        }
        return place;
    }

    /**
     * Value and sensitivity right-hand side of the augmented state {@code u = [y, S]} with S
     * row-major n × lanes: {@code du = [f, ∂f/∂y · S + ∂f/∂p · E]}, where E puts parameter q in lane
     * q for {@code q < paramLanes} (later lanes have no explicit parameter dependence). One
     * evaluation of f plus one tangent sweep with {@code lanes} lanes; only the states' seeds are
     * set per call. Hot problems run it as one compiled method (values, partials and the lanes
     * that are not identically zero), cold ones on ad-forward's numeric lanes; the two agree bit
     * for bit except possibly in the sign of a zero tangent ({@link LaneJvpGraph}).
     */
    public void sensitivity(double t, double[] u, double[] du, int lanes, int paramLanes) {
        counters.rhsEvaluations++;
        counters.jvpEvaluations++;
        ensureLanes(lanes, paramLanes);
        if (++lanesUncounted == 64) { // as Tape's sweeps: the problem's hotness counts every sweep
            code.count(lanesUncounted);
            lanesUncounted = 0;
        }
        if (lanesInPlace != null) {
            lanesScalars[0] = t;
            lanesInPlace.evaluate(u, lanesScalars, du, lanesCompiledWs);
            return;
        }
        if (lanesCompiled != null) {
            double[] x = lanesIn;
            for (int j : timeInputs) {
                x[j] = t;
            }
            int base = source.length;
            if (lanesInOrder) { // input r reads state r: S's rows are the lanes' inputs as they lie in u
                for (int r = 0; r < stateInputList.length; r++) {
                    x[stateInputList[r]] = u[r];
                }
                System.arraycopy(u, n, x, base, n * lanes);
            } else {
                for (int r = 0; r < stateInputList.length; r++) {
                    int s = stateOfInput[r];
                    x[stateInputList[r]] = u[s];
                    System.arraycopy(u, n + s * lanes, x, base + r * lanes, lanes);
                }
            }
            if (du.length == lanesOut.length) {
                lanesCompiled.evaluateOutputs(x, du, lanesCompiledWs);
            } else {
                lanesCompiled.evaluateOutputs(x, lanesOut, lanesCompiledWs);
                System.arraycopy(lanesOut, 0, du, 0, lanesOut.length);
            }
            return;
        }
        load(t, u, 0);
        lanesProgram.values(in, lanesWork);
        lanesProgram.outputValues(lanesWork, outBuf);
        System.arraycopy(outBuf, 0, du, 0, n);
        for (int j = 0; j < source.length; j++) {
            int s = source[j];
            if (s >= 0 && s < n) {
                lanesProgram.seed(j, u, n + s * lanes, lanesWork);
            }
        }
        lanesProgram.tangentsFromSeeds(lanesWork);
        lanesProgram.outputTangents(lanesWork, du, n);
    }

    /**
     * Vector–Jacobian product at (t, y): {@code yBar += (∂f/∂y)ᵀ w}, {@code pBar += (∂f/∂p)ᵀ w}
     * ({@code pBar} may be null). One evaluation of f plus one reverse sweep.
     */
    public void vjp(double t, double[] y, int yOff, double[] w, int wOff, double[] yBar, int yBarOff, double[] pBar,
                    int pBarOff) {
        counters.vjpEvaluations++;
        load(t, y, yOff);
        tape.forward(in, v, scratch);
        reverse(v, w, wOff, yBar, yBarOff, pBar, pBarOff);
    }

    /** Length of the node-value arrays of {@link #evalKeeping} and {@link #vjpAt}. */
    public int nodeCount() {
        return tape.size();
    }

    /**
     * {@code dy = f(t, y)} like {@link #eval}, keeping every node's value in {@code values} (length
     * {@link #nodeCount()}) for a later {@link #vjpAt} at the same point: a step differentiated
     * backward recomputes its stages this way, and their VJPs then need no forward sweep.
     */
    public void evalKeeping(double t, double[] y, int yOff, double[] dy, int dyOff, double[] values) {
        counters.rhsEvaluations++;
        load(t, y, yOff);
        tape.forward(in, values, scratch);
        tape.outputs(values, outBuf);
        System.arraycopy(outBuf, 0, dy, dyOff, n);
    }

    /**
     * {@link #vjp} at the point whose node values {@link #evalKeeping} kept in {@code values}: one
     * reverse sweep, the same numbers.
     */
    public void vjpAt(double[] values, double[] w, int wOff, double[] yBar, int yBarOff, double[] pBar, int pBarOff) {
        counters.vjpEvaluations++;
        reverse(values, w, wOff, yBar, yBarOff, pBar, pBarOff);
    }

    private void reverse(double[] values, double[] w, int wOff, double[] yBar, int yBarOff, double[] pBar,
                         int pBarOff) {
        tape.backward(values, w, wOff, g, reach, inAdj, scratch);
        for (int r = 0; r < stateInputList.length; r++) {
            yBar[yBarOff + stateOfInput[r]] += inAdj[stateInputList[r]];
        }
        if (pBar != null) {
            for (int r = 0; r < paramInputList.length; r++) {
                pBar[pBarOff + paramOfInput[r]] += inAdj[paramInputList[r]];
            }
        }
    }

    /** Row-major ∂f/∂y at (t, y) by the configured {@link JacobianStrategy}. */
    public void jacobian(double t, double[] y, int yOff, double[] jac) {
        if (jacobian == null) {
            jacobian = jacobianStrategy.prepare(graph, stateInputs);
        }
        counters.jacobianEvaluations++;
        load(t, y, yOff);
        jacobian.jacobian(in, jac);
    }

    /** ∂f/∂t at (t, y): one tangent sweep with the single lane on t (zero when f does not read t). */
    public void timeDerivative(double t, double[] y, int yOff, double[] out, int outOff) {
        counters.jvpEvaluations++;
        if (timeProgram == null) {
            timeProgram = ForwardProgram.prepare(graph, 1);
            timeWork = timeProgram.newWorkspace();
            timeSeed = new double[source.length];
            timeDot = new double[n];
            for (int j = 0; j < source.length; j++) {
                timeSeed[j] = source[j] < 0 ? 1.0 : 0.0;
            }
        }
        load(t, y, yOff);
        timeProgram.values(in, timeWork);
        timeProgram.tangents(timeSeed, timeWork);
        timeProgram.outputTangents(timeWork, timeDot);
        System.arraycopy(timeDot, 0, out, outOff, n);
    }

    /**
     * The linear algebra of the implicit method for a system whose Jacobian is ∂f/∂y ({@code
     * transpose} false) or its transpose (the adjoint): sparse when the {@link JacobianStrategy}
     * offers a sparse evaluator for this f, dense otherwise. The choice is made once per solve and
     * recorded as {@link Counters#jacobianSweeps}.
     */
    public ShiftedSolver shiftedSolver(boolean transpose) {
        chooseJacobianKind();
        return sparseJacobian != null ? new SparseShiftedSolver(this, sparseJacobian.newMatrix(), transpose)
                : new DenseShiftedSolver(this, n, transpose);
    }

    /** Decides once, by the {@link JacobianStrategy}, whether J is sparse, and counts its sweeps. */
    private void chooseJacobianKind() {
        if (!jacobianKindChosen) {
            sparseJacobian = jacobianStrategy.prepareSparse(graph, stateInputs);
            counters.jacobianSweeps = sparseJacobian != null ? sparseJacobian.sweeps() : n;
            jacobianKindChosen = true;
        }
    }

    /** A new matrix of J's sparse structure when the strategy makes J sparse for this f, else null. */
    DMatrixSparseCSC newSparseJacobian() {
        chooseJacobianKind();
        return sparseJacobian != null ? sparseJacobian.newMatrix() : null;
    }

    /** Sparse ∂f/∂y at (t, y) into {@code jac} (made by the sparse evaluator of {@link #shiftedSolver}). */
    void jacobian(double t, double[] y, int yOff, DMatrixSparseCSC jac) {
        counters.jacobianEvaluations++;
        load(t, y, yOff);
        sparseJacobian.jacobian(in, jac);
    }
}
