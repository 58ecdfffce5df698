package dev.leibniz.sparse;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Dependence;
import dev.leibniz.core.prim.Primitive;

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
 * a select's condition carry no derivative), for every argument, however many a variadic
 * primitive has. Row i of the pattern is S(output i). Sets are
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
 * <p><b>Matrix graphs</b> are supported element by element: every element of a node carries its
 * own set, a pattern row is an output element and a pattern column an input element (outputs and
 * inputs in the graph's order, each row-major; see {@code Elements}). A scalar primitive applied
 * elementwise links each output element to the one element of each argument it reads, with
 * broadcasting (a bias row feeds every row); a matrix primitive links it to the argument elements
 * its declaration {@link dev.leibniz.core.prim.TensorPrimitive#connects connects} (a transpose
 * swaps indices, a slice shifts them, {@code matmul} takes a row and a column). For the Hessian a
 * matrix primitive's output element couples the elements it reads as the primitive's
 * dependence and {@code interacts} say, a superset (for {@code matmul}, A[i,l]·B[l',j] for every
 * l, l'). A scalar graph is the special case of one element per node, with unchanged patterns.
 * The compressed evaluators ({@link SparseJacobian}, {@link SparseHessian}) remain scalar-only.
 */
public final class SparsityDetector {
    private SparsityDetector() {
    }

    /** The global Jacobian pattern: output elements × input elements, valid for every input value. */
    public static SparsityPattern jacobian(Graph g) {
        Elements el = elements(g);
        return rowsOf(el, inputSets(el, null));
    }

    /**
     * The local Jacobian pattern at {@code x}, following the branches taken there; {@code x} has
     * one value per input element (a matrix input row-major).
     */
    public static SparsityPattern jacobian(Graph g, double[] x) {
        return jacobian(g, x, EvalOptions.DEFAULT);
    }

    /** The local Jacobian pattern at {@code x}, evaluated with the given options. */
    public static SparsityPattern jacobian(Graph g, double[] x, EvalOptions options) {
        Elements el = elements(g);
        return rowsOf(el, inputSets(el, nodeValues(el, x, options)));
    }

    /**
     * The global Hessian pattern (input elements × input elements, symmetric) of the sum of all
     * outputs' elements — that is, the union of the Hessian patterns of every output element.
     */
    public static SparsityPattern hessian(Graph g) {
        return hessian(elements(g), allOutputs(g), null);
    }

    /** The global Hessian pattern of output {@code output} (of the sum of its elements). */
    public static SparsityPattern hessian(Graph g, int output) {
        Elements el = elements(g);
        return hessian(el, oneOutput(g, output), null);
    }

    /** The local Hessian pattern of the sum of all outputs at {@code x}. */
    public static SparsityPattern hessian(Graph g, double[] x) {
        Elements el = elements(g);
        return hessian(el, allOutputs(g), nodeValues(el, x, EvalOptions.DEFAULT));
    }

    /**
     * Per element slot, the sorted set of input elements (pattern columns) it depends on; with
     * {@code v == null} globally, otherwise at the point whose element values are {@code v}.
     */
    static int[][] inputSets(Elements el, double[] v) {
        Graph g = el.graph;
        int n = g.size();
        int[][] sets = new int[el.slots()][];
        ElementReads reads = new ElementReads(el, v);
        IndexSets.Union union = new IndexSets.Union();
        boolean scalarGlobal = el.scalar && v == null; // the hot case: slot = node, no branch to judge
        for (int i = 0; i < n; i++) {
            int base = el.base(i);
            int size = el.size(i);
            Primitive p = g.primitive(i);
            switch (p.kind()) {
                case INPUT -> {
                    int first = el.column[(int) g.param(i)];
                    for (int e = 0; e < size; e++) {
                        sets[base + e] = new int[] {first + e};
                    }
                }
                case CONSTANT -> sets[base] = IndexSets.EMPTY;
                default -> {
                    int arity = g.arity(i);
                    if (scalarGlobal) {
                        sets[i] = scalarNode(g, i, p, arity, sets, union);
                        continue;
                    }
                    for (int o = 0; o < size; o++) {
                        reads.at(i, p, arity, o);
                        union.begin(reads.total());
                        for (int k = 0; k < arity; k++) {
                            for (int s = 0, c = reads.count(k); s < c; s++) {
                                union.add(sets[reads.slot(k, s)]);
                            }
                        }
                        sets[base + o] = union.result();
                    }
                }
            }
        }
        return sets;
    }

    /**
     * S(node i) of a scalar graph's global pattern, the hot case kept tight: argument k is node
     * {@code g.arg(i, k)}; pairwise merges in local variables, or one gather for a wide node.
     */
    private static int[] scalarNode(Graph g, int i, Primitive p, int arity, int[][] sets, IndexSets.Union union) {
        if (arity > IndexSets.Union.MERGES) {
            union.begin(arity);
            for (int k = 0; k < arity; k++) {
                if (LocalDependence.global(p, k)) {
                    union.add(sets[g.arg(i, k)]);
                }
            }
            return union.result();
        }
        int[] s = IndexSets.EMPTY;
        for (int k = 0; k < arity; k++) {
            if (LocalDependence.global(p, k)) {
                s = IndexSets.union(s, sets[g.arg(i, k)]);
            }
        }
        return s;
    }

    private static SparsityPattern rowsOf(Elements el, int[][] sets) {
        Graph g = el.graph;
        int m = el.rows();
        int[] ptr = new int[m + 1];
        for (int r = 0; r < g.outputCount(); r++) {
            int base = el.base(g.outputNode(r));
            for (int e = 0, row = el.row[r]; e < el.row[r + 1] - el.row[r]; e++) {
                ptr[row + e + 1] = ptr[row + e] + sets[base + e].length;
            }
        }
        int[] idx = new int[ptr[m]];
        for (int r = 0; r < g.outputCount(); r++) {
            int base = el.base(g.outputNode(r));
            for (int e = 0, row = el.row[r]; e < el.row[r + 1] - el.row[r]; e++) {
                int[] s = sets[base + e];
                System.arraycopy(s, 0, idx, ptr[row + e], s.length);
            }
        }
        return SparsityPattern.trusted(m, el.columns(), ptr, idx);
    }

    private static SparsityPattern hessian(Elements el, int[] outputs, double[] v) {
        Graph g = el.graph;
        int n = g.size();
        int[][] sets = inputSets(el, v);
        boolean[] reach = reached(el, outputs, v);
        ElementReads reads = new ElementReads(el, v);
        boolean scalarGlobal = el.scalar && v == null; // the hot case: slot = node, no branch to judge
        PairAccumulator pairs = new PairAccumulator(el.columns());
        IndexSets.Union union = new IndexSets.Union();
        int[][] argSets = new int[8][];
        for (int i = 0; i < n; i++) {
            int base = el.base(i);
            for (int o = 0, size = el.size(i); o < size; o++) {
                if (!reach[base + o]) {
                    continue;
                }
                int arity = g.arity(i);
                if (arity == 0) {
                    break;
                }
                Primitive p = g.primitive(i);
                if (argSets.length < arity) {
                    argSets = new int[arity][];
                }
                if (scalarGlobal) {
                    // a scalar graph's global pattern, the hot case: argument k is node g.arg(i, k)
                    for (int k = 0; k < arity; k++) {
                        argSets[k] = LocalDependence.global(p, k) ? sets[g.arg(i, k)] : null;
                    }
                } else {
                    reads.at(i, p, arity, o);
                    for (int k = 0; k < arity; k++) {
                        argSets[k] = argumentSet(reads, k, sets, union);
                    }
                }
                addPairs(p, arity, argSets, pairs);
            }
        }
        return pairs.toPattern();
    }

    /**
     * The element slots e with ∂y/∂e possibly nonzero for some output element y of the given
     * outputs: reached backward from them along dependences.
     */
    private static boolean[] reached(Elements el, int[] outputs, double[] v) {
        Graph g = el.graph;
        boolean[] reach = new boolean[el.slots()];
        for (int o : outputs) {
            int node = g.outputNode(o);
            java.util.Arrays.fill(reach, el.base(node), el.base(node + 1), true);
        }
        ElementReads reads = new ElementReads(el, v);
        boolean scalarGlobal = el.scalar && v == null; // the hot case: slot = node, no branch to judge
        for (int i = g.size() - 1; i >= 0; i--) {
            int base = el.base(i);
            for (int o = 0, size = el.size(i); o < size; o++) {
                if (!reach[base + o]) {
                    continue;
                }
                int arity = g.arity(i);
                Primitive p = g.primitive(i);
                if (scalarGlobal) {
                    for (int k = 0; k < arity; k++) {
                        if (LocalDependence.global(p, k)) {
                            reach[g.arg(i, k)] = true;
                        }
                    }
                    continue;
                }
                reads.at(i, p, arity, o);
                for (int k = 0; k < arity; k++) {
                    for (int s = 0, c = reads.count(k); s < c; s++) {
                        reach[reads.slot(k, s)] = true;
                    }
                }
            }
        }
        return reach;
    }

    /**
     * The second-order contributions of one output element whose argument k reaches the input
     * elements {@code argSets[k]} (null where it does not depend on k): S_k × S_k for a NONLINEAR
     * argument, S_j × S_k and its mirror for each pair that interacts.
     */
    private static void addPairs(Primitive p, int arity, int[][] argSets, PairAccumulator pairs) {
        for (int k = 0; k < arity; k++) {
            int[] sk = argSets[k];
            if (sk == null) {
                continue;
            }
            if (p.dependence(k) == Dependence.NONLINEAR) {
                pairs.add(sk, sk);
            }
            for (int j = 0; j < k; j++) {
                int[] sj = argSets[j];
                if (sj != null && p.interacts(j, k)) {
                    pairs.add(sj, sk);
                    pairs.add(sk, sj);
                }
            }
        }
    }

    /** The input elements that the current output element reaches through argument k; null when it does not depend on k. */
    private static int[] argumentSet(ElementReads reads, int k, int[][] sets, IndexSets.Union union) {
        int c = reads.count(k);
        if (c == 0) {
            return null;
        }
        if (c == 1) {
            return sets[reads.slot(k, 0)]; // shared, so the accumulator's repeat check sees equal products
        }
        union.begin(c);
        for (int s = 0; s < c; s++) {
            union.add(sets[reads.slot(k, s)]);
        }
        return union.result();
    }

    private static Elements elements(Graph g) {
        checkGraph(g);
        return new Elements(g);
    }

    private static double[] nodeValues(Elements el, double[] x, EvalOptions options) {
        checkPoint(el, x);
        if (options == null) {
            throw new SparsityException("evaluation options must not be null");
        }
        return el.valuesAt(x, options);
    }

    static void checkGraph(Graph g) {
        if (g == null) {
            throw new SparsityException("graph must not be null");
        }
    }

    /** Throws a {@link SparsityException} naming both sizes when {@code x} does not fit the graph. */
    private static void checkPoint(Elements el, double[] x) {
        int dim = el.columns();
        if (x == null) {
            throw new SparsityException("the point must not be null; the graph takes " + describe(el));
        }
        if (x.length != dim) {
            throw new SparsityException("the point has dimension " + x.length + ", but the graph takes " + describe(el));
        }
    }

    /** "4 inputs [x0, x1, …]" or, with matrix inputs, "7 input elements [X 2x3, s]". */
    private static String describe(Elements el) {
        Graph g = el.graph;
        int dim = el.columns();
        if (dim != g.inputCount()) {
            return dim + " input elements " + el.describeInputs();
        }
        return g.inputCount() + " input" + (g.inputCount() == 1 ? "" : "s") + " " + abbreviate(g);
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
