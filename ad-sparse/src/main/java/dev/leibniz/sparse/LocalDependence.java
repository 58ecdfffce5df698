package dev.leibniz.sparse;

import dev.leibniz.core.prim.Comparisons;
import dev.leibniz.core.prim.Dependence;
import dev.leibniz.core.prim.Kinks;
import dev.leibniz.core.prim.Primitive;

/**
 * Which arguments a node depends on <em>at a given point</em>: the global dependence of the
 * primitive, minus the branches the point does not take.
 *
 * <ul>
 *   <li>{@code select(c, a, b)} depends on {@code a} when c ≠ 0 (NaN counts as ≠ 0, as in its
 *       evaluation), otherwise on {@code b}; never on {@code c}.</li>
 *   <li>{@code max(a, b)} depends on the larger argument only, {@code min} on the smaller; at a
 *       tie (or when either is NaN) on both, because a subgradient policy may weight both.</li>
 *   <li>{@code relu(x)} depends on x unless x &lt; 0. At x = 0 the dependence is kept: it is a
 *       kink, and the policy may set relu'(0) to any value in [0, 1].</li>
 *   <li>step-like primitives and comparisons never depend on anything (their global
 *       dependence is already {@code NONE}); {@code abs} always keeps its argument.</li>
 * </ul>
 *
 * A multiplication by a value that happens to be exactly zero does <em>not</em> remove a
 * dependence: patterns are structural (which derivatives may be nonzero near the point, on the
 * branch taken), not numerical (which are nonzero at the point). A structural local pattern stays
 * valid in a neighbourhood of the point where no branch flips, so it can be colored once and
 * reused; a numerical one could change with every evaluation.
 *
 * <p>On matrices a scalar primitive applies elementwise, so the rule is judged element by element
 * from the values of the argument elements that one output element reads (with broadcasting: a
 * scalar condition selects the same branch for every element, a matrix condition per element).
 * Matrix primitives keep their global dependence at every point.
 *
 * <p>Primitives are recognised by identity, so a primitive added later without an entry here
 * keeps its global dependence — conservative, never wrong.
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
     * {@code k} at the point whose element values are {@code v}; {@code read[k']} is the slot of
     * the element of argument k' that this element reads.
     */
    static boolean local(Primitive p, int k, double[] v, int[] read) {
        if (!global(p, k)) {
            return false;
        }
        if (p == Comparisons.SELECT) {
            boolean takeFirst = v[read[0]] != 0; // same test as select's evaluation
            return k == 1 ? takeFirst : !takeFirst;
        }
        if (p == Kinks.RELU) {
            return !(v[read[0]] < 0);
        }
        if (p == Kinks.MAX || p == Kinks.MIN) {
            double a = v[read[0]];
            double b = v[read[1]];
            if (a == b || Double.isNaN(a) || Double.isNaN(b)) {
                return true;
            }
            boolean firstWins = p == Kinks.MAX ? a > b : a < b;
            return k == 0 ? firstWins : !firstWins;
        }
        return true;
    }
}
