package dev.leibniz.core.contract;

import dev.leibniz.core.Graph;
import dev.leibniz.core.prim.Primitive;
import java.util.Arrays;

/**
 * One run of the contract: a graph ({@link Spec}) at a point, with a cotangent for the
 * vector–Jacobian product and a tangent for the Jacobian–vector product. Arrays are row-major,
 * one per input (of its shape) and one for the output.
 *
 * @param spec      the graph's structure
 * @param inputs    the value of every input
 * @param cotangent the output cotangent v (for VJP(v) = vᵀJ)
 * @param tangent   the input tangent u (for JVP(u) = J·u); zeros on class-index inputs
 * @param origin    where the case comes from, to reproduce it ("grid #12", "seed 4711")
 */
public record Case(Spec spec, double[][] inputs, double[] cotangent, double[][] tangent, String origin) {

    public Primitive primitive() {
        return spec.primitive();
    }

    public Embedding embedding() {
        return spec.embedding();
    }

    public Graph graph() {
        return spec.graph();
    }

    /** The inputs of a scalar graph as one value each. */
    public double[] scalarInputs() {
        double[] x = new double[inputs.length];
        for (int k = 0; k < x.length; k++) {
            x[k] = inputs[k][0];
        }
        return x;
    }

    /** The tangent of a scalar graph as one value per input. */
    public double[] scalarTangent() {
        double[] t = new double[tangent.length];
        for (int k = 0; k < t.length; k++) {
            t[k] = tangent[k][0];
        }
        return t;
    }

    @Override
    public String toString() {
        return spec + " at x=" + Arrays.deepToString(inputs) + ", cotangent=" + Arrays.toString(cotangent)
                + ", tangent=" + Arrays.deepToString(tangent) + " (" + origin + ")";
    }
}
