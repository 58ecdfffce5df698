package dev.leibniz.forward;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.BinaryPrimitive;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.UnaryPrimitive;
import java.util.Arrays;

/**
 * A graph prepared for forward mode with k tangent lanes: Jacobian–vector products
 * {@code J·V} for an n×k seed matrix V, in one sweep over the nodes.
 *
 * <p>The sweep follows the nodes in order; node i, with arguments x_j, gets in every lane l
 * <pre>  ṫ_{i,l} = Σ_j ∂y_i/∂x_j · ṫ_{x_j,l}</pre>
 * using the primitives' numeric partials ({@code UnaryPrimitive.derivative},
 * {@code BinaryPrimitive.partialA/partialB}, {@code Primitive.partial}) with the kink policy of
 * the program's {@link EvalOptions}, the same partials the reverse sweep uses. Each partial is
 * evaluated once per sweep and applied to all k lanes, so the cost of a sweep is
 * (partials) + k·(multiply-adds): k lanes are much cheaper than k sweeps.
 *
 * <p>Nodes that depend on no input (constant subgraphs) have zero tangents and are skipped.
 * An exact zero on either side of a product contributes nothing (a "strong zero"), so the branch
 * a {@code select} did not take never turns 0·∞ into NaN — the same rule as the reverse sweep.
 *
 * <p>Use: {@link #values} once at a point, then {@link #tangents} (or {@link #unitTangents})
 * once per block of k directions, reusing the values and one {@link TangentLanes} workspace.
 * Nothing is allocated per sweep. The program is immutable and can be shared by threads, each
 * with its own workspace.
 */
public final class ForwardProgram {
    private final Graph graph;
    private final int k;
    private final EvalOptions options;
    private final int size;
    private final int n;
    private final int m;
    private final Primitive[] prim;
    private final Primitive.Kind[] kind;
    private final int[] argStart;
    private final int[] args;
    private final double[] param;
    private final boolean[] active;
    private final int[] inputNode;
    private final int[] outputNode;
    private final int maxArity;
    private final int activeNodes;
    private final int activePartials;

    private ForwardProgram(Graph g, int lanes, EvalOptions options) {
        this.graph = g;
        this.k = lanes;
        this.options = options;
        this.size = g.size();
        this.n = g.inputCount();
        this.m = g.outputCount();
        this.prim = new Primitive[size];
        this.kind = new Primitive.Kind[size];
        this.argStart = new int[size + 1];
        this.param = new double[size];
        this.active = new boolean[size];
        int total = 0;
        for (int i = 0; i < size; i++) {
            total += g.arity(i);
        }
        this.args = new int[total];
        int pos = 0;
        int maxA = 2;
        int nodes = 0;
        int partials = 0;
        for (int i = 0; i < size; i++) {
            prim[i] = g.primitive(i);
            kind[i] = prim[i].kind();
            param[i] = g.param(i);
            argStart[i] = pos;
            int a = g.arity(i);
            maxA = Math.max(maxA, a);
            boolean act = kind[i] == Primitive.Kind.INPUT;
            for (int j = 0; j < a; j++) {
                int arg = g.arg(i, j);
                args[pos++] = arg;
                if (active[arg]) {
                    act = true;
                    partials++;
                }
            }
            active[i] = act;
            if (act && kind[i] != Primitive.Kind.INPUT) {
                nodes++;
            }
        }
        argStart[size] = pos;
        this.maxArity = maxA;
        this.activeNodes = nodes;
        this.activePartials = partials;
        this.inputNode = new int[n];
        for (int j = 0; j < n; j++) {
            inputNode[j] = g.inputNode(j);
        }
        this.outputNode = new int[m];
        for (int j = 0; j < m; j++) {
            outputNode[j] = g.outputNode(j);
        }
    }

    /** One tangent lane, the default kink policy. */
    public static ForwardProgram prepare(Graph g) {
        return prepare(g, 1, EvalOptions.DEFAULT);
    }

