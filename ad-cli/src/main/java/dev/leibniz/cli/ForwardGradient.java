package dev.leibniz.cli;

import dev.leibniz.core.Gradient;
import dev.leibniz.core.Graph;
import dev.leibniz.forward.Jacobians;
import org.ejml.data.DMatrixRMaj;

/** Gradient of a scalar expression by forward mode: the 1×n Jacobian, by tangent sweeps. */
final class ForwardGradient {
    private ForwardGradient() {
    }

    static Gradient of(Graph f, double[] x) {
        DMatrixRMaj j = Jacobians.jacobianForward(f, x);
        double value = f.compile().evaluate(x)[0];
        String[] names = f.inputNames().toArray(new String[0]);
        double[] g = new double[names.length];
        boolean[] present = new boolean[names.length];
        Gradient reach = f.compile().gradient(x); // presence is structural: same in both modes
        for (int i = 0; i < g.length; i++) {
            g[i] = j.get(0, i);
            present[i] = reach.isPresent(i);
        }
        return new Gradient(value, names, g, present);
    }
}
