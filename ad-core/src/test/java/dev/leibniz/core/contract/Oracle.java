package dev.leibniz.core.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.Shape;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Flow;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.core.prim.TensorArgs;
import dev.leibniz.core.prim.TensorConstant;
import dev.leibniz.core.prim.TensorPrimitive;
import java.util.Arrays;

/**
 * The reference every back end is compared with: the primitives' declarations evaluated as
 * directly as possible, with the one flow contract of {@link Flow}. It is deliberately small and
 * slow, and shares no code with any back end:
 *
 * <ul>
 *   <li><b>values</b>: node by node in graph order; a scalar primitive by its general
 *       {@link Primitive#apply(double[], int, double, Subgradients)} once per output element,
 *       reading each argument through its broadcast strides; a matrix primitive by its own
 *       forward kernel; constants from the graph;</li>
 *   <li><b>vector–Jacobian product</b>: nodes in reverse order, arguments in order, each receiving
 *       {@code x̄_k += Flow.times(ȳ, ∂y/∂x_k)} element by element from the general
 *       {@link Primitive#partial(int, double[], int, double, double, Subgradients)} — nothing on
 *       an edge whose dependence is NONE ({@link Flow#flows}), an exact zero when either factor is
 *       zero; a matrix primitive by its own reverse kernel, skipped when its adjoint is all zeros.
 *       That is the accumulation order of the numeric reverse sweeps, so they must match it bit
 *       for bit;</li>
 *   <li><b>Jacobian–vector product</b>: nodes in order, {@code ẏ = Σ_k Flow.times(∂y/∂x_k, ẋ_k)}
 *       (the forward sweeps' order); not defined for a graph with a matrix primitive, which
 *       declares no numeric JVP (there the dot-product identity with the VJP is the check);</li>
 *   <li><b>presence</b>: an input has a gradient when the graph has a path from it to the output.</li>
 * </ul>
 * The {@link dev.leibniz.core.Subgradients#DEFAULT default} kink policy throughout. With another
 * {@link FlowRule} the reverse sweep follows an old rule instead of the contract; that is only used to
 * recognise a known defect exactly ({@link KnownDivergences}).
 */
public final class Oracle {
    private static final Subgradients POLICY = Subgradients.DEFAULT;

    private final Case c;
    private final FlowRule rule;
    private final Graph g;
    private final int out;
    private final double[][] v;
    private double[][] adjoints;
    private double[][] ones;
    private double[][] tangents;
    private boolean jvpDefined = true;

    private Oracle(Case c, FlowRule rule) {
        this.c = c;
        this.rule = rule;
        this.g = c.graph();
        this.out = g.outputNode(0);
        this.v = new double[g.size()][];
        forward();
    }

    /** The reference: the declarations with the flow contract. */
    public static Oracle of(Case c) {
        return new Oracle(c, FlowRule.CONTRACT);
    }

    /** The declarations with another flow rule in the reverse sweep (to recognise a known defect). */
    public static Oracle of(Case c, FlowRule rule) {
        return new Oracle(c, rule);
    }

    // ---------------------------------------------------------------- what the back ends are compared with

    /** The output, row-major. */
    public double[] value() {
        return v[out].clone();
    }

    /** vᵀJ for the case's cotangent, one array per input. */
    public double[][] vjp() {
        if (adjoints == null) {
            adjoints = backward(c.cotangent());
        }
        return perInput(adjoints);
    }

    /** ∂f/∂x_j of a scalar output by the reverse accumulation (seed 1); one value per input element. */
    public double[][] jacobianRow() {
        if (ones == null) {
            double[] seed = new double[v[out].length];
            Arrays.fill(seed, 1.0);
            ones = backward(seed);
        }
        return perInput(ones);
    }

    /** J·u for the case's tangent, or null when the graph has a matrix primitive (no numeric JVP declared). */
    public double[] jvp() {
        if (tangents == null && jvpDefined) {
            tangents = tangentSweep(c.tangent());
        }
        return tangents == null ? null : tangents[out].clone();
    }

    /** J·e_j (the forward accumulation with a unit tangent on input j, element e), or null as for {@link #jvp()}. */
    public double[] jvpOfUnit(int j, int e) {
        double[][] unit = new double[c.inputs().length][];
        for (int k = 0; k < unit.length; k++) {
            unit[k] = new double[c.inputs()[k].length];
        }
        unit[j][e] = 1.0;
        double[][] t = tangentSweep(unit);
        return t == null ? null : t[out];
    }

    /** Per input: whether the graph has a path from it to the output (any edge, NONE included). */
    public boolean[] presence() {
        boolean[] reach = new boolean[g.size()];
        reach[out] = true;
        for (int i = g.size() - 1; i >= 0; i--) {
            if (reach[i]) {
                for (int k = 0; k < g.arity(i); k++) {
                    reach[g.arg(i, k)] = true;
                }
            }
        }
        boolean[] p = new boolean[g.inputCount()];
        for (int j = 0; j < p.length; j++) {
            p[j] = reach[g.inputNode(j)];
        }
        return p;
    }

    /** True when some node value or some adjoint of the case's VJP is NaN or infinite (anomaly detection may fire). */
    public boolean hasNonFinite() {
        vjp();
        for (int i = 0; i < g.size(); i++) {
            if (!allFinite(v[i]) || (adjoints[i] != null && !allFinite(adjoints[i]))) {
                return true;
            }
        }
        return false;
    }

    // ---------------------------------------------------------------- the three sweeps