    /** k tangent lanes, the default kink policy. */
    public static ForwardProgram prepare(Graph g, int lanes) {
        return prepare(g, lanes, EvalOptions.DEFAULT);
    }

    /**
     * k tangent lanes; kinks and anomaly detection as in {@code options}. Scalar graphs only: a
     * graph with a matrix node is refused with a {@code ShapeException} naming the node and its
     * shape (its JVP as a graph, for any shapes, is {@link JvpGraph}).
     */
    public static ForwardProgram prepare(Graph g, int lanes, EvalOptions options) {
        if (g == null) {
            throw new GraphException("cannot prepare forward mode for a null graph");
        }
        // one double per node and lane: a matrix node would be read as its first element
        g.requireScalar("forward-mode lanes (ForwardProgram)");
        if (lanes < 1) {
            throw new LaneCountException("forward mode needs at least one tangent lane, got " + lanes);
        }
        if (options == null) {
            throw new LeibnizException("evaluation options must not be null");
        }
        return new ForwardProgram(g, lanes, options);
    }

    public Graph graph() {
        return graph;
    }

    /** Number of tangent lanes k: directions per sweep. */
    public int lanes() {
        return k;
    }

    public EvalOptions options() {
        return options;
    }

    public int inputCount() {
        return n;
    }

    public int outputCount() {
        return m;
    }

    /** Nodes a tangent sweep differentiates: those depending on some input, inputs excluded. */
    public int nodesPerSweep() {
        return activeNodes;
    }

    /** Local partials a tangent sweep evaluates (one per edge from an input-dependent node). */
    public int partialsPerSweep() {
        return activePartials;
    }

    /** A workspace for this program's sweeps; reuse it. */
    public TangentLanes newWorkspace() {
        return new TangentLanes(this, size, k, maxArity);
    }

    /** Forward pass: every node's value at {@code x} (one value per input), kept in {@code ws}. */
    public void values(double[] x, TangentLanes ws) {
        check(ws);
        if (x == null || x.length != n) {
            throw new GraphException("the graph takes " + n + " input" + (n == 1 ? "" : "s") + " " + graph.inputNames()
                    + ", got " + (x == null ? "null" : x.length + " value" + (x.length == 1 ? "" : "s")));
        }
        ws.valuesReady = false;
        final double[] v = ws.values;
        final Subgradients pol = options.policy();
        for (int i = 0; i < size; i++) {
            int s = argStart[i];
            switch (kind[i]) {
                case INPUT -> v[i] = x[(int) param[i]];
                case CONSTANT -> v[i] = param[i];
                case UNARY -> v[i] = ((UnaryPrimitive) prim[i]).apply(v[args[s]], param[i], pol);
                case BINARY -> v[i] = ((BinaryPrimitive) prim[i]).apply(v[args[s]], v[args[s + 1]], pol);
                default -> {
                    int a = argStart[i + 1] - s;
                    v[i] = prim[i].apply(gather(i, v, ws.scratch), a, param[i], pol);
                }
            }
            if (options.detectAnomalies() && !Double.isFinite(v[i])) {
                checkValue(i, v);
            }
        }
        ws.valuesReady = true;
    }

    /**
     * Tangent sweep: {@code J·V} for the n×k seed matrix V given row-major (row j = input j's k
     * lanes, {@code seeds[j·k + l]}). Needs {@link #values} at the point first.
     */
    public void tangents(double[] seeds, TangentLanes ws) {
        check(ws);
        if (seeds == null || seeds.length != n * k) { // message built only on failure: sweeps allocate nothing
            SeedLengthException.check(seeds, n * k, "the tangent seed (an n×k matrix with n = " + n + " inputs and k = "
                    + k + " lanes, row-major)");
        }
        requireValues(ws);
        for (int j = 0; j < n; j++) {
            System.arraycopy(seeds, j * k, ws.tangents, inputNode[j] * k, k);
        }
        propagate(ws);
    }

