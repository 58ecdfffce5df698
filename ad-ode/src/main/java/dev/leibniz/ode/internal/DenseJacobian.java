package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.forward.ForwardProgram;
import dev.leibniz.forward.TangentLanes;
import dev.leibniz.ode.JacobianStrategy;

/**
 * Dense ∂f/∂y by forward mode: one ad-forward tangent sweep ({@link ForwardProgram}) with n
 * lanes, lane k seeded with the unit vector of state k. Cost ≈ n × (one evaluation of f) in
 * multiply-adds, each local partial computed once; memory (graph size) × n doubles for the
 * workspace, so large sparse systems want a sparse strategy. The output
 * tangents are exactly the row-major Jacobian.
 */
public final class DenseJacobian implements JacobianStrategy {
    public static final DenseJacobian INSTANCE = new DenseJacobian();

    private DenseJacobian() {
    }

    @Override
    public Evaluator prepare(Graph rhs, int[] stateInputs) {
        int n = stateInputs.length;
        ForwardProgram program = ForwardProgram.prepare(rhs, n);
        TangentLanes work = program.newWorkspace();
        double[] seed = new double[rhs.inputCount() * n];
        for (int k = 0; k < n; k++) {
            if (stateInputs[k] >= 0) {
                seed[stateInputs[k] * n + k] = 1.0;
            }
        }
        return (inputs, jacobian) -> {
            program.values(inputs, work);
            program.tangents(seed, work);
            program.outputTangents(work, jacobian);
        };
    }

    @Override
    public String toString() {
        return "dense (forward mode, n lanes)";
    }
}
