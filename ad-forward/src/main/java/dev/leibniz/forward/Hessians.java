package dev.leibniz.forward;

import dev.leibniz.core.EvalOptions;
import dev.leibniz.core.Graph;
import org.ejml.data.DMatrixRMaj;

/**
 * One-call second derivatives of the first output of a graph, by forward-over-reverse. Each call
 * builds the gradient graph; keep a {@link HessianProgram} to reuse it.
 */
public final class Hessians {
    private Hessians() {
    }

    /** The Hessian–vector product H(x)·v. */
    public static double[] hvp(Graph f, double[] x, double[] v) {
        return HessianProgram.prepare(f, 0, 1, EvalOptions.DEFAULT).hvp(x, v);
    }

    /** The full n×n Hessian H(x), by n Hessian–vector products (for small n). */
    public static DMatrixRMaj hessian(Graph f, double[] x) {
        return HessianProgram.prepare(f).hessian(x);
    }
}