    /**
     * Tangent sweep with unit seeds: lane l is the direction of input {@code firstInput + l}
     * (lanes past the last input are zero). Columns firstInput … firstInput + k − 1 of the
     * Jacobian, with no seed array.
     */
    public void unitTangents(int firstInput, TangentLanes ws) {
        check(ws);
        if (firstInput < 0 || firstInput >= n) {
            throw new SeedLengthException("first seeded input " + firstInput + " is not in [0, " + n + ")");
        }
        requireValues(ws);
        double[] t = ws.tangents;
        for (int j = 0; j < n; j++) {
            int base = inputNode[j] * k;
            Arrays.fill(t, base, base + k, 0.0);
            int lane = j - firstInput;
            if (lane >= 0 && lane < k) {
                t[base + lane] = 1.0;
            }
        }
        propagate(ws);
    }

    /** {@link #values} then {@link #tangents}. */
    public void jvp(double[] x, double[] seeds, TangentLanes ws) {
        values(x, ws);
        tangents(seeds, ws);
    }

    /**
     * Convenience form: the JVPs {@code J·v_l} for exactly k directions (one per lane), each of
     * length n; returns one m-vector per direction. Allocates its workspace.
     */
    public double[][] jvp(double[] x, double[]... directions) {
        if (directions == null || directions.length != k) {
            throw new LaneCountException("this program has " + k + " tangent lane" + (k == 1 ? "" : "s") + ", got "
                    + (directions == null ? "no" : directions.length) + " direction"
                    + (directions != null && directions.length == 1 ? "" : "s")
                    + "; prepare it with as many lanes as directions");
        }
        double[] seeds = new double[n * k];
        for (int l = 0; l < k; l++) {
            SeedLengthException.check(directions[l], n, "direction " + l);
            for (int j = 0; j < n; j++) {
                seeds[j * k + l] = directions[l][j];
            }
        }
        TangentLanes ws = newWorkspace();
        jvp(x, seeds, ws);
        double[][] out = new double[k][m];
        for (int l = 0; l < k; l++) {
            for (int j = 0; j < m; j++) {
                out[l][j] = outputTangent(ws, j, l);
            }
        }
        return out;
    }

    public double outputValue(TangentLanes ws, int j) {
        check(ws);
        return ws.values[outputNode(j)];
    }

    public double outputTangent(TangentLanes ws, int j, int lane) {
        check(ws);
        if (lane < 0 || lane >= k) {
            throw new LaneCountException("lane " + lane + " does not exist; this program has lanes 0.." + (k - 1));
        }
        return ws.tangents[outputNode(j) * k + lane];
    }

    /** Copies the m×k output tangents J·V, row-major, into {@code out} (length m·k). */
    public void outputTangents(TangentLanes ws, double[] out) {
        check(ws);
        if (out == null || out.length != m * k) {
            SeedLengthException.check(out, m * k, "the output tangent buffer (m×k with m = " + m + ", k = " + k + ")");
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(ws.tangents, outputNode[j] * k, out, j * k, k);
        }
    }

    /** Offset of output j's first lane in the workspace's tangent array (unchecked; for the drivers). */
    int outputOffset(int j) {
        return outputNode[j] * k;
    }

    private int outputNode(int j) {
        if (j < 0 || j >= m) {
            throw new GraphException("output index " + j + " is out of range; the graph has outputs " + graph.outputNames());
        }
        return outputNode[j];
    }

