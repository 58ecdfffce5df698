package dev.leibniz.core.contract;

import dev.leibniz.core.prim.Flow;

/**
 * How an adjoint crosses one edge {@code arg_k → node} in a reverse sweep: the contract
 * ({@link Flow}), and the two rules found in back ends before it (issue 13, defects 1 and 10). The
 * {@link Oracle} can follow either of the old rules, so a known divergence is excused only where
 * the back end's numbers are exactly what the old rule gives ({@link KnownDivergences}) — not any
 * wrong number on the same row.
 */
public enum FlowRule {
    /** {@link Flow}: no edge where the dependence is NONE; an exact zero on either side gives 0. */
    CONTRACT,
    /** Defect 10: a zero adjoint is skipped, but {@code ∞ · 0 = NaN} for a zero partial; NONE edges honoured. */
    SKIP_ZERO_ADJOINT_ONLY,
    /** Defects 1 and 10: as {@link #SKIP_ZERO_ADJOINT_ONLY}, and NONE edges are not honoured ({@code ∞ · 0} reaches a comparison's operands). */
    SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES;

    /** Whether anything crosses edge k of a node with op code {@code code}. */
    boolean flows(int code, int k) {
        return this == SKIP_ZERO_ADJOINT_ONLY_ALL_EDGES || Flow.flows(code, k);
    }

    /** The contribution of adjoint {@code g} through a partial. */
    double times(double g, double partial) {
        if (this == CONTRACT) {
            return Flow.times(g, partial);
        }
        return g == 0 ? 0.0 : g * partial;
    }
}
