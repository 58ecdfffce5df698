package dev.leibniz.core.passes;

import dev.leibniz.core.Graph;
import dev.leibniz.core.LeibnizException;
import dev.leibniz.core.Subgradients;
import dev.leibniz.core.prim.Primitive;

/**
 * Constant folding: an operation whose arguments are all constants is evaluated once, now, and
 * replaced by a constant node holding its value, {@code p(c₁, …, c_k) ↦ const}. Nodes are
 * visited in topological order, so whole constant subtrees fold in one pass.
 *
 * <p>The folded value is computed by the primitive's own {@code apply}, the same code the
 * evaluator runs, so evaluation results are bit-for-bit unchanged. Two kinds of node are kept:
 * <ul>
 *   <li>primitives with {@link Primitive#usesPolicy()} ({@code step}, {@code sign},
 *       {@code tiestep}): their value at 0 depends on the {@link Subgradients} policy of each
 *       evaluation, which is not known now;</li>
 *   <li>nodes whose value would be non-finite (e.g. {@code log 0}): keeping the operation lets
 *       anomaly detection name the primitive that produced the NaN or infinity, instead of a
 *       constant that merely holds it.</li>
 * </ul>
 *
 * <p><b>Cheaper primitives by a constant.</b> A node with a constant argument is rewritten to the
 * cheaper primitive its declaration names for that constant ({@link Primitive#sameBitsWithConstant}),
 * which computes the same bits. So far one: the strong-zero product {@code mulz(a, c)} with a
 * finite, nonzero constant {@code c} (a derivative graph's multiplication by the 2 of a square or
 * by a weight) is {@code mul(a, c)}: its zero test can only fire when one factor is 0 and the
 * other non-finite, and c is neither. {@code mul} compiles to one
 * multiplication instead of two comparisons and a multiplication (a Hessian–vector product of
 * extended Rosenbrock has six per pair of inputs). The partials are the same (∂a = c, ∂b = a), so
 * gradients of the rewritten graph are unchanged too. Not counted in {@code removed}: no node
 * becomes a constant.
 *
 * <p><b>Counting.</b> {@code removed} is the number of operations replaced by constants. The
 * graph keeps its size: each folded operation becomes a constant leaf in the same place, and the
 * argument constants it no longer uses are left for {@link DeadCodeElimination}, which counts
 * them when it deletes them.
 */
public final class ConstantFolding {
    /** The name used in pass reports. */
    public static final String NAME = "constant folding";

    private ConstantFolding() {
    }

    public static PassResult apply(Graph g) {
        GraphRewriter r = new GraphRewriter(g);
        int n = g.size();
        // per old node: whether its image in the new graph is a constant, and its value
        boolean[] isConst = new boolean[n];
        double[] value = new double[n];
        double[] x = new double[8];
        int folded = 0;
        for (int i = 0; i < n; i++) {
            Primitive p = g.primitive(i);
            switch (p.kind()) {
                case INPUT -> r.copyInput(i);
                case CONSTANT -> {
                    isConst[i] = true;
                    value[i] = g.param(i);
                    r.constant(i, value[i]);
                }
                default -> {
                    int k = g.arity(i);
                    if (x.length < k) {
                        x = new double[k];
                    }
                    if (!p.usesPolicy() && k > 0 && g.shape(i).isScalar() && allConstant(g, i, k, isConst, value, x)) {
                        double y = evaluate(p, x, k, g.param(i));
                        if (Double.isFinite(y)) {
                            isConst[i] = true;
                            value[i] = y;
                            r.constant(i, y);
                            folded++;
                            continue;
                        }
                    }
                    Primitive cheaper = cheaperWithConstant(g, i, p, k, isConst, value);
                    if (cheaper != null) {
                        r.map[i] = r.b.applyIds(cheaper, g.param(i), r.mappedArgs(i), k);
                        continue;
                    }
                    r.copyOperation(i, r.mappedArgs(i));
                }
            }
        }
        return new PassResult(NAME, r.build(), folded);
    }

    /**
     * The declaration's cheaper primitive with the same bits for a scalar node with a constant
     * argument ({@link Primitive#sameBitsWithConstant}), or null.
     */
    private static Primitive cheaperWithConstant(Graph g, int i, Primitive p, int k, boolean[] isConst, double[] value) {
        if (!g.shape(i).isScalar()) {
            return null;
        }
        for (int a = 0; a < k; a++) {
            if (!g.shape(g.arg(i, a)).isScalar()) {
                return null;
            }
        }
        for (int a = 0; a < k; a++) {
            int arg = g.arg(i, a);
            Primitive q = isConst[arg] ? p.sameBitsWithConstant(a, value[arg]) : null;
            if (q != null) {
                return q;
            }
        }
        return null;
    }

    /** True when every argument is constant; gathers their values into {@code x}. */
    private static boolean allConstant(Graph g, int i, int k, boolean[] isConst, double[] value, double[] x) {
        for (int j = 0; j < k; j++) {
            int a = g.arg(i, j);
            if (!isConst[a]) {
                return false;
            }
            x[j] = value[a];
        }
        return true;
    }

    /** The primitive's value, or NaN (do not fold) when it rejects its arguments. */
    private static double evaluate(Primitive p, double[] x, int k, double param) {
        try {
            return p.apply(x, k, param, Subgradients.DEFAULT);
        } catch (LeibnizException e) {
            // e.g. a softmax target out of range: leave the node so evaluation reports it
            return Double.NaN;
        }
    }
}
