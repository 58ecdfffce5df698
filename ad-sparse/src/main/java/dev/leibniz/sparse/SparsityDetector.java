package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Dependence;
import dev.leibniz.core.prim.Primitive;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;

/**
 * Jacobian and Hessian sparsity patterns from the reachability structure of a {@link Graph}.
 *
 * <p><b>Jacobian.</b> If no path leads from input xⱼ to output yᵢ, then ∂yᵢ/∂xⱼ = 0 for every
 * input value. Each node carries the set of inputs it depends on, propagated once through the
 * flat node list in topological order:
 * <pre>
 *   S(input j) = {j},   S(constant) = ∅,   S(node) = ∪ { S(arg k) : the node depends on arg k }
 * </pre>
 * where "depends" is the primitive's {@link Dependence} ≠ NONE (comparisons, step functions and
 * a select's condition carry no derivative). Row i of the pattern is S(output i). Sets are
 * sorted {@code int[]} shared between nodes when equal (see {@code IndexSets}), so detection is a
 * single pass costing about the total size of the sets: a few milliseconds for the 2-D
 * Brusselator with 2048 states.
 *
 * <p>The <b>global</b> pattern holds for all inputs. The <b>local</b> pattern at a point x
 * follows the branches the evaluation at x takes: {@code select} depends only on the branch
 * taken, {@code max}/{@code min} only on the winning argument (on both at a tie), {@code relu}
 * on nothing where its argument is negative. A product with an exact zero keeps its
 * dependence: patterns are structural, not numerical. The local pattern is a subset of the
 * global one, valid near x as long as no branch flips.
 *
 * <p><b>Hessian</b> (Walther 2008, "Computing sparse Hessians with automatic
 * differentiation"; the nonlinear interaction domains): ∇²y = Σ_v (∂y/∂v)·Σ_{j,k}
 * ∂²φ_v/∂a_j∂a_k · ∇a_j ∇a_kᵀ over nodes v = φ_v(a_0, …). A node whose output reaches y along
 * dependences contributes, with the Jacobian sets S(a_k) of its arguments,
 * <ul>
 *   <li>S(a_k) × S(a_k) for each argument it depends on NONLINEARly (sin, square, …);</li>
 *   <li>S(a_j) × S(a_k) and its mirror for each pair that {@link Primitive#interacts interacts}
 *       (x·y, x/y);</li>
 *   <li>nothing for LINEAR dependences (+, −, relu, select).</li>
 * </ul>
 * The result is symmetric and contains every entry that can be nonzero for some input; it may
 * contain entries that are zero everywhere (x·y − y·x), as any structural method does.
 *
 * <p>Every node of this release is a scalar; a matrix-valued function is a graph with one
 * output per matrix entry, and works the same way.
 */
public final class SparsityDetector {
    private SparsityDetector() {
    }

    /** The global Jacobian pattern: outputs × inputs, valid for every input value. */
    public static SparsityPattern jacobian(Graph g) {
        checkGraph(g);
        int[][] sets = inputSets(g, null);
        return rowsOf(g, sets);
    }

    /** The local Jacobian pattern at {@code x}, following the branches taken there. */
    public static SparsityPattern jacobian(Graph g, double[] x) {
        return jacobian(g, x, EvalOptions.DEFAULT);
    }

    /** The local Jacobian pattern at {@code x}, evaluated with the given options. */
    public static SparsityPattern jacobian(Graph g, double[] x, EvalOptions options) {
        double[] v = nodeValues(g, x, options);
        return rowsOf(g, inputSets(g, v));
    }

    /**
     * The global Hessian pattern (inputs × inputs, symmetric) of the sum of all outputs — that
     * is, the union of the Hessian patterns of every output.
     */
    public static SparsityPattern hessian(Graph g) {
        checkGraph(g);
        return hessian(g, allOutputs(g), null);
    }

    /** The global Hessian pattern of output {@code output}. */
    public static SparsityPattern hessian(Graph g, int output) {
        checkGraph(g);
        return hessian(g, oneOutput(g, output), null);
    }

