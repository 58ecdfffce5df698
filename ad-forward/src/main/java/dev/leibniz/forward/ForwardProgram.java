package dev.leibniz.forward;

import dev.leibniz.core.AnomalyException;
import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.GraphException;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.internal.Sweeps;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;

/**
 * A graph prepared for forward mode with k tangent lanes: Jacobian–vector products
 * {@code J·V} for an n×k seed matrix V, in one sweep over the nodes.
 *
 * <p>The sweep follows the nodes in order; node i, with arguments x_j, gets in every lane l
 * <pre>  ṫ_{i,l} = Σ_j ∂y_i/∂x_j · ṫ_{x_j,l}</pre>
 * using the edge partials of ad-core's {@link Sweeps} (the primitives' declared rules, with the
 * kink policy of the program's {@link EvalOptions}) — the same partials the reverse sweep uses.
 * The partials are evaluated once per point and applied to all k lanes of every tangent sweep at
 * that point, so a sweep costs k·(multiply-adds) per edge: k lanes are much cheaper than k sweeps.
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
    private final Sweeps sweeps;
    private final int k;
    private final EvalOptions options;
    private final int size;
    private final int n;
    private final int m;
    /** Nodes that depend on some input: the only ones whose tangents can be non-zero. */
    private final boolean[] active;
    private final int[] inputNode;
    private final int[] outputNode;
    private final int activeNodes;
    private final int activePartials;
    /**
     * The tangent sweep's plan, fixed at preparation: the input-dependent nodes in order
     * ({@code planNode}) and, for the r-th of them, its edges from input-dependent arguments at
     * {@code [planStart[r], planStart[r + 1])}: the edge slot of the partial ({@code planEdge}) and
     * the argument's first lane ({@code planSource}, node · k). The sweep then reads no
     * activity flags and skips no edges.
     */
    private final int[] planNode;
    private final int[] planStart;
    private final int[] planEdge;
    private final int[] planSource;

    private ForwardProgram(Graph g, int lanes, EvalOptions options) {
        this.graph = g;
        // one double per node and lane: Sweeps refuses a matrix graph, naming the node
        this.sweeps = new Sweeps(g, "forward-mode lanes (ForwardProgram)");
        this.k = lanes;
        this.options = options;
        this.size = g.size();
        this.n = g.inputCount();
        this.m = g.outputCount();
        this.active = new boolean[size];
        int nodes = 0;
        int partials = 0;
        for (int i = 0; i < size; i++) {
            boolean act = g.primitive(i).kind() == Primitive.Kind.INPUT;
            for (int j = 0, a = sweeps.arity(i); j < a; j++) {
                if (active[g.arg(i, j)]) {
                    act = true;
                    partials++;
                }
            }
            active[i] = act;
            if (act && g.primitive(i).kind() != Primitive.Kind.INPUT) {
                nodes++;
            }
        }
        this.activeNodes = nodes;
        this.activePartials = partials;
        this.planNode = new int[nodes];
        this.planStart = new int[nodes + 1];
        this.planEdge = new int[partials];
        this.planSource = new int[partials];
        int r = 0;
        int e = 0;
        for (int i = 0; i < size; i++) {
            int na = sweeps.arity(i);
            if (!active[i] || na == 0) {
                continue;
            }
            planNode[r] = i;
            planStart[r] = e;
            for (int j = 0; j < na; j++) {
                int a = sweeps.edgeSource(sweeps.edgeStart(i) + j);
                if (active[a]) {
                    planEdge[e] = sweeps.edgeStart(i) + j;
                    planSource[e] = a * lanes;
                    e++;
                }
            }
            r++;
        }
        planStart[r] = e;
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
        return new TangentLanes(this, size, k, sweeps.newScratch().length, sweeps.edgeSlots());
    }

    /** Forward pass: every node's value at {@code x} (one value per input), kept in {@code ws}. */
    public void values(double[] x, TangentLanes ws) {
        check(ws);
        if (x == null || x.length != n) {
            throw new GraphException("the graph takes " + n + " input" + (n == 1 ? "" : "s") + " " + graph.inputNames()
                    + ", got " + (x == null ? "null" : x.length + " value" + (x.length == 1 ? "" : "s")));
        }
        ws.valuesReady = false;
        ws.partialsReady = false;
        sweeps.forward(x, ws.values, options.policy(), ws.scratch);
        if (options.detectAnomalies()) {
            for (int i = 0; i < size; i++) {
                if (!Double.isFinite(ws.values[i])) {
                    checkValue(i, ws.values);
                }
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

    /**
     * Sets the k tangent lanes of input {@code input} to {@code src[off … off + k)}, for a caller
     * whose seeds change only in part between sweeps (an ODE's sensitivity right-hand side: the
     * states' lanes change at every stage, the parameters' unit lanes never). An input's lanes stay
     * in the workspace until set again — sweeps write only the lanes of non-input nodes — so
     * constant seeds are set once; then {@link #tangentsFromSeeds} per point.
     */
    public void seed(int input, double[] src, int off, TangentLanes ws) {
        check(ws);
        checkInput(input);
        if (src == null || off < 0 || off + k > src.length) {
            throw new SeedLengthException("the seed of input " + input + " needs " + k + " lanes from offset " + off
                    + ", got an array of " + (src == null ? "null" : src.length + " values"));
        }
        System.arraycopy(src, off, ws.tangents, inputNode[input] * k, k);
    }

    /** Sets input {@code input}'s lanes to the unit vector of lane {@code lane}, or to zero when {@code lane < 0}. */
    public void seedUnit(int input, int lane, TangentLanes ws) {
        check(ws);
        checkInput(input);
        if (lane >= k) {
            throw new LaneCountException("lane " + lane + " does not exist; this program has lanes 0.." + (k - 1));
        }
        int base = inputNode[input] * k;
        Arrays.fill(ws.tangents, base, base + k, 0.0);
        if (lane >= 0) {
            ws.tangents[base + lane] = 1.0;
        }
    }

    /**
     * Tangent sweep from the seeds in the workspace (set by {@link #seed}, {@link #seedUnit}, or
     * an earlier {@link #tangents}); a workspace never seeded has zero seeds. Needs {@link #values}
     * at the point first.
     */
    public void tangentsFromSeeds(TangentLanes ws) {
        check(ws);
        requireValues(ws);
        propagate(ws);
    }

    private void checkInput(int input) {
        if (input < 0 || input >= n) {
            throw new GraphException("input index " + input + " is out of range; the graph has inputs "
                    + graph.inputNames());
        }
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

    /** Copies the m×k output tangents, row-major, into {@code out} from offset {@code off}. */
    public void outputTangents(TangentLanes ws, double[] out, int off) {
        check(ws);
        if (out == null || off < 0 || off + m * k > out.length) {
            throw new SeedLengthException("the output tangents need " + m * k + " entries from offset " + off
                    + ", got an array of " + (out == null ? "null" : out.length + " values"));
        }
        for (int j = 0; j < m; j++) {
            System.arraycopy(ws.tangents, outputNode[j] * k, out, off + j * k, k);
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

    /**
     * The tangent sweep proper, after the inputs' lanes are seeded: the edge partials at the point
     * (computed once per point by {@link Sweeps#partials}, the declarations' own rules), then for
     * every input-dependent node {@code ṫ_i = Σ_j P_ij · ṫ_{x_j}} over its active arguments.
     */
    private void propagate(TangentLanes ws) {
        final double[] v = ws.values;
        final double[] t = ws.tangents;
        final double[] p = ws.partials;
        if (!ws.partialsReady) {
            sweeps.partials(v, p, options.policy(), ws.scratch);
            ws.partialsReady = true;
        }
        final int kk = k;
        final boolean anomalies = options.detectAnomalies();
        for (int r = 0; r < planNode.length; r++) {
            int i = planNode[r];
            int base = i * kk;
            int e = planStart[r];
            int end = planStart[r + 1];
            Lanes.set(p[planEdge[e]], t, planSource[e], t, base, kk);
            for (e++; e < end; e++) {
                Lanes.addTo(p[planEdge[e]], t, planSource[e], t, base, kk);
            }
            if (anomalies) {
                checkTangent(i, v, t);
            }
        }
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
        for (int j = 0; j < sweeps.arity(i); j++) {
            if (!Double.isFinite(v[graph.arg(i, j)])) {
                return; // not the first non-finite value
            }
        }
        throw new AnomalyException("anomaly in forward pass: node %" + i + " (" + graph.primitive(i).name() + ") produced " + v[i]
                + " from finite arguments", i, false);
    }

    private void checkTangent(int i, double[] v, double[] t) {
        for (int l = 0; l < k; l++) {
            if (Double.isFinite(t[i * k + l])) {
                continue;
            }
            for (int j = 0; j < sweeps.arity(i); j++) {
                int a = graph.arg(i, j);
                if (!Double.isFinite(t[a * k + l]) || !Double.isFinite(v[a])) {
                    return; // inherited, not produced here
                }
            }
            throw new AnomalyException("anomaly in tangent sweep: the forward rule of node %" + i + " (" + graph.primitive(i).name()
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
