package dev.leibniz.ode;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.internal.DenseJacobian;

/**
 * How the Jacobian J = ∂f/∂y of the right-hand side is computed, for the implicit method's
 * linear systems. The default is {@link #dense()}: all n columns at once by forward mode, cost
 * about n evaluations of f, memory n² doubles. A sparse strategy (sparsity pattern from the
 * graph, column coloring, compressed evaluation) plugs in here for large systems.
 */
public interface JacobianStrategy {
    /** Evaluates J at one point. Not thread-safe: each solve prepares its own. */
    interface Evaluator {
        /**
         * Fills {@code jacobian} (row-major n×n, {@code jacobian[i * n + k] = ∂f_i/∂y_k}) at the
         * graph inputs {@code inputs} (in the graph's input order).
         */
        void jacobian(double[] inputs, double[] jacobian);
    }

    /**
     * Prepares an evaluator for {@code rhs}, whose output {@code i} is f_i and whose input
     * {@code stateInputs[k]} is state k ({@code -1} when f does not read state k). Called once per solve.
     */
    Evaluator prepare(Graph rhs, int[] stateInputs);

    /** Dense J by one forward-mode sweep with n tangent lanes. */
    static JacobianStrategy dense() {
        return DenseJacobian.INSTANCE;
    }
}
