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
        // value and presence (structural reachability, the same in both modes) from the program
        Gradient reverse = f.compile().gradient(x);
        double[] g = new double[reverse.size()];
        for (int i = 0; i < g.length; i++) {
            g[i] = j.get(0, i);
        }
        return new Gradient(reverse.value(), f.inputNames().toArray(new String[0]), g, reverse.presence());
    }
}
