package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.JacobianStrategy;
import dev.leibniz.sparse.SparsityPattern;

/**
 * {@link JacobianStrategy#auto()}: sparse when the system is large and its Jacobian sparse,
 * dense otherwise. The rule, n ≥ {@value #MIN_STATES} and structural density ≤ {@value #MAX_DENSITY},
 * looks only at the pattern (found from the graph in about a millisecond for thousands of
 * states), never at timings, so the choice is the same on every machine. Below 64 states a dense
 * LU is a few tens of microseconds and the sparse bookkeeping does not pay; above 10% density a
 * sparse LU fills in towards dense anyway.
 */
public final class AutoJacobian implements JacobianStrategy {
    public static final AutoJacobian INSTANCE = new AutoJacobian();

    /** Fewest states for which a sparse Jacobian is considered. */
    public static final int MIN_STATES = 64;

    /** Largest fraction of structurally nonzero entries of ∂f/∂y for a sparse Jacobian. */
    public static final double MAX_DENSITY = 0.1;

    private AutoJacobian() {
    }

    @Override
    public SparseEvaluator prepareSparse(Graph rhs, int[] stateInputs) {
        int n = stateInputs.length;
        if (n < MIN_STATES) {
            return null;
        }
        SparsityPattern full = CompressedStateJacobian.graphPattern(rhs);
        SparsityPattern state = CompressedStateJacobian.statePattern(full, stateInputs);
        if (state.nnz() > MAX_DENSITY * n * (double) n) {
            return null;
        }
        return new CompressedStateJacobian(rhs, stateInputs, full, state);
    }

    @Override
    public Evaluator prepare(Graph rhs, int[] stateInputs) {
        SparseEvaluator s = prepareSparse(rhs, stateInputs);
        return s == null ? DenseJacobian.INSTANCE.prepare(rhs, stateInputs)
                : SparseStateJacobian.scatter(s, stateInputs.length);
    }

    @Override
    public String toString() {
        return "auto (sparse for n >= " + MIN_STATES + " states at density <= " + MAX_DENSITY + ", else dense)";
    }
}
