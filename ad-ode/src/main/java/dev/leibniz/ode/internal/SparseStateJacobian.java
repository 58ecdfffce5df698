package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.JacobianStrategy;
import dev.leibniz.sparse.SparsityPattern;
import org.ejml.data.DMatrixSparseCSC;

/**
 * {@link JacobianStrategy#sparse()}: ∂f/∂y compressed by column coloring
 * ({@link CompressedStateJacobian}), solved by sparse LU ({@link SparseShiftedSolver}). Its dense
 * form scatters the sparse result, for callers that want a dense matrix anyway.
 */
public final class SparseStateJacobian implements JacobianStrategy {
    public static final SparseStateJacobian INSTANCE = new SparseStateJacobian();

    private SparseStateJacobian() {
    }

    @Override
    public SparseEvaluator prepareSparse(Graph rhs, int[] stateInputs) {
        SparsityPattern full = CompressedStateJacobian.graphPattern(rhs);
        return new CompressedStateJacobian(rhs, stateInputs, full, CompressedStateJacobian.statePattern(full, stateInputs));
    }

    @Override
    public Evaluator prepare(Graph rhs, int[] stateInputs) {
        return scatter(prepareSparse(rhs, stateInputs), stateInputs.length);
    }

    /** A dense evaluator over a sparse one. */
    static Evaluator scatter(SparseEvaluator sparse, int n) {
        DMatrixSparseCSC m = sparse.newMatrix();
        return (inputs, jacobian) -> {
            sparse.jacobian(inputs, m);
            java.util.Arrays.fill(jacobian, 0, n * n, 0.0);
            for (int k = 0; k < n; k++) {
                for (int e = m.col_idx[k]; e < m.col_idx[k + 1]; e++) {
                    jacobian[m.nz_rows[e] * n + k] = m.nz_values[e];
                }
            }
        };
    }

    @Override
    public String toString() {
        return "sparse (colored forward mode, sparse LU)";
    }
}
