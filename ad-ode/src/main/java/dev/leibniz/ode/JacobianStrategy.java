package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.internal.AutoJacobian;
import dev.leibniz.ode.internal.DenseJacobian;
import dev.leibniz.ode.internal.SparseStateJacobian;
import org.ejml.data.DMatrixSparseCSC;

/**
 * How the Jacobian J = ∂f/∂y of the right-hand side is computed, and so how the implicit
 * method's linear systems (I − hγJ) x = b are solved — for the state, its forward
 * sensitivities and the continuous adjoint alike.
 *
 * <ul>
 *   <li>{@link #dense()}: all n columns by one forward-mode sweep with n tangent lanes, LU with
 *       partial pivoting. Work per Jacobian ≈ n evaluations of f, per factorization n³/3;
 *       memory n² doubles plus (graph size) × n for the sweep.</li>
 *   <li>{@link #sparse()}: the pattern of ∂f/∂y from the graph (ad-sparse), its columns colored
 *       so that columns sharing no row share one tangent lane, J by one compressed sweep with
 *       as many lanes as colors, and a sparse LU (EJML) after a reverse Cuthill–McKee ordering.
 *       Work per Jacobian ≈ (colors) evaluations of f — 11 instead of 2048 for the 32×32
 *       Brusselator — and the factorization costs what the fill-in costs, roughly n·b² for
 *       bandwidth b. Setup (detection and coloring) is once per solve.</li>
 *   <li>{@link #auto()} (the default): sparse when n ≥ {@value AutoJacobian#MIN_STATES} and at
 *       most {@value AutoJacobian#MAX_DENSITY} of ∂f/∂y is structurally nonzero, dense otherwise.
 *       Below 64 states a dense LU is cheap and the sparse bookkeeping does not pay.</li>
 * </ul>
 * Dense and sparse Jacobians are equal bitwise (the compressed sweep adds exact zeros only), so
 * the choice changes the cost, not the trajectory beyond the rounding of the LU.
 *
 * <p>A strategy of your own (an analytic Jacobian, say) implements {@link #prepare} and,
 * optionally, {@link #prepareSparse}.
 */
public interface JacobianStrategy {
    /** Evaluates J densely at one point. Not thread-safe: each solve prepares its own. */
    interface Evaluator {
        /**
         * Fills {@code jacobian} (row-major n×n, {@code jacobian[i * n + k] = ∂f_i/∂y_k}) at the
         * graph inputs {@code inputs} (in the graph's input order).
         */
        void jacobian(double[] inputs, double[] jacobian);
    }

    /** Evaluates J into a sparse matrix of fixed structure. Not thread-safe. */
    interface SparseEvaluator {
        /** A new n×n matrix with J's structure (columns in state order), values zero. */
        DMatrixSparseCSC newMatrix();

        /** Fills the values of {@code out} (made by {@link #newMatrix()}) at the graph inputs. */
        void jacobian(double[] inputs, DMatrixSparseCSC out);

        /** Tangent lanes (colors) one evaluation sweeps, against n for a dense Jacobian. */
        int sweeps();
    }

    /**
     * Prepares a dense evaluator for {@code rhs}, whose output {@code i} is f_i and whose input
     * {@code stateInputs[k]} is state k ({@code -1} when f does not read state k). Called once per solve.
     */
    Evaluator prepare(Graph rhs, int[] stateInputs);

    /**
     * Prepares a sparse evaluator, or returns {@code null} (the default) to have the solver use
     * {@link #prepare} and dense linear algebra.
     */
    default SparseEvaluator prepareSparse(Graph rhs, int[] stateInputs) {
        return null;
    }

    /** Dense J by one forward-mode sweep with n tangent lanes; dense LU. */
    static JacobianStrategy dense() {
        return DenseJacobian.INSTANCE;
    }

    /** Compressed sparse J (pattern, coloring, one sweep with a lane per color); sparse LU. */
    static JacobianStrategy sparse() {
        return SparseStateJacobian.INSTANCE;
    }

    /** Sparse for large systems with sparse Jacobians, dense otherwise (see the class documentation). */
    static JacobianStrategy auto() {
        return AutoJacobian.INSTANCE;
    }
}