    /** The local Hessian pattern of the sum of all outputs at {@code x}. */
    public static SparsityPattern hessian(Graph g, double[] x) {
        double[] v = nodeValues(g, x, EvalOptions.DEFAULT);
        return hessian(g, allOutputs(g), v);
    }

    /**
     * Per node, the sorted set of inputs it depends on; with {@code v == null} globally,
     * otherwise at the point whose node values are {@code v}.
     */
    static int[][] inputSets(Graph g, double[] v) {
        int n = g.size();
        int[][] sets = new int[n][];
        IndexSets.IntList scratch = null;
        for (int i = 0; i < n; i++) {
            Primitive p = g.primitive(i);
            switch (p.kind()) {
                case INPUT -> sets[i] = new int[] {(int) g.param(i)};
                case CONSTANT -> sets[i] = IndexSets.EMPTY;
                default -> {
                    int arity = g.arity(i);
                    if (arity <= 8) {
                        int[] s = IndexSets.EMPTY;
                        for (int k = 0; k < arity; k++) {
                            if (active(g, i, p, k, v)) {
                                s = IndexSets.union(s, sets[g.arg(i, k)]);
                            }
                        }
                        sets[i] = s;
                    } else {
                        // wide reductions: gather then sort, O(t log t) instead of arity pairwise merges
                        if (scratch == null) {
                            scratch = new IndexSets.IntList(64);
                        }
                        scratch.size = 0;
                        for (int k = 0; k < arity; k++) {
                            if (active(g, i, p, k, v)) {
                                scratch.addAll(sets[g.arg(i, k)]);
                            }
                        }
                        scratch.sortUnique();
                        sets[i] = scratch.size == 0 ? IndexSets.EMPTY : scratch.toArray();
                    }
                }
            }
        }
        return sets;
    }

    private static boolean active(Graph g, int i, Primitive p, int k, double[] v) {
        return v == null ? LocalDependence.global(p, k) : LocalDependence.local(g, i, p, k, v);
    }

    private static SparsityPattern rowsOf(Graph g, int[][] sets) {
        int m = g.outputCount();
        int[] ptr = new int[m + 1];
        for (int r = 0; r < m; r++) {
            ptr[r + 1] = ptr[r] + sets[g.outputNode(r)].length;
        }
        int[] idx = new int[ptr[m]];
        for (int r = 0; r < m; r++) {
            int[] s = sets[g.outputNode(r)];
            System.arraycopy(s, 0, idx, ptr[r], s.length);
        }
        return SparsityPattern.trusted(m, g.inputCount(), ptr, idx);
    }

    private static SparsityPattern hessian(Graph g, int[] outputs, double[] v) {
        int n = g.size();
        int[][] sets = inputSets(g, v);
        // nodes v with ∂y/∂v possibly nonzero: reached backward from the outputs along dependences
        boolean[] reach = new boolean[n];
        for (int o : outputs) {
            reach[g.outputNode(o)] = true;
        }
        for (int i = n - 1; i >= 0; i--) {
            if (!reach[i]) {
                continue;
            }
            Primitive p = g.primitive(i);
            for (int k = 0, a = g.arity(i); k < a; k++) {
                if (active(g, i, p, k, v)) {
                    reach[g.arg(i, k)] = true;
                }
            }
        }
        PairAccumulator pairs = new PairAccumulator(g.inputCount());
        for (int i = 0; i < n; i++) {
            if (!reach[i]) {
                continue;
            }
            Primitive p = g.primitive(i);
            int arity = g.arity(i);
            for (int k = 0; k < arity; k++) {
                if (!active(g, i, p, k, v)) {
                    continue;
                }
                int[] sk = sets[g.arg(i, k)];
                if (p.dependence(k) == Dependence.NONLINEAR) {
                    pairs.add(sk, sk);
                }
                for (int j = 0; j < k; j++) {
                    if (active(g, i, p, j, v) && p.interacts(j, k)) {
                        int[] sj = sets[g.arg(i, j)];
                        pairs.add(sj, sk);
                        pairs.add(sk, sj);
                    }
                }
            }
        }
        return pairs.toPattern();
    }

