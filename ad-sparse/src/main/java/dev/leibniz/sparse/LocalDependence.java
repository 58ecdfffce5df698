package dev.leibniz.sparse;

import dev.leibniz.core.prim.Dependence;
import dev.leibniz.core.prim.Primitive;

/**
 * Which arguments an element of a node depends on, globally or <em>at a given point</em>. Both
 * facts are the primitive's own declarations — {@link Primitive#dependence(int)} and
 * {@link Primitive#dependsLocally(int, double[], int, double)} (the branch a {@code select} takes,
 * {@code relu} right of its kink, the winner of {@code max}/{@code min}) — so a primitive added
 * later brings its local sparsity with it. {@link ElementReads} gathers the argument values an
 * element reads, once per element.
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

    /**
     * Whether an element of a node of scalar primitive {@code p} depends on its argument
     * {@code k} at the point where the element's {@code n} arguments have the values {@code x}.
     */
    static boolean local(Primitive p, int k, double[] x, int n) {
        return global(p, k) && p.dependsLocally(k, x, n, 0.0);
    }
}
