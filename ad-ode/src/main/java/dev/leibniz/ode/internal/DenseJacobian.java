package dev.leibniz.ode.internal;

import dev.leibniz.core.Graph;
import dev.leibniz.ode.JacobianStrategy;

/**
 * Dense ∂f/∂y by forward mode: one tangent sweep with n lanes, lane k seeded with the unit
 * vector of state k. Cost ≈ n × (one evaluation of f); the output tangents are exactly the
 * row-major Jacobian.
 */
public final class DenseJacobian implements JacobianStrategy {
    public static final DenseJacobian INSTANCE = new DenseJacobian();

    private DenseJacobian() {
    }

    @Override
    public Evaluator prepare(Graph rhs, int[] stateInputs) {
        Tape tape = new Tape(rhs);
        int n = stateInputs.length;
        double[] v = new double[tape.size()];
        double[] dot = new double[tape.size() * n];
        double[] seed = new double[tape.inputCount() * n];
        for (int k = 0; k < n; k++) {
            if (stateInputs[k] >= 0) {
                seed[stateInputs[k] * n + k] = 1.0;
            }
        }
        double[] scratch = tape.newScratch();
        return (inputs, jacobian) -> {
            tape.forward(inputs, v, scratch);
            Tangents.jvp(tape, v, seed, n, dot, scratch);
            Tangents.outputs(tape, dot, n, jacobian);
        };
    }

    @Override
    public String toString() {
        return "dense (forward mode, n lanes)";
    }
}