    /** Accumulates rows of a symmetric pattern as unsorted lists, compacted when they grow. */
    private static final class PairAccumulator {
        private final int n;
        private final IndexSets.IntList[] rows;
        private final int[] compacted;
        /** Last (a, b) added, by identity: repeated identical products are common and skipped. */
        private int[] lastA;
        private int[] lastB;

        PairAccumulator(int n) {
            this.n = n;
            this.rows = new IndexSets.IntList[n];
            this.compacted = new int[n];
        }

        void add(int[] a, int[] b) {
            if (a.length == 0 || b.length == 0 || (a == lastA && b == lastB)) {
                return;
            }
            lastA = a;
            lastB = b;
            for (int r : a) {
                IndexSets.IntList row = rows[r];
                if (row == null) {
                    row = rows[r] = new IndexSets.IntList(b.length);
                }
                row.addAll(b);
                if (row.size > 2 * compacted[r] + 32) {
                    compacted[r] = row.sortUnique();
                }
            }
        }

        SparsityPattern toPattern() {
            int[] ptr = new int[n + 1];
            for (int r = 0; r < n; r++) {
                ptr[r + 1] = ptr[r] + (rows[r] == null ? 0 : rows[r].sortUnique());
            }
            int[] idx = new int[ptr[n]];
            for (int r = 0; r < n; r++) {
                if (rows[r] != null) {
                    System.arraycopy(rows[r].data, 0, idx, ptr[r], rows[r].size);
                }
            }
            return SparsityPattern.trusted(n, n, ptr, idx);
        }
    }

    private static double[] nodeValues(Graph g, double[] x, EvalOptions options) {
        checkGraph(g);
        checkPoint(g, x);
        if (options == null) {
            throw new SparsityException("evaluation options must not be null");
        }
        // ad-forward's evaluator: O(nodes) to prepare, where compiling a Program would also
        // compute per-output reachability (O(outputs × nodes))
        ForwardProgram p = ForwardProgram.prepare(g, 1, options);
        TangentLanes ws = p.newWorkspace();
        p.values(x, ws);
        double[] v = new double[g.size()];
        for (int i = 0; i < v.length; i++) {
            v[i] = ws.value(i);
        }
        return v;
    }

    static void checkGraph(Graph g) {
        if (g == null) {
            throw new SparsityException("graph must not be null");
        }
    }

    /** Throws a {@link SparsityException} naming both sizes when {@code x} does not fit the graph. */
    static void checkPoint(Graph g, double[] x) {
        if (x == null) {
            throw new SparsityException("the point must not be null; the graph takes " + g.inputCount() + " inputs");
        }
        if (x.length != g.inputCount()) {
            throw new SparsityException("the point has dimension " + x.length + ", but the graph takes "
                    + g.inputCount() + " input" + (g.inputCount() == 1 ? "" : "s") + " " + abbreviate(g));
        }
    }

    private static String abbreviate(Graph g) {
        java.util.List<String> names = g.inputNames();
        return names.size() <= 8 ? names.toString()
                : "[" + String.join(", ", names.subList(0, 4)) + ", …, " + names.get(names.size() - 1) + "]";
    }

    private static int[] allOutputs(Graph g) {
        int[] o = new int[g.outputCount()];
        for (int j = 0; j < o.length; j++) {
            o[j] = j;
        }
        return o;
    }

    private static int[] oneOutput(Graph g, int output) {
        if (output < 0 || output >= g.outputCount()) {
            throw new SparsityException("output index " + output + " is out of range; the graph has "
                    + g.outputCount() + " output" + (g.outputCount() == 1 ? "" : "s") + " " + g.outputNames());
        }
        return new int[] {output};
    }
}