    /** The tangent sweep proper, after the inputs' lanes are seeded. */
    private void propagate(TangentLanes ws) {
        final double[] v = ws.values;
        final double[] t = ws.tangents;
        final int kk = k;
        final Subgradients pol = options.policy();
        for (int i = 0; i < size; i++) {
            if (!active[i]) {
                continue;
            }
            int s = argStart[i];
            int base = i * kk;
            switch (kind[i]) {
                case INPUT, CONSTANT -> {
                    continue;
                }
                case UNARY -> {
                    int a = args[s];
                    double d = ((UnaryPrimitive) prim[i]).derivative(v[a], v[i], param[i], pol);
                    Lanes.set(d, t, a * kk, t, base, kk);
                }
                case BINARY -> {
                    int a = args[s];
                    int b = args[s + 1];
                    BinaryPrimitive p = (BinaryPrimitive) prim[i];
                    if (active[a]) {
                        Lanes.set(p.partialA(v[a], v[b], v[i], pol), t, a * kk, t, base, kk);
                    } else {
                        Arrays.fill(t, base, base + kk, 0.0);
                    }
                    if (active[b]) {
                        Lanes.addTo(p.partialB(v[a], v[b], v[i], pol), t, b * kk, t, base, kk);
                    }
                }
                default -> {
                    int na = argStart[i + 1] - s;
                    double[] x = gather(i, v, ws.scratch);
                    Arrays.fill(t, base, base + kk, 0.0);
                    for (int j = 0; j < na; j++) {
                        int a = args[s + j];
                        if (active[a]) {
                            Lanes.addTo(prim[i].partial(j, x, na, v[i], param[i], pol), t, a * kk, t, base, kk);
                        }
                    }
                }
            }
            if (options.detectAnomalies()) {
                checkTangent(i, v, t);
            }
        }
    }

    private double[] gather(int i, double[] v, double[] scratch) {
        int s = argStart[i];
        int na = argStart[i + 1] - s;
        for (int j = 0; j < na; j++) {
            scratch[j] = v[args[s + j]];
        }
        return scratch;
    }

    private void check(TangentLanes ws) {
        if (ws == null) {
            throw new LeibnizException("the workspace is null; make one with newWorkspace()");
        }
        if (ws.lanes != k) {
            throw new LaneCountException("the workspace has " + ws.lanes + " tangent lane" + (ws.lanes == 1 ? "" : "s")
                    + " but this program has " + k + "; make it with this program's newWorkspace()");
        }
        if (ws.owner != this) {
            throw new LeibnizException("the workspace belongs to another ForwardProgram; make it with this program's "
                    + "newWorkspace()");
        }
    }

    private static void requireValues(TangentLanes ws) {
        if (!ws.valuesReady) {
            throw new LeibnizException("no values in the workspace: call values(x, workspace) before a tangent sweep");
        }
    }

    private void checkValue(int i, double[] v) {
        for (int j = argStart[i]; j < argStart[i + 1]; j++) {
            if (!Double.isFinite(v[args[j]])) {
                return; // not the first non-finite value
            }
        }
        throw new AnomalyException("anomaly in forward pass: node %" + i + " (" + prim[i].name() + ") produced " + v[i]
                + " from finite arguments", i, false);
    }

    private void checkTangent(int i, double[] v, double[] t) {
        for (int l = 0; l < k; l++) {
            if (Double.isFinite(t[i * k + l])) {
                continue;
            }
            for (int j = argStart[i]; j < argStart[i + 1]; j++) {
                int a = args[j];
                if (!Double.isFinite(t[a * k + l]) || !Double.isFinite(v[a])) {
                    return; // inherited, not produced here
                }
            }
            throw new AnomalyException("anomaly in tangent sweep: the forward rule of node %" + i + " (" + prim[i].name()
                    + ", value " + v[i] + ") produced tangent " + t[i * k + l] + " in lane " + l
                    + " from finite arguments and tangents", i, false);
        }
    }

    /**
     * Copies the m output values f(x) of the last {@link #values} call into {@code out}
     * (length m), so a caller that needs both f and J·V makes one forward pass.
     */
    public void outputValues(TangentLanes ws, double[] out) {
        check(ws);
        requireValues(ws);
        if (out == null || out.length != m) {
            SeedLengthException.check(out, m, "the output value buffer (m = " + m + ")");
        }
        for (int j = 0; j < m; j++) {
            out[j] = ws.values[outputNode[j]];
        }
    }
}
