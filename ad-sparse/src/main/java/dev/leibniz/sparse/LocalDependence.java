package dev.leibniz.sparse;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Dependence;
import dev.leibniz.core.prim.Primitive;

/**
 * Which arguments a node depends on, globally or <em>at a given point</em>. Both facts are the
 * primitive's own declarations — {@link Primitive#dependence(int)} and
 * {@link Primitive#dependsLocally(int, double[], int, double)} (the branch a {@code select} takes,
 * {@code relu} right of its kink, the winner of {@code max}/{@code min}) — so a primitive added
 * later brings its local sparsity with it. This class only gathers a node's argument values.
 *
 * <p>Patterns are structural (which derivatives may be nonzero near the point, on the branch
 * taken), not numerical (which are nonzero at the point): a local pattern stays valid in a
 * neighbourhood where no branch flips, so it can be colored once and reused.
 */
final class LocalDependence {
    private LocalDependence() {
    }

    /** Whether a node of primitive {@code p} depends on its argument {@code k} globally (for all inputs). */
    static boolean global(Primitive p, int k) {
        return p.dependence(k) != Dependence.NONE;
    }

    /** Whether node {@code i} depends on its argument {@code k} at the point with node values {@code v}. */
    static boolean local(Graph g, int i, Primitive p, int k, double[] v) {
        if (!global(p, k)) {
            return false;
        }
        int n = g.arity(i);
        double[] x = new double[n];
        for (int j = 0; j < n; j++) {
            x[j] = v[g.arg(i, j)];
        }
        return p.dependsLocally(k, x, n, g.param(i));
    }
}