    private void forward() {
        for (int i = 0; i < g.size(); i++) {
            Primitive p = g.primitive(i);
            Shape s = g.shape(i);
            switch (p.kind()) {
                case INPUT -> v[i] = c.inputs()[(int) g.param(i)].clone();
                case CONSTANT -> v[i] = new double[] {g.param(i)};
                default -> {
                    if (p == TensorConstant.MATRIX) {
                        v[i] = g.constantValues(i);
                    } else if (p instanceof TensorPrimitive t) {
                        TensorArgs a = operands(i, null, null);
                        t.forward(a);
                        v[i] = a.y;
                    } else {
                        v[i] = new double[s.size()];
                        int n = g.arity(i);
                        double[] point = new double[n];
                        for (int e = 0; e < s.size(); e++) {
                            gather(i, e, s, point);
                            v[i][e] = p.apply(point.clone(), n, g.param(i), POLICY);
                        }
                    }
                }
            }
        }
    }

    /** Adjoints of every node (null where nothing was reached) for the output seed {@code seed}. */
    private double[][] backward(double[] seed) {
        double[][] adj = new double[g.size()][];
        adj[out] = seed.clone();
        for (int i = g.size() - 1; i >= 0; i--) {
            Primitive p = g.primitive(i);
            int n = g.arity(i);
            if (adj[i] == null || n == 0 || p == TensorConstant.MATRIX) {
                continue;
            }
            for (int k = 0; k < n; k++) {
                int a = g.arg(i, k);
                if (adj[a] == null) {
                    adj[a] = new double[v[a].length];
                }
            }
            if (p instanceof TensorPrimitive t) {
                if (allZero(adj[i])) {
                    continue; // a zero adjoint sends nothing (flow contract)
                }
                TensorArgs a = operands(i, adj, adj[i]);
                t.backward(a);
                continue;
            }
            Shape s = g.shape(i);
            double[] point = new double[n];
            double param = g.param(i);
            for (int e = 0; e < s.size(); e++) {
                gather(i, e, s, point);
                double gi = adj[i][e];
                for (int k = 0; k < n; k++) {
                    if (!rule.flows(p.code(), k)) {
                        continue;
                    }
                    int a = g.arg(i, k);
                    double partial = p.partial(k, point.clone(), n, v[i][e], param, POLICY);
                    adj[a][index(g.shape(a), e, s)] += rule.times(gi, partial);
                }
            }
        }
        return adj;
    }

    /** Tangents of every node for the input tangent {@code t}, or null when a node is a matrix primitive. */
    private double[][] tangentSweep(double[][] t) {
        double[][] tan = new double[g.size()][];
        for (int i = 0; i < g.size(); i++) {
            Primitive p = g.primitive(i);
            Shape s = g.shape(i);
            switch (p.kind()) {
                case INPUT -> tan[i] = t[(int) g.param(i)].clone();
                case CONSTANT -> tan[i] = new double[1];
                default -> {
                    if (p == TensorConstant.MATRIX) {
                        tan[i] = new double[s.size()];
                        continue;
                    }
                    if (p instanceof TensorPrimitive) {
                        jvpDefined = false;
                        return null;
                    }
                    int n = g.arity(i);
                    double[] point = new double[n];
                    tan[i] = new double[s.size()];
                    for (int e = 0; e < s.size(); e++) {
                        gather(i, e, s, point);
                        double sum = 0.0;
                        for (int k = 0; k < n; k++) {
                            if (!Flow.flows(p.code(), k)) {
                                continue;
                            }
                            int a = g.arg(i, k);
                            double partial = p.partial(k, point.clone(), n, v[i][e], g.param(i), POLICY);
                            sum += Flow.times(partial, tan[a][index(g.shape(a), e, s)]);
                        }
                        tan[i][e] = sum;
                    }
                }
            }
        }
        return tan;
    }

    // ---------------------------------------------------------------- helpers

    /** Element e (row-major in the output shape s) of node i's arguments, through their broadcast strides. */
    private void gather(int i, int e, Shape s, double[] point) {
        for (int k = 0; k < point.length; k++) {
            int a = g.arg(i, k);
            point[k] = v[a][index(g.shape(a), e, s)];
        }
    }

    /** The element of an argument of shape {@code from} read at element e of the broadcast shape {@code to}. */
    private static int index(Shape from, int e, Shape to) {
        int r = e / to.cols();
        int col = e % to.cols();
        return (from.rows() == 1 ? 0 : r) * from.cols() + (from.cols() == 1 ? 0 : col);
    }

    /** Operands of matrix node i for its kernels; with adjoints when {@code adj} is given. */
    private TensorArgs operands(int i, double[][] adj, double[] gy) {
        int n = g.arity(i);
        TensorArgs a = new TensorArgs(n);
        a.ensure(n);
        a.n = n;
        for (int k = 0; k < n; k++) {
            int arg = g.arg(i, k);
            a.x[k] = v[arg];
            a.xo[k] = 0;
            a.xs[k] = g.shape(arg);
            if (adj != null) {
                a.gx[k] = adj[arg];
                a.gxo[k] = 0;
                a.need[k] = true;
            }
        }
        a.ys = g.shape(i);
        a.y = adj != null ? v[i] : new double[a.ys.size()];
        a.yo = 0;
        if (gy != null) {
            a.gy = gy;
            a.gyo = 0;
        }
        a.param = g.param(i);
        a.policy = POLICY;
        return a;
    }

    private double[][] perInput(double[][] adj) {
        double[][] r = new double[g.inputCount()][];
        for (int j = 0; j < r.length; j++) {
            int node = g.inputNode(j);
            r[j] = adj[node] != null ? adj[node].clone() : new double[v[node].length];
        }
        return r;
    }

    private static boolean allFinite(double[] a) {
        for (double x : a) {
            if (!Double.isFinite(x)) {
                return false;
            }
        }
        return true;
    }

    private static boolean allZero(double[] a) {
        for (double x : a) {
            if (x != 0) {
                return false;
            }
        }
        return true;
    }
}
